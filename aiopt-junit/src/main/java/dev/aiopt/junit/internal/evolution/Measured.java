package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.judge.Levels;
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
 * @param levels the levels its fitness is computed from (only decided axes moved them); null in journals written
 *     before levels were kept
 * @param direct the program re-measured against the baseline, interleaved in the same run, before it became an
 *     island's best (then {@code throughput} and {@code p99} stay the chained figures it was judged by); null when
 *     it was not an elite
 * @param referenceMetrics medians of the parent's runs interleaved with these, the figures {@code vsParent} divides
 *     by (empty for the baseline, duplicates and journals written before they were kept)
 */
record Measured(Map<String, Double> metrics, List<Map<String, Double>> runs, Ratio throughput, Ratio p99,
        List<Ratio> vsParent, Levels levels, Direct direct, Map<String, Double> referenceMetrics) {

    /**
     * A direct comparison with the baseline.
     *
     * @param throughput ops/sec ratio to the baseline, measured interleaved with it
     * @param p99 p99 ratio to the baseline
     * @param repeats runs per program
     * @param fitness the fitness of the direct ratios (undecided axes at the baseline's level, the causal level its
     *     lineage earned); shown beside, never instead of, the fitness its verdict was given with
     */
    public record Direct(Ratio throughput, Ratio p99, int repeats, double fitness) {
        public Direct {
            Objects.requireNonNull(throughput, "throughput");
            Objects.requireNonNull(p99, "p99");
        }
    }

    /** Figures without a direct comparison. */
    public Measured(Map<String, Double> metrics, List<Map<String, Double>> runs, Ratio throughput, Ratio p99,
            List<Ratio> vsParent, Levels levels) {
        this(metrics, runs, throughput, p99, vsParent, levels, null, Map.of());
    }

    /** A copy with this direct comparison. */
    Measured withDirect(Direct newDirect) {
        return new Measured(metrics, runs, throughput, p99, vsParent, levels, newDirect, referenceMetrics);
    }

    /** A copy that keeps the medians of the reference's interleaved runs. */
    Measured withReferenceMetrics(Map<String, Double> reference) {
        return new Measured(metrics, runs, throughput, p99, vsParent, levels, direct, reference);
    }
    public Measured {
        Objects.requireNonNull(metrics, "metrics");
        runs = List.copyOf(runs);
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(p99, "p99");
        vsParent = List.copyOf(vsParent);
        referenceMetrics = referenceMetrics == null ? Map.of() : Map.copyOf(referenceMetrics);
    }
}
