package dev.aiopt.junit.internal.metrics;

import dev.aiopt.junit.internal.metrics.MetricAxis.Direction;
import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One benchmark run read through a {@link BenchSpec}: every metric found, the throughput and latency
 * figures, and the latency histogram when the output carries one. {@link #throughput()} is oriented so that
 * higher is better and {@link #latency()} so that lower is better: an axis whose metric improves the other
 * way contributes its reciprocal (a time per operation becomes operations per time unit).
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record BenchRun(BenchFormat format, BenchSpec spec, Map<String, Double> metrics,
        Optional<LatencyHistogram> histogram) {

    /**
     * @throws MetricsException if the format is {@link BenchFormat#AUTO}, or an axis metric is absent, not
     *     finite, or not positive
     */
    public BenchRun {
        if (format == null || format == BenchFormat.AUTO) {
            throw new MetricsException("a benchmark run is read in a concrete format, not " + format);
        }
        if (spec == null || metrics == null || histogram == null) {
            throw new MetricsException("a benchmark run needs its spec, its metrics and a histogram or none");
        }
        Map<String, Double> copy = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        axisValue(spec.throughput(), "throughput", copy, format);
        spec.latency().ifPresent(axis -> axisValue(axis, "latency", copy, format));
        metrics = copy;
    }

    /** The throughput axis's figure, higher is better. */
    public double throughput() {
        return oriented(spec.throughput(), Direction.HIGHER_IS_BETTER);
    }

    /** The latency axis's figure, lower is better; empty when the spec has no latency axis. */
    public OptionalDouble latency() {
        return spec.latency().map(axis -> OptionalDouble.of(oriented(axis, Direction.LOWER_IS_BETTER)))
                .orElse(OptionalDouble.empty());
    }

    private double oriented(MetricAxis axis, Direction wanted) {
        double value = metrics.get(axis.metric());
        return axis.direction() == wanted ? value : 1.0 / value;
    }

    private static void axisValue(MetricAxis axis, String role, Map<String, Double> metrics, BenchFormat format) {
        Double value = metrics.get(axis.metric());
        if (value == null) {
            throw new MetricsException("the " + role + " axis '" + axis.metric() + "' is not among the " + format.id()
                    + " metrics of this run; it has: " + String.join(", ", metrics.keySet()));
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new MetricsException("the " + role + " axis '" + axis.metric() + "' is " + value + " in this run: a "
                    + role + " must be a finite number above 0, and this one is not a measurement (no operation"
                    + " timed, a counter that overflowed, or a clock read wrongly); fix the benchmark's output");
        }
    }
}
