package dev.aiopt.junit.internal.metrics;

import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point from a benchmark's output to a {@link BenchRun}: reads stdout (and stderr), plus an
 * optional JSON file, in the spec's format (detecting it for {@link BenchFormat#AUTO}), and picks the
 * throughput and latency axes. The JSON file is Google Benchmark's {@code --benchmark_out} file when it is
 * one; otherwise it is the {@link MetricsJson metrics JSON} whose numbers are added to (and override) the
 * format's own metrics.
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class BenchReader {

    private BenchReader() {
    }

    /**
     * Reads one run.
     *
     * @param jsonFile the file the benchmark wrote, if the configuration names one (resolved by the caller)
     * @throws MetricsException naming what is missing, empty or garbled and how to fix it; never a run
     *     with a made-up figure
     */
    public static BenchRun read(String stdout, String stderr, Optional<Path> jsonFile, BenchSpec spec) {
        String out = stdout == null ? "" : stdout;
        String err = stderr == null ? "" : stderr;
        Optional<String> json = jsonFile.map(BenchReader::readJsonFile);
        BenchFormat format = spec.format() != BenchFormat.AUTO ? spec.format()
                : BenchFormat.detect(out, json).orElseThrow(() -> new MetricsException(undetected(out, err)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        Optional<LatencyHistogram> histogram = Optional.empty();
        boolean jsonIsGoogleBenchmark = json.filter(GoogleBenchmarkJson::looksLikeOne).isPresent();
        switch (format) {
            case DB_BENCH -> {
                DbBenchReport report = DbBenchReport.parse(out, err);
                String benchmark = dbBenchBenchmark(report, spec.benchmark());
                metrics.putAll(report.metrics(benchmark));
                if (jsonFile.isPresent()) {
                    metrics.putAll(MetricsJson.read(jsonFile.get()));
                }
                for (MetricAxis axis : axes(spec)) {
                    if (!metrics.containsKey(axis.metric())) {
                        report.require(benchmark, axis.metric()); // throws, saying which db_bench flag is missing
                    }
                }
                histogram = dbBenchHistogram(report, benchmark, spec);
            }
            case GOOGLE_BENCHMARK -> {
                GoogleBenchmarkJson parsed = jsonIsGoogleBenchmark
                        ? GoogleBenchmarkJson.parse(json.get(), "the JSON file " + jsonFile.get())
                        : GoogleBenchmarkJson.parse(requireOutput(out, err, "Google Benchmark JSON"), "stdout");
                metrics.putAll(parsed.metrics(spec.benchmark()));
            }
            case AIOPT_METRIC -> {
                if (!AiOptMetricLines.holdsOne(out) && AiOptMetricLines.holdsOne(err)) {
                    throw new MetricsException(undetected("", err));
                }
                AiOptMetricLines lines = AiOptMetricLines.parse(requireOutput(out, err, "'aiopt-metric' lines"));
                metrics.putAll(lines.metrics());
                histogram = metricHistogram(lines.histograms(), spec);
            }
            default -> throw new IllegalStateException("unreachable: " + format);
        }
        if (jsonFile.isPresent() && !jsonIsGoogleBenchmark && format != BenchFormat.DB_BENCH) {
            metrics.putAll(MetricsJson.read(jsonFile.get()));
        }
        return new BenchRun(format, spec, metrics, histogram);
    }

    private static List<MetricAxis> axes(BenchSpec spec) {
        return spec.latency().map(l -> List.of(spec.throughput(), l)).orElse(List.of(spec.throughput()));
    }

    private static String dbBenchBenchmark(DbBenchReport report, String wanted) {
        if (!wanted.isEmpty()) {
            return wanted;
        }
        if (report.benchmarks().size() == 1) {
            return report.benchmarks().get(0);
        }
        throw new MetricsException("the db_bench output holds " + report.benchmarks().size() + " benchmarks; name one"
                + " in @Bench(value): " + String.join(", ", report.benchmarks()));
    }

    // The histogram behind the latency axis: "<op>.p99_us" names an operation, "p99_us" the only one.
    private static Optional<LatencyHistogram> dbBenchHistogram(DbBenchReport report, String benchmark, BenchSpec spec) {
        String metric = spec.latency().map(MetricAxis::metric).orElse("");
        int dot = metric.indexOf('.');
        String operation = dot < 0 || metric.startsWith("stat.") ? "" : metric.substring(0, dot);
        try {
            return Optional.of(report.histogram(benchmark, operation));
        } catch (MetricsException noBuckets) {
            return Optional.empty(); // the percentiles were read; the bucket table is optional
        }
    }

    private static Optional<LatencyHistogram> metricHistogram(Map<String, LatencyHistogram> histograms,
            BenchSpec spec) {
        String metric = spec.latency().map(MetricAxis::metric).orElse("");
        for (Map.Entry<String, LatencyHistogram> entry : histograms.entrySet()) {
            if (metric.startsWith(entry.getKey() + ".")) {
                return Optional.of(entry.getValue());
            }
        }
        return histograms.size() == 1 ? Optional.of(histograms.values().iterator().next()) : Optional.empty();
    }

    private static String requireOutput(String out, String err, String expected) {
        if (out.isBlank()) {
            throw new MetricsException("the benchmark printed nothing on stdout, where " + expected + " were expected"
                    + (err.isBlank() ? " (stderr is empty too): check that the command runs the benchmark at all"
                            : "; last lines of stderr:" + tail(err)));
        }
        return out;
    }

    private static String undetected(String out, String err) {
        if (AiOptMetricLines.holdsOne(err) || GoogleBenchmarkJson.looksLikeOne(err) || err.contains("micros/op")) {
            return "the benchmark printed its figures on stderr, but they are read from stdout: print them to"
                    + " stdout (in C++, printf or std::cout rather than std::cerr)";
        }
        if (out.isBlank() && err.isBlank()) {
            return "the benchmark printed nothing (stdout and stderr are empty), so there are no figures to read:"
                    + " check that the command runs the benchmark and that it prints its results to stdout";
        }
        return "cannot tell the benchmark's output format: stdout holds no Google Benchmark JSON (a '{' line with"
                + " \"benchmarks\"), no line starting 'aiopt-metric ' and no db_bench 'micros/op' result line"
                + GoogleBenchmarkJson.nonUtf8Hint(out) + "; set @Bench(format) to say which it should be. "
                + (out.isBlank() ? "stdout is empty; last lines of stderr:" + tail(err)
                        : "First lines of stdout:" + head(out));
    }

    private static String head(String text) {
        return quote(text.lines().filter(l -> !l.isBlank()).limit(5).toList());
    }

    private static String tail(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return quote(lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static String quote(List<String> lines) {
        StringBuilder quoted = new StringBuilder();
        for (String line : lines) {
            quoted.append("\n  | ").append(line.length() > 200 ? line.substring(0, 200) + "..." : line);
        }
        return quoted.toString();
    }

    private static String readJsonFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MetricsException("the benchmark's JSON file '" + file + "' does not exist: the benchmark must"
                    + " write it before it exits (Google Benchmark: --benchmark_out=" + file.getFileName()
                    + " --benchmark_out_format=json), or drop the setting that names it");
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MetricsException("cannot read the benchmark's JSON file '" + file + "': " + e, e);
        }
    }
}
