package dev.aiopt.junit.internal.metrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JMH's JSON results ({@code -rf json}): per benchmark (and parameter set), every measurement iteration of
 * every fork as one run. Throughput comes from a {@code thrpt} entry (or the reciprocal of an {@code avgt} /
 * {@code ss} entry), converted to operations per second; the p99 of each iteration, in microseconds, from a
 * {@code sample} entry's histogram (nearest rank). Run JMH with {@code -bm thrpt,sample} to get both.
 * Iterations of one fork share a JVM, so their spread understates run-to-run variance: prefer several forks.
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class JmhResults {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The runs of one benchmark; {@code p99Us} is empty when the results hold no {@code sample} mode for it. */
    public record Runs(String benchmark, double[] opsPerSec, Optional<double[]> p99Us) {
    }

    private final String origin;
    private final Map<String, List<JsonNode>> entriesByKey;

    private JmhResults(String origin, Map<String, List<JsonNode>> entriesByKey) {
        this.origin = origin;
        this.entriesByKey = entriesByKey;
    }

    /** Whether {@code root} is a JMH result list (an array whose first element has "jmhVersion" and "benchmark"). */
    public static boolean looksLikeOne(JsonNode root) {
        return root != null && root.isArray() && !root.isEmpty() && root.get(0).has("jmhVersion")
                && root.get(0).has("benchmark");
    }

    /**
     * Reads the results in {@code root}; {@code origin} names the file for messages.
     *
     * @throws MetricsException if it is not a JMH result list
     */
    public static JmhResults of(JsonNode root, String origin) {
        if (!looksLikeOne(root)) {
            throw new MetricsException(origin + " is not JMH's JSON result list (write it with -rf json -rff <file>)");
        }
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode entry : root) {
            byKey.computeIfAbsent(key(entry), k -> new ArrayList<>()).add(entry);
        }
        return new JmhResults(origin, byKey);
    }

    /** Parses JMH's JSON text. */
    public static JmhResults parse(String text, String origin) {
        try {
            return of(MAPPER.readTree(text), origin);
        } catch (JacksonException e) {
            throw new MetricsException(origin + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The benchmarks, as {@code class.method} or {@code class.method{param=value,...}}. */
    public List<String> benchmarks() {
        return List.copyOf(entriesByKey.keySet());
    }

    /**
     * The runs of the benchmark {@code selector} names: its full key, a key's tail after a dot (e.g.
     * {@code DatabaseBenchmark.promptOnly{populationLimit=1000}}), or a method without parameters when only
     * one parameter set ran; empty when the results hold one benchmark.
     *
     * @throws MetricsException if none or several match, or a figure is missing or not positive
     */
    public Runs runs(String selector) {
        String key = select(selector == null ? "" : selector.strip());
        Optional<double[]> ops = Optional.empty();
        Optional<double[]> p99 = Optional.empty();
        Optional<double[]> sampleOps = Optional.empty();
        for (JsonNode entry : entriesByKey.get(key)) {
            String mode = entry.path("mode").asText();
            JsonNode metric = entry.path("primaryMetric");
            String unit = metric.path("scoreUnit").asText();
            switch (mode) {
                case "thrpt" -> ops = Optional.of(scaled(rawData(metric, key), perSecond(unit, key)));
                case "avgt", "ss" -> {
                    if (ops.isEmpty()) {
                        double[] times = scaled(rawData(metric, key), micros(unit, key));
                        ops = Optional.of(Arrays.stream(times).map(t -> 1e6 / t).toArray());
                    }
                }
                case "sample" -> {
                    double scale = micros(unit, key);
                    List<double[]> iterations = histograms(metric, key);
                    p99 = Optional.of(iterations.stream().mapToDouble(h -> percentile(h, 0.99) * scale).toArray());
                    sampleOps = Optional.of(iterations.stream().mapToDouble(h -> 1e6 / (mean(h) * scale)).toArray());
                }
                default -> throw new MetricsException("benchmark " + key + " in " + origin + " has mode '" + mode
                        + "'; expected thrpt, avgt, sample or ss");
            }
        }
        double[] throughput = ops.isPresent() ? ops.get() : sampleOps.orElseThrow();
        if (p99.isPresent() && p99.get().length != throughput.length) {
            throw new MetricsException("benchmark " + key + " in " + origin + " has " + throughput.length
                    + " throughput iterations but " + p99.get().length + " sample iterations; run both modes in one"
                    + " JMH run (-bm thrpt,sample)");
        }
        return new Runs(key, throughput, p99);
    }

    private String select(String selector) {
        if (selector.isEmpty()) {
            if (entriesByKey.size() == 1) {
                return entriesByKey.keySet().iterator().next();
            }
            throw new MetricsException(origin + " holds " + entriesByKey.size() + " JMH benchmarks; name one after a"
                    + " '#' (e.g. " + origin.replaceAll("^.*/", "") + "#" + tail(benchmarks().get(0)) + "): "
                    + String.join(", ", benchmarks()));
        }
        List<String> matches = entriesByKey.keySet().stream().filter(k -> k.equals(selector)
                || k.endsWith("." + selector) || withoutParams(k).equals(selector)
                || withoutParams(k).endsWith("." + selector)).toList();
        if (matches.size() != 1) {
            throw new MetricsException((matches.isEmpty() ? "no JMH benchmark '" : "several JMH benchmarks match '")
                    + selector + "' in " + origin + "; benchmarks: " + String.join(", ", benchmarks()));
        }
        return matches.get(0);
    }

    private static String key(JsonNode entry) {
        String name = entry.path("benchmark").asText();
        JsonNode params = entry.get("params");
        if (params == null || params.isEmpty()) {
            return name;
        }
        StringBuilder key = new StringBuilder(name).append('{');
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            key.append(param.getKey()).append('=').append(param.getValue().asText()).append(it.hasNext() ? "," : "");
        }
        return key.append('}').toString();
    }

    private static String withoutParams(String key) {
        int brace = key.indexOf('{');
        return brace < 0 ? key : key.substring(0, brace);
    }

    private static String tail(String key) {
        String name = withoutParams(key);
        int dot = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        return key.substring(dot + 1);
    }

    private double[] rawData(JsonNode metric, String key) {
        JsonNode forks = metric.get("rawData");
        if (forks == null || !forks.isArray() || forks.isEmpty()) {
            throw new MetricsException("benchmark " + key + " in " + origin + " has no primaryMetric.rawData");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : forks) {
            for (JsonNode value : fork) {
                values.add(positive(value, key, "rawData"));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // Each iteration's histogram as a flat [value, count, value, count, ...] array.
    private List<double[]> histograms(JsonNode metric, String key) {
        JsonNode forks = metric.get("rawDataHistogram");
        if (forks == null || !forks.isArray() || forks.isEmpty()) {
            throw new MetricsException("sample-mode benchmark " + key + " in " + origin
                    + " has no primaryMetric.rawDataHistogram");
        }
        List<double[]> iterations = new ArrayList<>();
        for (JsonNode fork : forks) {
            for (JsonNode iteration : fork) {
                double[] flat = new double[iteration.size() * 2];
                for (int i = 0; i < iteration.size(); i++) {
                    flat[2 * i] = positive(iteration.get(i).get(0), key, "rawDataHistogram value");
                    flat[2 * i + 1] = positive(iteration.get(i).get(1), key, "rawDataHistogram count");
                }
                if (flat.length == 0) {
                    throw new MetricsException("an iteration of " + key + " in " + origin + " holds no sample");
                }
                iterations.add(flat);
            }
        }
        return iterations;
    }

    private static double percentile(double[] flat, double quantile) {
        double total = 0;
        for (int i = 1; i < flat.length; i += 2) {
            total += flat[i];
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < flat.length; i += 2) {
            pairs.add(new double[] {flat[i], flat[i + 1]});
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        double rank = Math.ceil(quantile * total);
        double seen = 0;
        for (double[] pair : pairs) {
            seen += pair[1];
            if (seen >= rank) {
                return pair[0];
            }
        }
        return pairs.get(pairs.size() - 1)[0];
    }

    private static double mean(double[] flat) {
        double sum = 0;
        double count = 0;
        for (int i = 0; i < flat.length; i += 2) {
            sum += flat[i] * flat[i + 1];
            count += flat[i + 1];
        }
        return sum / count;
    }

    private double positive(JsonNode value, String key, String what) {
        if (value == null || !value.isNumber() || !(value.asDouble() > 0) || !Double.isFinite(value.asDouble())) {
            throw new MetricsException(what + " of " + key + " in " + origin + " must be a positive number, found "
                    + value);
        }
        return value.asDouble();
    }

    private static double[] scaled(double[] values, double factor) {
        return Arrays.stream(values).map(v -> v * factor).toArray();
    }

    private double perSecond(String unit, String key) {
        if (!unit.startsWith("ops/")) {
            throw new MetricsException("thrpt benchmark " + key + " in " + origin + " has unit '" + unit
                    + "'; expected ops/<time unit>");
        }
        return 1e6 / micros(unit.substring("ops/".length()) + "/op", key);
    }

    private double micros(String unit, String key) {
        String time = unit.toLowerCase(Locale.ROOT).replace("/op", "");
        return switch (time) {
            case "ns" -> 1e-3;
            case "us", "\u00b5s" -> 1;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            case "min" -> 60e6;
            default -> throw new MetricsException("benchmark " + key + " in " + origin + " has unit '" + unit
                    + "'; expected <ns|us|ms|s|min>/op or ops/<...>");
        };
    }
}
