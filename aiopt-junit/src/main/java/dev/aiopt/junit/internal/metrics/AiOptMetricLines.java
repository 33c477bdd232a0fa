package dev.aiopt.junit.internal.metrics;

import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line format of our own: any line of stdout that starts with {@code aiopt-metric } carries one metric,
 * <pre>
 * aiopt-metric ops_per_sec=182340.5 unit=ops/s
 * aiopt-metric p99_us=12.7 unit=us
 * aiopt-metric write_us=histogram unit=us buckets=1:5237,2:10257,4:2352,6:1677,inf:12
 * </pre>
 * A number is a finite decimal ({@code unit=} is optional and only recorded). A histogram lists
 * {@code <upper edge>:<count>} buckets with increasing edges, the first bucket starting at 0 and the last edge
 * possibly {@code inf}; it yields {@code <name>.count}, {@code <name>.p50}, {@code .p90}, {@code .p99} and
 * {@code .p999}, and is kept whole so that several runs can be merged. Other lines are ignored; a metric
 * printed twice, or an {@code aiopt-metric} line of another shape, is an error.
 */
final class AiOptMetricLines {

    static final String PREFIX = "aiopt-metric";
    static final String EXPECTED = "'aiopt-metric <name>=<number> [unit=<unit>]' or 'aiopt-metric"
            + " <name>=histogram unit=<unit> buckets=<edge>:<count>,...,inf:<count>'";
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-/]*");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern FIELD = Pattern.compile("([a-z]+)=(\\S+)");
    private static final Map<String, Double> DERIVED_PERCENTILES = Map.of("p50", 50.0, "p90", 90.0, "p99", 99.0,
            "p999", 99.9);

    private final Map<String, Double> metrics;
    private final Map<String, String> units;
    private final Map<String, LatencyHistogram> histograms;

    private AiOptMetricLines(Map<String, Double> metrics, Map<String, String> units,
            Map<String, LatencyHistogram> histograms) {
        this.metrics = Collections.unmodifiableMap(metrics);
        this.units = Collections.unmodifiableMap(units);
        this.histograms = Collections.unmodifiableMap(histograms);
    }

    /** Whether a line of {@code text} starts with {@code aiopt-metric }. */
    static boolean holdsOne(String text) {
        return text != null && LINE_BREAK.splitAsStream(text).anyMatch(AiOptMetricLines::isMetricLine);
    }

    private static boolean isMetricLine(String line) {
        String stripped = line.strip();
        return stripped.startsWith(PREFIX) && (stripped.length() == PREFIX.length()
                || Character.isWhitespace(stripped.charAt(PREFIX.length())));
    }

    /**
     * Parses every {@code aiopt-metric} line of {@code stdout}.
     *
     * @throws MetricsException if there is none, or one is garbled (naming its line and the expected shape)
     */
    static AiOptMetricLines parse(String stdout) {
        String[] lines = LINE_BREAK.split(stdout == null ? "" : stdout, -1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            if (!isMetricLine(lines[i])) {
                continue;
            }
            Line line = new Line(i + 1, lines[i].strip());
            String[] words = line.text.substring(PREFIX.length()).strip().split("\\s+");
            Matcher first = words[0].isEmpty() ? null : Pattern.compile("([^=]+)=(.*)").matcher(words[0]);
            if (first == null || !first.matches()) {
                throw line.garbled("no <name>=<value> after 'aiopt-metric'");
            }
            String name = first.group(1);
            if (!NAME.matcher(name).matches()) {
                throw line.garbled("'" + name + "' is not a metric name (letters, digits, _ . - /; not starting"
                        + " with a digit)");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int w = 1; w < words.length; w++) {
                Matcher field = FIELD.matcher(words[w]);
                if (!field.matches() || !(field.group(1).equals("unit") || field.group(1).equals("buckets"))
                        || fields.put(field.group(1), field.group(2)) != null) {
                    throw line.garbled("'" + words[w] + "' is not unit=<unit> or buckets=<edge>:<count>,..."
                            + " (each at most once)");
                }
            }
            Integer earlier = lineOf.put(name, line.number);
            if (earlier != null) {
                throw new MetricsException("metric '" + name + "' is printed twice (lines " + earlier + " and "
                        + line.number + "); print each metric once per run, or give the two different names");
            }
            units.put(name, fields.getOrDefault("unit", ""));
            if (first.group(2).equals("histogram")) {
                LatencyHistogram histogram = line.histogram(fields);
                histograms.put(name, histogram);
                metrics.put(name + ".count", (double) histogram.count());
                DERIVED_PERCENTILES.entrySet().stream().sorted(Map.Entry.comparingByValue())
                        .forEach(p -> metrics.put(name + "." + p.getKey(), histogram.percentile(p.getValue())));
            } else {
                if (fields.containsKey("buckets")) {
                    throw line.garbled("buckets= belongs to a histogram: write " + name + "=histogram");
                }
                metrics.put(name, line.number(first.group(2), "the value of " + name));
            }
        }
        if (lineOf.isEmpty()) {
            throw new MetricsException("no 'aiopt-metric' line in the benchmark's stdout; print lines such as "
                    + EXPECTED);
        }
        return new AiOptMetricLines(metrics, units, histograms);
    }

    Map<String, Double> metrics() {
        return metrics;
    }

    /** The unit written with each metric (empty when none), by metric name as printed. */
    Map<String, String> units() {
        return units;
    }

    Map<String, LatencyHistogram> histograms() {
        return histograms;
    }

    private record Line(int number, String text) {

        double number(String word, String what) {
            double value;
            try {
                // C's printf writes nan, -nan and inf, which Java does not parse: they are the same failure.
                value = NOT_FINITE.matcher(word).matches() ? Double.NaN : Double.parseDouble(word);
            } catch (NumberFormatException e) {
                throw garbled(what + " '" + word + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw garbled(what + " is " + word + ", not a finite number: the benchmark computed no figure"
                        + " (a division by zero, or no operations timed?)");
            }
            return value;
        }

        LatencyHistogram histogram(Map<String, String> fields) {
            String unit = fields.get("unit");
            String buckets = fields.get("buckets");
            if (unit == null || buckets == null) {
                throw garbled("a histogram needs unit=<unit> and buckets=<edge>:<count>,...");
            }
            List<Double> edges = new ArrayList<>(List.of(0.0));
            List<Long> counts = new ArrayList<>();
            for (String bucket : buckets.split(",", -1)) {
                int colon = bucket.indexOf(':');
                if (colon < 1) {
                    throw garbled("bucket '" + bucket + "' is not <upper edge>:<count>");
                }
                String edge = bucket.substring(0, colon);
                edges.add(edge.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : number(edge, "bucket edge"));
                try {
                    counts.add(Long.parseLong(bucket.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    throw garbled("the count of bucket '" + bucket + "' is not a whole number");
                }
            }
            try {
                return new LatencyHistogram(unit, edges.stream().mapToDouble(Double::doubleValue).toArray(),
                        counts.stream().mapToLong(Long::longValue).toArray());
            } catch (IllegalArgumentException e) {
                throw garbled(e.getMessage());
            }
        }

        MetricsException garbled(String why) {
            return new MetricsException("garbled aiopt-metric line " + number + ": '" + text + "': " + why
                    + GoogleBenchmarkJson.nonUtf8Hint(text) + "; expected " + EXPECTED);
        }
    }
}
