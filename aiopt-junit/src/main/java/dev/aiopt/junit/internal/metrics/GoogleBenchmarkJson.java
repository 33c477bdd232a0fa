package dev.aiopt.junit.internal.metrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results in Google Benchmark's JSON ({@code --benchmark_format=json} on stdout, or the
 * {@code --benchmark_out=<file> --benchmark_out_format=json} file). A benchmark is named by its
 * {@code run_name} (the name without {@code /repeats:N}). Its metrics are the mean over its repetitions of
 * {@code real_time_us}, {@code cpu_time_us} (converted from {@code time_unit}), {@code iterations},
 * {@code items_per_second}, {@code bytes_per_second} and every user counter under its own name, plus
 * {@code repetitions} and {@code ops_per_sec} ({@code items_per_second}, or iterations per second of real
 * time when the benchmark counts no items); each aggregate row adds {@code <aggregate>.<field>}, e.g.
 * {@code median.items_per_second}, {@code stddev.real_time_us}, {@code cv.real_time} (a fraction) or, for a
 * statistic the benchmark registers itself ({@code ComputeStatistics("p99", ...)}), {@code p99.real_time_us}.
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class GoogleBenchmarkJson {

    // Google Benchmark prints a NaN or infinite counter as a bare NaN / Infinity: read it, then name it.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Set<String> BOOKKEEPING = Set.of("family_index", "per_family_instance_index",
            "repetitions", "repetition_index", "threads", "real_time", "cpu_time", "time_unit", "name", "run_name",
            "run_type", "aggregate_name", "aggregate_unit", "label", "error_occurred", "error_message", "skipped",
            "skip_message");

    private final String origin;
    private final Map<String, List<JsonNode>> rowsByRunName;

    private GoogleBenchmarkJson(String origin, Map<String, List<JsonNode>> rowsByRunName) {
        this.origin = origin;
        this.rowsByRunName = rowsByRunName;
    }

    /** Whether {@code text} starts (after any lines the program printed first) with a JSON object holding "benchmarks". */
    public static boolean looksLikeOne(String text) {
        int start = jsonStart(text);
        return start >= 0 && text.indexOf("\"benchmarks\"", start) >= 0;
    }

    /**
     * Parses the first JSON document in {@code text}; {@code origin} says where it came from, for messages.
     *
     * @throws MetricsException if it is not valid JSON, has no "benchmarks" array or none ran, or a benchmark
     *     reported an error
     */
    public static GoogleBenchmarkJson parse(String text, String origin) {
        int start = jsonStart(text);
        if (start < 0) {
            throw new MetricsException("no Google Benchmark JSON in " + origin + ": run the benchmark with"
                    + " --benchmark_format=json (or --benchmark_out=<file> --benchmark_out_format=json)");
        }
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text.substring(start))) {
            root = MAPPER.readTree(parser);
        } catch (JacksonException e) {
            throw new MetricsException("Google Benchmark JSON in " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + where(e.getLocation(), text.substring(0, start))
                    + nonUtf8Hint(text) + "; was the output cut short, or did the program print into it?", e);
        } catch (IOException e) {
            throw new MetricsException("cannot read Google Benchmark JSON in " + origin + ": " + e, e);
        }
        JsonNode benchmarks = root == null ? null : root.get("benchmarks");
        if (benchmarks == null || !benchmarks.isArray()) {
            throw new MetricsException("the JSON in " + origin + " has no \"benchmarks\" array: it is not Google"
                    + " Benchmark output (use format db_bench or aiopt-metric, or the metrics JSON file for other JSON)");
        }
        if (benchmarks.isEmpty()) {
            throw new MetricsException("Google Benchmark JSON in " + origin + " lists no benchmark: none ran;"
                    + " check --benchmark_filter and that the program calls BENCHMARK(...)");
        }
        Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
        for (JsonNode row : benchmarks) {
            String name = row.path("name").asText("");
            if (name.isEmpty()) {
                throw new MetricsException("a benchmark in the Google Benchmark JSON in " + origin
                        + " has no \"name\": " + row);
            }
            if (row.path("error_occurred").asBoolean(false) || row.has("skipped") && row.get("skipped").asBoolean()) {
                throw new MetricsException("benchmark '" + name + "' reported an error in " + origin + ": "
                        + row.path("error_message").asText(row.path("skip_message").asText("(no message)"))
                        + " (state.SkipWithError)");
            }
            rows.computeIfAbsent(row.path("run_name").asText(name), n -> new ArrayList<>()).add(row);
        }
        return new GoogleBenchmarkJson(origin, rows);
    }

    /** The benchmarks' run names, in output order. */
    public List<String> benchmarks() {
        return List.copyOf(rowsByRunName.keySet());
    }

    /**
     * The metrics of {@code benchmark} (a run name; empty picks the only benchmark), as described on the type.
     *
     * @throws MetricsException if there is no such benchmark, or a figure is missing or not a positive number
     */
    public Map<String, Double> metrics(String benchmark) {
        List<JsonNode> rows = rows(benchmark);
        String name = rows.get(0).path("run_name").asText(rows.get(0).path("name").asText());
        List<JsonNode> iterations = rows.stream().filter(r -> r.path("run_type").asText("iteration")
                .equals("iteration")).toList();
        List<JsonNode> aggregates = rows.stream().filter(r -> r.path("run_type").asText().equals("aggregate")).toList();
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!iterations.isEmpty()) {
            Map<String, Double> sum = new LinkedHashMap<>();
            for (JsonNode row : iterations) {
                figures(row, name, true).forEach((field, value) -> sum.merge(field, value, Double::sum));
            }
            sum.forEach((field, total) -> metrics.put(field, total / iterations.size()));
            metrics.put("repetitions", (double) iterations.size());
        } else {
            JsonNode mean = aggregates.stream().filter(r -> r.path("aggregate_name").asText().equals("mean"))
                    .findFirst().orElseThrow(() -> new MetricsException("benchmark '" + name + "' in " + origin
                            + " has neither repetition rows nor a 'mean' aggregate; drop"
                            + " --benchmark_report_aggregates_only or keep the default statistics"));
            metrics.putAll(figures(mean, name, true));
            metrics.put("repetitions", mean.path("repetitions").asDouble(1));
        }
        metrics.put("ops_per_sec", metrics.containsKey("items_per_second") ? metrics.get("items_per_second")
                : 1e6 / metrics.get("real_time_us"));
        for (JsonNode row : aggregates) {
            String aggregate = row.path("aggregate_name").asText("");
            boolean time = !row.path("aggregate_unit").asText("time").equals("percentage");
            figures(row, name + " (aggregate " + aggregate + ")", time)
                    .forEach((field, value) -> metrics.put(aggregate + "." + field, value));
        }
        return Collections.unmodifiableMap(metrics);
    }

    /**
     * Each repetition of {@code benchmark} on its own (its iteration row's figures and {@code ops_per_sec}), in
     * output order: the runs a gate's stored-run mode compares against.
     *
     * @throws MetricsException if there is no such benchmark or the output holds only its aggregates
     */
    public List<Map<String, Double>> repetitions(String benchmark) {
        List<JsonNode> rows = rows(benchmark);
        String name = rows.get(0).path("run_name").asText(rows.get(0).path("name").asText());
        List<Map<String, Double>> repetitions = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.path("run_type").asText("iteration").equals("iteration")) {
                Map<String, Double> figures = new LinkedHashMap<>(figures(row, name, true));
                figures.put("ops_per_sec", figures.containsKey("items_per_second") ? figures.get("items_per_second")
                        : 1e6 / figures.get("real_time_us"));
                repetitions.add(Collections.unmodifiableMap(figures));
            }
        }
        if (repetitions.isEmpty()) {
            throw new MetricsException("benchmark '" + name + "' in " + origin + " has only aggregate rows; keep each"
                    + " repetition (drop --benchmark_report_aggregates_only)");
        }
        return List.copyOf(repetitions);
    }

    private List<JsonNode> rows(String benchmark) {
        if (benchmark == null || benchmark.isBlank()) {
            if (rowsByRunName.size() == 1) {
                return rowsByRunName.values().iterator().next();
            }
            throw new MetricsException("the Google Benchmark JSON in " + origin + " holds " + rowsByRunName.size()
                    + " benchmarks; name one (@Bench(value), or <file>#<run name> for a gate's stored runs): "
                    + String.join(", ", rowsByRunName.keySet()));
        }
        List<JsonNode> rows = rowsByRunName.get(benchmark);
        if (rows == null) {
            Set<String> byFullName = new LinkedHashSet<>();
            rowsByRunName.forEach((run, list) -> list.stream().filter(r -> r.path("name").asText().equals(benchmark))
                    .findFirst().ifPresent(r -> byFullName.add(run)));
            if (byFullName.size() == 1) {
                return rowsByRunName.get(byFullName.iterator().next());
            }
            throw new MetricsException("no benchmark '" + benchmark + "' in the Google Benchmark JSON in " + origin
                    + "; benchmarks found (run names): " + String.join(", ", rowsByRunName.keySet()));
        }
        return rows;
    }

    // Times are converted to microseconds when the row's unit is a time; a percentage (cv) stays a fraction.
    private Map<String, Double> figures(JsonNode row, String what, boolean time) {
        Map<String, Double> figures = new LinkedHashMap<>();
        double scale = time ? toMicros(row.path("time_unit").asText("ns"), what) : 1;
        for (String field : List.of("real_time", "cpu_time")) {
            JsonNode value = row.get(field);
            if (value == null || !value.isNumber()) {
                throw new MetricsException("benchmark '" + what + "' in " + origin + " has no numeric \"" + field
                        + "\": " + row);
            }
            figures.put(field + (time ? "_us" : ""), finite(value.asDouble() * scale, field, what));
        }
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (!BOOKKEEPING.contains(field.getKey()) && field.getValue().isNumber()) {
                figures.put(field.getKey(), finite(field.getValue().asDouble(), field.getKey(), what));
            }
        }
        return figures;
    }

    private double finite(double value, String field, String what) {
        if (!Double.isFinite(value)) {
            throw new MetricsException("\"" + field + "\" of benchmark '" + what + "' in " + origin + " is " + value
                    + ": not a finite number (a counter divided by zero, or nothing timed?); fix the benchmark so it reports"
                    + " a figure");
        }
        return value;
    }

    private double toMicros(String unit, String what) {
        return switch (unit) {
            case "ns" -> 1e-3;
            case "us" -> 1;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            default -> throw new MetricsException("benchmark '" + what + "' in " + origin + " has time_unit '" + unit
                    + "'; expected ns, us, ms or s");
        };
    }

    private static int jsonStart(String text) {
        if (text == null) {
            return -1;
        }
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = text.substring(at, end < 0 ? text.length() : end).strip();
            if (line.startsWith("{")) {
                return at;
            }
            if (end < 0) {
                return -1;
            }
            at = end + 1;
        }
        return -1;
    }

    private static String where(JsonLocation location, String skipped) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        long before = skipped.chars().filter(c -> c == '\n').count();
        return " (line " + (location.getLineNr() + before) + ", column " + location.getColumnNr() + ")";
    }

    static String nonUtf8Hint(String text) {
        return text.indexOf('\uFFFD') >= 0 ? " (the output holds bytes that are not UTF-8, shown as \uFFFD)" : "";
    }
}
