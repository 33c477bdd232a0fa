package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.aiopt.junit.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JMH = Path.of("src/test/resources/gate/jmh/database-promptOnly-thrpt-sample.json");
    private static final Path GOOGLE_BENCHMARK =
            Path.of("src/test/resources/metrics/google-benchmark/lookup_bench_repetitions3.json");

    @TempDir
    Path dir;

    @Test
    void readsTheBaselineRunsOfARunJson() throws IOException {
        Path runJson = write("run.json", """
                {"experiment": "EmbeddedWritePathExperiment",
                 "baseline": {"id": "g0-baseline", "runs": [
                   {"ops_per_sec": 110950.0, "p99_us": 11.01, "micros_per_op": 36.05},
                   {"ops_per_sec": 135602.0, "p99_us": 11.75, "micros_per_op": 29.5}]}}
                """);

        StoredRuns runs = StoredRuns.read(runJson, "test");

        assertThat(runs.opsPerSec()).containsExactly(110950.0, 135602.0);
        assertThat(runs.p99Us()).containsExactly(11.01, 11.75);
    }

    @Test
    void writtenRunsReadBack() {
        Path file = dir.resolve("nested/gate.json");
        StoredRuns.of(List.of(Map.of("ops_per_sec", 100.0, "p99_us", 2.0), Map.of("ops_per_sec", 90.0, "p99_us", 3.0)))
                .write(file, "reference runs");

        StoredRuns back = StoredRuns.read(file, "test");

        assertThat(back.opsPerSec()).containsExactly(100.0, 90.0);
        assertThat(back.p99Us()).containsExactly(2.0, 3.0);
    }

    @Test
    void aFileWithoutRunsSaysWhichShapeToWrite() throws IOException {
        Path file = write("other.json", "{\"throughput\": [1, 2]}");

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("{\"ops_per_sec\": [...], \"p99_us\": [...]}");
    }

    @Test
    void unevenArraysAndBadNumbersAreNamed() throws IOException {
        Path uneven = write("uneven.json", "{\"ops_per_sec\": [1, 2, 3], \"p99_us\": [1, 2]}");
        Path negative = write("negative.json", "{\"ops_per_sec\": [1, -2], \"p99_us\": [1, 2]}");

        assertThatThrownBy(() -> StoredRuns.read(uneven, "test"))
                .hasMessageContaining("holds 3 ops_per_sec values but 2 p99_us values");
        assertThatThrownBy(() -> StoredRuns.read(negative, "test"))
                .hasMessageContaining("ops_per_sec[1]").hasMessageContaining("must be a positive number, found -2");
    }

    @Test
    void oneRunIsTooFewToCompare() throws IOException {
        Path file = write("one.json", "{\"ops_per_sec\": [1], \"p99_us\": [1]}");

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).hasMessageContaining("holds 1 run(s)")
                .hasMessageContaining("at least 2");
    }

    @Test
    void invalidJsonIsNamed() throws IOException {
        Path file = write("broken.json", "{\"ops_per_sec\": [1,");

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is not valid JSON");
    }

    @Test
    void readsJmhThroughputPerIterationAndP99FromTheSampleHistograms() throws IOException {
        JsonNode results = JSON.readTree(JMH.toFile());

        StoredRuns runs = StoredRuns.read(JMH, "test");

        JsonNode thrpt = results.get(0).get("primaryMetric").get("rawData");
        assertThat(runs.opsPerSec()).hasSize(8);
        assertThat(runs.opsPerSec()[0]).isCloseTo(thrpt.get(0).get(0).asDouble() * 1000, within(1e-6)); // ops/ms
        assertThat(runs.opsPerSec()[7]).isCloseTo(thrpt.get(1).get(3).asDouble() * 1000, within(1e-6));
        JsonNode histograms = results.get(1).get("primaryMetric").get("rawDataHistogram");
        assertThat(runs.p99Us()).hasSize(8);
        assertThat(runs.p99Us()[0]).isEqualTo(nearestRankP99(histograms.get(0).get(0)) * 1000); // ms/op -> us
        assertThat(runs.p99Us()[5]).isEqualTo(nearestRankP99(histograms.get(1).get(1)) * 1000);
    }

    @Test
    void aJmhBenchmarkIsPickedAfterAHashAndAWrongNameListsThem() {
        Path picked = JMH.resolveSibling(JMH.getFileName() + "#DatabaseBenchmark.promptOnly");
        Path wrong = JMH.resolveSibling(JMH.getFileName() + "#fill");

        assertThat(StoredRuns.read(picked, "test").opsPerSec()).hasSize(8);
        assertThatThrownBy(() -> StoredRuns.read(wrong, "test")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no JMH benchmark 'fill'")
                .hasMessageContaining("DatabaseBenchmark.promptOnly{populationLimit=1000}");
    }

    @Test
    void jmhThroughputAloneHasNoP99AndTheGateSaysWhichModeToAdd() throws IOException {
        ArrayNode thrptOnly = JSON.createArrayNode().add(JSON.readTree(JMH.toFile()).get(0));
        Path file = write("thrpt.json", thrptOnly.toString());

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("holds no p99 per run").hasMessageContaining("-bm thrpt,sample");
        StoredRuns runs = StoredRuns.read(file, "test", false);
        assertThat(runs.hasLatency()).isFalse();
        assertThat(runs.opsPerSec()).hasSize(8);
    }

    @Test
    void readsEachGoogleBenchmarkRepetitionAsARun() throws IOException {
        Path file = GOOGLE_BENCHMARK.resolveSibling(GOOGLE_BENCHMARK.getFileName() + "#BM_LinearLookup/4096/min_time:0.020");
        JsonNode rows = JSON.readTree(GOOGLE_BENCHMARK.toFile()).get("benchmarks");

        StoredRuns runs = StoredRuns.read(file, "test");

        assertThat(runs.opsPerSec()).containsExactly(rows.get(0).get("items_per_second").asDouble(),
                rows.get(1).get("items_per_second").asDouble(), rows.get(2).get("items_per_second").asDouble());
        assertThat(runs.p99Us()).containsExactly(rows.get(0).get("p99_us").asDouble(),
                rows.get(1).get("p99_us").asDouble(), rows.get(2).get("p99_us").asDouble());
        assertThatThrownBy(() -> StoredRuns.read(GOOGLE_BENCHMARK, "test"))
                .hasMessageContaining("holds 2 benchmarks").hasMessageContaining("<file>#<run name>");
    }

    @Test
    void ourOwnThroughputOnlyFileIsAcceptedWhenTheGateNeedsNoP99() throws IOException {
        Path file = write("ops.json", "{\"ops_per_sec\": [100, 101, 99]}");

        assertThat(StoredRuns.read(file, "test", false).opsPerSec()).containsExactly(100, 101, 99);
        assertThatThrownBy(() -> StoredRuns.read(file, "test")).hasMessageContaining("holds no p99 per run");
    }

    private static double nearestRankP99(JsonNode histogram) {
        List<Double> samples = new ArrayList<>();
        for (JsonNode pair : histogram) {
            for (int i = 0; i < pair.get(1).asInt(); i++) {
                samples.add(pair.get(0).asDouble());
            }
        }
        Collections.sort(samples);
        return samples.get((int) Math.ceil(0.99 * samples.size()) - 1);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
