package dev.aiopt.junit.internal.metrics;

import dev.aiopt.junit.internal.metrics.MetricAxis.Direction;
import java.util.Locale;
import java.util.Optional;

/**
 * What to read from a benchmark's output: its format, the benchmark whose figures count (db_bench's
 * {@code --benchmarks} name or Google Benchmark's run name; empty when the output holds one), and the
 * metrics that are the throughput and (unless {@code none}) the latency axis.
 *
 * @param latency empty when the run has no latency axis ({@code latency = "none"})
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record BenchSpec(BenchFormat format, String benchmark, MetricAxis throughput, Optional<MetricAxis> latency) {

    /** The throughput axis when none is named. */
    public static final String DEFAULT_THROUGHPUT = "ops_per_sec";
    /** The latency axis when none is named. */
    public static final String DEFAULT_LATENCY = "p99_us";
    /** Written as the latency axis: the run has none. */
    public static final String NO_LATENCY = "none";

    public BenchSpec {
        if (format == null || throughput == null || latency == null) {
            throw new MetricsException("a benchmark spec needs a format, a throughput axis and a latency axis"
                    + " (or none)");
        }
        benchmark = benchmark == null ? "" : benchmark.strip();
    }

    /**
     * The spec as the annotation and the configuration write it: {@code format} as in {@link BenchFormat#fromId},
     * axes as in {@link MetricAxis#parse} (blank: {@value #DEFAULT_THROUGHPUT} and {@value #DEFAULT_LATENCY};
     * a throughput gets better when higher, a latency when lower, unless the text says otherwise).
     *
     * @throws MetricsException naming the value that is wrong
     */
    public static BenchSpec of(String format, String benchmark, String throughput, String latency) {
        String latencyText = blankTo(latency, DEFAULT_LATENCY);
        Optional<MetricAxis> latencyAxis = latencyText.toLowerCase(Locale.ROOT).equals(NO_LATENCY) ? Optional.empty()
                : Optional.of(MetricAxis.parse(latencyText, Direction.LOWER_IS_BETTER));
        return new BenchSpec(BenchFormat.fromId(blankTo(format, BenchFormat.AUTO.id())), benchmark,
                MetricAxis.parse(blankTo(throughput, DEFAULT_THROUGHPUT), Direction.HIGHER_IS_BETTER), latencyAxis);
    }

    private static String blankTo(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }
}
