package dev.aiopt.junit.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.metrics.BenchReader;
import dev.aiopt.junit.internal.metrics.BenchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;

/**
 * The synthetic run with write pressure: every benchmark run of every program also carries the stall share, the
 * L0 files and the write p99 that the real reader ({@link BenchReader}) takes from a real {@code db_bench} output
 * of {@code src/test/resources/metrics/db_bench} (RocksDB 7.8.3; origin and licence in that folder's README),
 * the outputs taken in turn, and the medians are recomputed as the evolution loop computes them.
 */
final class PressureFixture {
    /** Real db_bench outputs that hold a stats dump (stdout, and stderr where it was captured apart). */
    static final List<String[]> OUTPUTS = List.of(
            new String[] {"fillrandom_t2_nowal_stall_statistics.stdout.txt", "fillrandom_t2_nowal_stall_statistics.stderr.txt"},
            new String[] {"fillrandom_t1_n1M_hist_statistics.stdout.txt", "fillrandom_t1_n1M_hist_statistics.stderr.txt"},
            new String[] {"fillrandom_t8_n1M_hist_stats.stdout.txt", "fillrandom_t8_n1M_hist_stats.stderr.txt"},
            new String[] {"fillrandom_stats_n20k_hist.merged.txt", null});
    static final List<String> METRICS = List.of(PressureSection.STALL, PressureSection.L0, PressureSection.WRITE_P99);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PressureFixture() {
    }

    /** The pressure metrics of each output, in the order of {@link #OUTPUTS}, as the real reader reads them. */
    static List<Map<String, Double>> figures() {
        List<Map<String, Double>> figures = new ArrayList<>();
        for (String[] output : OUTPUTS) {
            Map<String, Double> all = BenchReader.read(resource(output[0]), output[1] == null ? "" : resource(output[1]),
                    Optional.empty(), BenchSpec.of("db_bench", "fillrandom", "", "")).metrics();
            for (String metric : METRICS) {
                if (!all.containsKey(metric)) {
                    throw new IllegalStateException(output[0] + " has no " + metric + ": " + all.keySet());
                }
            }
            figures.add(Map.of(PressureSection.STALL, all.get(PressureSection.STALL), PressureSection.L0,
                    all.get(PressureSection.L0), PressureSection.WRITE_P99, all.get(PressureSection.WRITE_P99)));
        }
        return figures;
    }

    /** The run file, with {@code leftOut} metrics not added (to check that their columns disappear). */
    static String json(String... leftOut) {
        List<Map<String, Double>> figures = figures();
        try {
            ObjectNode run = (ObjectNode) JSON.readTree(Fixture.json());
            int program = 0;
            program = addTo(run.path("baseline"), figures, program, List.of(leftOut));
            for (JsonNode candidate : run.path("candidates")) {
                program = addTo(candidate, figures, program, List.of(leftOut));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int addTo(JsonNode program, List<Map<String, Double>> figures, int index, List<String> leftOut) {
        JsonNode runs = program.path("runs");
        if (runs.isEmpty()) {
            return index;
        }
        for (int i = 0; i < runs.size(); i++) {
            ObjectNode one = (ObjectNode) runs.get(i);
            figures.get((index + i) % figures.size()).forEach((metric, value) -> {
                if (!leftOut.contains(metric)) {
                    one.put(metric, value);
                }
            });
        }
        ObjectNode medians = (ObjectNode) program.path("metrics");
        for (String metric : METRICS) {
            if (!leftOut.contains(metric)) {
                double[] values = new double[runs.size()];
                for (int i = 0; i < runs.size(); i++) {
                    values[i] = runs.get(i).get(metric).asDouble();
                }
                Arrays.sort(values);
                medians.put(metric, PressureSection.median(values));
            }
        }
        return index + 1;
    }

    private static String resource(String name) {
        try (InputStream in = PressureFixture.class.getResourceAsStream("/metrics/db_bench/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /metrics/db_bench/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
