package dev.aiopt.junit.internal.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The output format of a benchmark command: db_bench's text lines, Google Benchmark's JSON, or the
 * {@code aiopt-metric} lines of our own; {@link #AUTO} picks one from the output itself.
 *
 * <p>Public because it is used by the tests of {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum BenchFormat {
    /** RocksDB db_bench's result line ({@code micros/op ... ops/sec}) and {@code --histogram} blocks. */
    DB_BENCH("db_bench"),
    /** Google Benchmark's {@code --benchmark_format=json} on stdout, or its {@code --benchmark_out} file. */
    GOOGLE_BENCHMARK("google-benchmark"),
    /** Lines {@code aiopt-metric <name>=<value> [unit=<unit>]}, see {@link AiOptMetricLines}. */
    AIOPT_METRIC("aiopt-metric"),
    /** Detected from the output: see {@link #detect}. */
    AUTO("auto");

    private final String id;

    BenchFormat(String id) {
        this.id = id;
    }

    /** The name used in {@code @Bench(format)} and the configuration, e.g. {@code google-benchmark}. */
    public String id() {
        return id;
    }

    /**
     * The format named {@code text} ({@code db_bench}, {@code google-benchmark}, {@code aiopt-metric} or
     * {@code auto}; case and {@code -}/{@code _} do not matter).
     *
     * @throws MetricsException naming the accepted values
     */
    public static BenchFormat fromId(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (BenchFormat format : values()) {
            if (format.id.replace('_', '-').equals(wanted)) {
                return format;
            }
        }
        throw new MetricsException("unknown benchmark format '" + text + "'; use one of "
                + Arrays.stream(values()).map(BenchFormat::id).collect(Collectors.joining(", ")));
    }

    /**
     * The format of a benchmark's output: Google Benchmark if stdout (or, when stdout has none, the JSON
     * file) is a JSON document with a {@code "benchmarks"} array; else {@code aiopt-metric} if a line starts
     * with {@code aiopt-metric }; else db_bench if a line holds {@code micros/op}. Empty if none matches.
     */
    public static Optional<BenchFormat> detect(String stdout, Optional<String> jsonFile) {
        String out = stdout == null ? "" : stdout;
        if (GoogleBenchmarkJson.looksLikeOne(out)) {
            return Optional.of(GOOGLE_BENCHMARK);
        }
        if (AiOptMetricLines.holdsOne(out)) {
            return Optional.of(AIOPT_METRIC);
        }
        if (out.contains("micros/op")) {
            return Optional.of(DB_BENCH);
        }
        if (jsonFile.filter(GoogleBenchmarkJson::looksLikeOne).isPresent()) {
            return Optional.of(GOOGLE_BENCHMARK);
        }
        return Optional.empty();
    }
}
