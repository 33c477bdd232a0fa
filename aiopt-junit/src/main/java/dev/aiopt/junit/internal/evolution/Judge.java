package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import java.util.List;
import java.util.Map;

/**
 * The judging stage: compares a candidate's runs with its reference's (throughput and p99, at the per-look
 * confidence of the sequential plan the runs were taken under). The {@link ScoreStage} turns the decisions into a
 * verdict and a fitness.
 */
final class Judge {
    /** The two comparisons of a candidate with its reference. */
    record Verdict(Comparison throughput, Comparison p99) {
    }

    private Judge() {
    }

    static Verdict compare(List<Map<String, Double>> candidate, List<Map<String, Double>> reference,
            SequentialPlan plan, long seed) {
        ComparisonSettings perLook = plan.perLook(ComparisonSettings.defaults().withSeed(seed));
        return new Verdict(Comparison.of(metric(candidate, Cascade.THROUGHPUT), metric(reference, Cascade.THROUGHPUT),
                Direction.HIGHER_IS_BETTER, perLook),
                Comparison.of(metric(candidate, Cascade.P99), metric(reference, Cascade.P99),
                        Direction.LOWER_IS_BETTER, perLook));
    }

    private static double[] metric(List<Map<String, Double>> runs, String metric) {
        return runs.stream().mapToDouble(m -> m.get(metric)).toArray();
    }
}
