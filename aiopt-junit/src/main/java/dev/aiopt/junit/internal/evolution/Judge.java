package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.stats.Samples;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import java.util.List;
import java.util.Map;

/**
 * The judging stage: compares a candidate's runs with its reference's (throughput and p99, at the per-look
 * confidence of the sequential plan the runs were taken under, paired as the plan says: run i of each side ran next
 * to the other's, so the signed-rank test on the pairs' ratios cancels the machine's drift). The
 * {@link ScoreStage} turns the decisions into a verdict and a fitness.
 *
 * <p>A benchmark without a latency axis ({@code @Bench(latency = "none")}) has no {@code p99_us} in its runs:
 * its p99 comparison is then {@link #absent absent}, a ratio of exactly 1 with no difference, so the p99 axis
 * contributes its parent's value (the status follows throughput alone).
 */
final class Judge {
    /** The two comparisons of a candidate with its reference. */
    record Verdict(Comparison throughput, Comparison p99) {
    }

    private Judge() {
    }

    /** Compares interleaved pairs of runs (equal counts, in run order) with the test {@code plan} pairs them by. */
    static Verdict compare(List<Map<String, Double>> candidate, List<Map<String, Double>> reference,
            SequentialPlan plan, long seed) {
        ComparisonSettings overall = ComparisonSettings.defaults().withSeed(seed);
        Comparison throughput = plan.compare(Samples.of(metric(candidate, Cascade.THROUGHPUT),
                metric(reference, Cascade.THROUGHPUT)), Direction.HIGHER_IS_BETTER, overall);
        Comparison p99 = hasLatency(candidate) && hasLatency(reference)
                ? plan.compare(Samples.of(metric(candidate, Cascade.P99), metric(reference, Cascade.P99)),
                        Direction.LOWER_IS_BETTER, overall)
                : absent(candidate.size(), reference.size(), plan.perLook(overall).confidence());
        return new Verdict(throughput, p99);
    }

    /** The unpaired p99 comparison of runs measured round-robin, or {@link #absent} when they have no latency axis. */
    static Comparison p99(List<Map<String, Double>> candidate, List<Map<String, Double>> reference,
            ComparisonSettings settings) {
        if (!hasLatency(candidate) || !hasLatency(reference)) {
            return absent(candidate.size(), reference.size(), settings.confidence());
        }
        return Comparison.of(metric(candidate, Cascade.P99), metric(reference, Cascade.P99), Direction.LOWER_IS_BETTER,
                settings);
    }

    /** Whether every run carries the latency axis. */
    static boolean hasLatency(List<Map<String, Double>> runs) {
        return !runs.isEmpty() && runs.stream().allMatch(m -> m.containsKey(Cascade.P99));
    }

    /** The p99 "comparison" of runs without a latency axis: ratio 1, no difference, p-value 1. */
    static Comparison absent(int candidateRuns, int referenceRuns, double confidence) {
        return new Comparison(1, 1, 1, confidence, 1, Decision.NO_DIFFERENCE, Direction.LOWER_IS_BETTER, candidateRuns,
                referenceRuns);
    }

    /** The p99 part of a console line: {@code p99 x1.020 [0.990, 1.050] NO_DIFFERENCE}, or that there is none. */
    static String describeP99(Comparison p99, boolean present) {
        return present ? String.format("p99 x%.3f [%.3f, %.3f] %s", p99.ratio(), p99.low(), p99.high(), p99.decision())
                : "p99 none (no latency axis: judged on throughput)";
    }

    private static double[] metric(List<Map<String, Double>> runs, String metric) {
        return runs.stream().mapToDouble(m -> m.get(metric)).toArray();
    }
}
