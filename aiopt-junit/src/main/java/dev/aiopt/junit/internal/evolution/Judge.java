package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import java.util.List;
import java.util.Map;

/**
 * The judging stage: compares a candidate's runs with its reference's (throughput and p99, at the per-look
 * confidence of the sequential plan the runs were taken under) and turns the two decisions into a status.
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

    // Better on one axis and not worse on the other is an improvement, worse and not better a regression; a
    // trade-off (better on one, worse on the other) is settled by fitness against the parent. Otherwise: no
    // detectable difference on either axis.
    static Status status(Decision throughput, Decision p99, double fitness, double parentFitness) {
        boolean better = throughput == Decision.BETTER || p99 == Decision.BETTER;
        boolean worse = throughput == Decision.WORSE || p99 == Decision.WORSE;
        if (better && worse) {
            return fitness > parentFitness ? Status.IMPROVED : Status.REGRESSED;
        }
        return better ? Status.IMPROVED : worse ? Status.REGRESSED : Status.NO_CHANGE;
    }

    private static double[] metric(List<Map<String, Double>> runs, String metric) {
        return runs.stream().mapToDouble(m -> m.get(metric)).toArray();
    }
}
