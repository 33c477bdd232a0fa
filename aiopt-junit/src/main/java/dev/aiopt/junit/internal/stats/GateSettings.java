package dev.aiopt.junit.internal.stats;

/**
 * The thresholds of a CI regression gate on throughput and p99 (see {@link RegressionGate} for the exact
 * rule). Defaults ({@link #defaults()}): throughput may drop to 0.97 of the reference, p99 may rise to 1.05,
 * confidence 0.99 for the whole gate, {@value #DEFAULT_REPEATS} interleaved runs per side; these keep the
 * simulated A/A false-alarm rate under 1% (see {@code GateSimulation} in the tests and the README).
 *
 * @param minThroughputRatio smallest tolerated median throughput ratio candidate/reference, in (0, 1]
 * @param maxP99Ratio largest tolerated median p99 ratio candidate/reference, at least 1
 * @param confidence confidence of the whole gate: each metric's interval and test use it, and since a metric
 *     fails only on the worse side, each is a one-sided test at {@code (1 - confidence) / 2}; in (0.5, 1)
 * @param repeats runs per side the runner should take (the gate itself accepts what it is given)
 * @param bootstrapResamples bootstrap resamples per metric, at least 100
 * @param seed seed of the bootstrap, so a verdict is reproducible from its raw numbers
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record GateSettings(
        double minThroughputRatio,
        double maxP99Ratio,
        double confidence,
        int repeats,
        int bootstrapResamples,
        long seed) {

    /** Default tolerated throughput ratio. */
    public static final double DEFAULT_MIN_THROUGHPUT_RATIO = 0.97;
    /** Default tolerated p99 ratio. */
    public static final double DEFAULT_MAX_P99_RATIO = 1.05;
    /** Default confidence of the whole gate (A/A false alarms at most 1%). */
    public static final double DEFAULT_CONFIDENCE = 0.99;
    /** Default runs per side, chosen from the gate simulation. */
    public static final int DEFAULT_REPEATS = 10;

    public GateSettings {
        if (!(minThroughputRatio > 0 && minThroughputRatio <= 1)) {
            throw new IllegalArgumentException(
                    "minThroughputRatio must be in (0, 1], e.g. 0.97 to allow a 3% drop, but was " + minThroughputRatio);
        }
        if (!(maxP99Ratio >= 1 && Double.isFinite(maxP99Ratio))) {
            throw new IllegalArgumentException(
                    "maxP99Ratio must be at least 1, e.g. 1.05 to allow a 5% rise, but was " + maxP99Ratio);
        }
        if (!(confidence > 0.5 && confidence < 1.0)) {
            throw new IllegalArgumentException("gate confidence must be in (0.5, 1), e.g. 0.99, but was " + confidence);
        }
        if (bootstrapResamples < 100) {
            throw new IllegalArgumentException(
                    "bootstrapResamples must be at least 100 (2000 is a good default), but was " + bootstrapResamples);
        }
        double metricAlpha = 1.0 - confidence;
        if (repeats < 2 || SequentialPlan.smallestPValue(repeats) > metricAlpha) {
            int needed = 2;
            while (SequentialPlan.smallestPValue(needed) > metricAlpha) {
                needed++;
            }
            throw new IllegalArgumentException("gate repeats " + repeats + " could never detect a regression at confidence "
                    + confidence + ": use at least " + needed + " runs per side (" + DEFAULT_REPEATS + " recommended)");
        }
    }

    /** minThroughputRatio 0.97, maxP99Ratio 1.05, confidence 0.99, {@value #DEFAULT_REPEATS} repeats, 2000 resamples, seed 1. */
    public static GateSettings defaults() {
        return new GateSettings(DEFAULT_MIN_THROUGHPUT_RATIO, DEFAULT_MAX_P99_RATIO, DEFAULT_CONFIDENCE,
                DEFAULT_REPEATS, ComparisonSettings.DEFAULT_BOOTSTRAP_RESAMPLES, 1L);
    }

    /** A copy with other thresholds. */
    public GateSettings withLimits(double newMinThroughputRatio, double newMaxP99Ratio) {
        return new GateSettings(newMinThroughputRatio, newMaxP99Ratio, confidence, repeats, bootstrapResamples, seed);
    }

    /** A copy with another run count per side. */
    public GateSettings withRepeats(int newRepeats) {
        return new GateSettings(minThroughputRatio, maxP99Ratio, confidence, newRepeats, bootstrapResamples, seed);
    }

    /** A copy with another seed. */
    public GateSettings withSeed(long newSeed) {
        return new GateSettings(minThroughputRatio, maxP99Ratio, confidence, repeats, bootstrapResamples, newSeed);
    }

    /**
     * Settings of each metric's comparison: the gate's confidence, two-sided, no minimum effect. Only the
     * worse side can fail a metric, so each metric spends {@code alpha / 2} and both together {@code alpha}.
     */
    ComparisonSettings perMetric(long metricSeed) {
        return new ComparisonSettings(confidence, 0.0, bootstrapResamples, metricSeed);
    }
}
