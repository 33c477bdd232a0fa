package dev.aiopt.junit.internal.judge;

import java.util.OptionalDouble;

/**
 * Losses no gain elsewhere may buy. A candidate significantly worse ({@code WORSE}) on a guarded axis whose loss
 * passes the limit, against its parent or, through its new level, against the baseline, is {@link Verdict#REGRESSED}
 * whatever its other axes did. Its fitness is then computed with every axis that got better held at the parent's
 * level and the worse ones as measured, so it lies strictly below the parent's by exactly the measured loss.
 *
 * @param maxThroughputLoss largest tolerated throughput loss as a fraction (0.05: down to x0.95), empty for none
 * @param maxP99Increase largest tolerated p99 increase as a fraction (0.10: up to x1.10), empty for none
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Guardrails(OptionalDouble maxThroughputLoss, OptionalDouble maxP99Increase) {

    public Guardrails {
        if (maxThroughputLoss == null || maxP99Increase == null) {
            throw new IllegalArgumentException("use OptionalDouble.empty() for an absent guardrail, not null");
        }
        maxThroughputLoss.ifPresent(v -> {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("maxThroughputLoss is a fraction in [0, 1), e.g. 0.05 for 5%, got " + v);
            }
        });
        maxP99Increase.ifPresent(v -> {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("maxP99Increase is a fraction >= 0, e.g. 0.10 for 10%, got " + v);
            }
        });
    }

    /** No guardrails: trade-offs are settled by fitness alone. */
    public static Guardrails none() {
        return new Guardrails(OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A copy with a throughput guardrail. */
    public Guardrails withMaxThroughputLoss(double fraction) {
        return new Guardrails(OptionalDouble.of(fraction), maxP99Increase);
    }

    /** A copy with a p99 guardrail. */
    public Guardrails withMaxP99Increase(double fraction) {
        return new Guardrails(maxThroughputLoss, OptionalDouble.of(fraction));
    }

    /** The lowest throughput ratio still tolerated, or 0. */
    double throughputFloor() {
        return maxThroughputLoss.isPresent() ? 1.0 - maxThroughputLoss.getAsDouble() : 0.0;
    }

    /** The highest p99 ratio still tolerated, or infinity. */
    double p99Ceiling() {
        return maxP99Increase.isPresent() ? 1.0 + maxP99Increase.getAsDouble() : Double.POSITIVE_INFINITY;
    }
}
