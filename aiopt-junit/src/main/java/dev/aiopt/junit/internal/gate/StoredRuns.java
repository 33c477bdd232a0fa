package dev.aiopt.junit.internal.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.metrics.GoogleBenchmarkJson;
import dev.aiopt.junit.internal.metrics.JmhResults;
import dev.aiopt.junit.internal.metrics.MetricsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-run throughput and p99 kept in a JSON file for the gate's history mode. Reads our own
 * {@code {"ops_per_sec": [...], "p99_us": [...]}}, a {@code {"runs": [{metric: value}, ...]}} list, a run's
 * {@code run.json} (its {@code baseline.runs}), JMH's {@code -rf json} results (each measurement iteration a
 * run, see {@link JmhResults}) and Google Benchmark's JSON (each repetition a run, p99 from a {@code p99_us}
 * counter); writes the first form. A file holding several benchmarks is named {@code <file>#<benchmark>}.
 * {@code p99Us} is empty when the stored runs carry no latency (allowed only when the caller says so).
 */
record StoredRuns(double[] opsPerSec, double[] p99Us) {
    static final String THROUGHPUT = "ops_per_sec";
    static final String P99 = "p99_us";
    private static final ObjectMapper JSON = new ObjectMapper();

    StoredRuns {
        if (p99Us.length != 0 && opsPerSec.length != p99Us.length) {
            throw new IllegalArgumentException("every stored run needs both " + THROUGHPUT + " and " + P99);
        }
    }

    /** Whether the runs carry a p99 each (JMH without {@code sample} mode, for one, does not). */
    boolean hasLatency() {
        return p99Us.length != 0;
    }

    /** Measured runs; without p99 when any run lacks one (a benchmark with {@code latency = "none"}). */
    static StoredRuns of(List<Map<String, Double>> runs) {
        boolean latency = runs.stream().allMatch(r -> r.containsKey(P99));
        return new StoredRuns(runs.stream().mapToDouble(r -> r.get(THROUGHPUT)).toArray(),
                latency ? runs.stream().mapToDouble(r -> r.get(P99)).toArray() : new double[0]);
    }

    /**
     * Reads stored runs that carry both throughput and p99.
     *
     * @throws ConfigurationException naming the file and what to do when it is missing, unreadable, holds
     *     fewer than two usable runs or no p99
     */
    static StoredRuns read(Path file, String origin) {
        return read(file, origin, true);
    }

    /**
     * Reads stored runs; {@code file} may end in {@code #<benchmark>} to pick one of a JMH or Google Benchmark
     * file's benchmarks.
     *
     * @throws ConfigurationException as {@link #read(Path, String)}; without p99 only if {@code latencyRequired}
     */
    static StoredRuns read(Path file, String origin, boolean latencyRequired) {
        String benchmark = "";
        String whole = file.toString();
        if (!Files.exists(file) && whole.lastIndexOf('#') > 0) { // Google Benchmark run names hold slashes
            benchmark = whole.substring(whole.lastIndexOf('#') + 1);
            file = Path.of(whole.substring(0, whole.lastIndexOf('#')));
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + " (from " + origin
                    + ") does not exist; record one with -Daiopt.gate.record=<path> on a reference build, or point "
                    + "baselineJson at a previous run.json, a JMH -rf json file or a Google Benchmark JSON file");
        }
        JsonNode root;
        String text;
        try {
            text = Files.readString(file);
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + " is not valid JSON: "
                    + e.getMessage());
        }
        StoredRuns runs;
        try {
            runs = JmhResults.looksLikeOne(root) ? jmh(JmhResults.of(root, file.toString()).runs(benchmark))
                    : GoogleBenchmarkJson.looksLikeOne(text) ? googleBenchmark(text, file, benchmark)
                    : parse(root, file);
        } catch (MetricsException e) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        if (runs.opsPerSec.length < 2) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + " holds "
                    + runs.opsPerSec.length + " run(s); a comparison needs at least 2 (10 recommended)");
        }
        if (latencyRequired && !runs.hasLatency()) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + " holds no p99 per"
                    + " run, and the gate compares p99: for JMH run both modes (-bm thrpt,sample) so each iteration's"
                    + " p99 comes from its sample histogram; for Google Benchmark report a per-repetition counter"
                    + " (state.counters[\"" + P99 + "\"])");
        }
        return runs;
    }

    private static StoredRuns jmh(JmhResults.Runs runs) {
        return new StoredRuns(runs.opsPerSec(), runs.p99Us().orElse(new double[0]));
    }

    private static StoredRuns googleBenchmark(String text, Path file, String benchmark) {
        List<Map<String, Double>> repetitions = GoogleBenchmarkJson.parse(text, file.toString()).repetitions(benchmark);
        double[] ops = repetitions.stream().mapToDouble(r -> r.get(THROUGHPUT)).toArray();
        boolean latency = repetitions.stream().allMatch(r -> r.containsKey(P99));
        double[] p99 = latency ? repetitions.stream().mapToDouble(r -> r.get(P99)).toArray() : new double[0];
        for (double value : ops) {
            if (!(value > 0)) {
                throw new ConfigurationException(THROUGHPUT + " of a repetition in " + file.toAbsolutePath()
                        + " must be a positive number, found " + value);
            }
        }
        return new StoredRuns(ops, p99);
    }

    private static StoredRuns parse(JsonNode root, Path file) {
        if (root != null && root.has(THROUGHPUT) && root.has(P99)) {
            return new StoredRuns(numbers(root.get(THROUGHPUT), file, THROUGHPUT),
                    checkedLength(numbers(root.get(P99), file, P99), root.get(THROUGHPUT).size(), file));
        }
        if (root != null && root.has(THROUGHPUT)) {
            return new StoredRuns(numbers(root.get(THROUGHPUT), file, THROUGHPUT), new double[0]);
        }
        JsonNode list = root == null ? null : root.has("runs") ? root.get("runs") : root.path("baseline").get("runs");
        if (list == null || !list.isArray()) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + " holds neither "
                    + "\"" + THROUGHPUT + "\" and \"" + P99 + "\" arrays nor a \"runs\" / \"baseline.runs\" list of "
                    + "per-run metrics; write {\"" + THROUGHPUT + "\": [...], \"" + P99 + "\": [...]}");
        }
        List<Double> ops = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        boolean noLatency = true;
        for (JsonNode run : list) {
            noLatency &= !run.has(P99);
        }
        for (int i = 0; i < list.size(); i++) {
            ops.add(number(list.get(i).get(THROUGHPUT), file, "runs[" + i + "]." + THROUGHPUT));
            if (!noLatency) { // p99 in every run or in none (runs of a benchmark without a latency axis)
                p99.add(number(list.get(i).get(P99), file, "runs[" + i + "]." + P99));
            }
        }
        return new StoredRuns(ops.stream().mapToDouble(Double::doubleValue).toArray(),
                p99.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] checkedLength(double[] values, int expected, Path file) {
        if (values.length != expected) {
            throw new ConfigurationException("the gate's baseline JSON " + file.toAbsolutePath() + " holds "
                    + expected + " " + THROUGHPUT + " values but " + values.length + " " + P99 + " values; one each per run");
        }
        return values;
    }

    private static double[] numbers(JsonNode array, Path file, String name) {
        if (!array.isArray()) {
            throw new ConfigurationException("\"" + name + "\" in " + file.toAbsolutePath() + " must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(array.get(i), file, name + "[" + i + "]");
        }
        return values;
    }

    private static double number(JsonNode node, Path file, String name) {
        if (node == null || !node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
            throw new ConfigurationException(name + " in " + file.toAbsolutePath() + " must be a positive number, "
                    + "found " + node);
        }
        return node.asDouble();
    }

    void write(Path file, String note) {
        ObjectNode root = JSON.createObjectNode();
        root.put("note", note);
        root.set(THROUGHPUT, JSON.valueToTree(opsPerSec));
        if (hasLatency()) {
            root.set(P99, JSON.valueToTree(p99Us));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the gate's runs to " + file.toAbsolutePath(), e);
        }
    }
}
