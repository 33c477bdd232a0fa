package dev.aiopt.junit.internal.judge;

import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.Direction;

/** Synthetic candidate-vs-parent comparisons for the judge's tests. */
final class Comparisons {
    private Comparisons() {
    }

    static Comparison throughput(double ratio, Decision decision) {
        return of(ratio, decision, Direction.HIGHER_IS_BETTER);
    }

    static Comparison p99(double ratio, Decision decision) {
        return of(ratio, decision, Direction.LOWER_IS_BETTER);
    }

    static Comparison of(double ratio, Decision decision, Direction direction) {
        double p = decision == Decision.NO_DIFFERENCE ? 0.4 : 0.008;
        return new Comparison(ratio, ratio * 0.95, ratio * 1.05, 0.95, p, decision, direction, 5, 5);
    }
}
