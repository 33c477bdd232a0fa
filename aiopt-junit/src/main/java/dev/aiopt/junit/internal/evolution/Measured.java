package dev.aiopt.junit.internal.evolution;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program's figures: measured, or (for a duplicate) those of the earlier program with the same code.
 *
 * @param metrics medians of the runs
 * @param runs per-run metrics (empty for a duplicate)
 * @param throughput ops/sec relative to the baseline
 * @param p99 p99 latency relative to the baseline
 * @param vsParent the statistics against the parent: throughput then p99 (empty for the baseline and duplicates)
 */
public record Measured(Map<String, Double> metrics, List<Map<String, Double>> runs, Ratio throughput, Ratio p99,
        List<Ratio> vsParent) {
    public Measured {
        Objects.requireNonNull(metrics, "metrics");
        runs = List.copyOf(runs);
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(p99, "p99");
        vsParent = List.copyOf(vsParent);
    }
}
