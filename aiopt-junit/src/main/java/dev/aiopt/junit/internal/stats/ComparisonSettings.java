package dev.aiopt.junit.internal.stats;

/**
 * How a {@link Comparison} decides: the confidence of its interval and test, the smallest relative effect
 * worth calling a change, the number of bootstrap resamples and the seed that makes the interval
 * reproducible. The defaults ({@link #defaults()}) are confidence 0.95, minimum effect 1%, 2000 resamples,
 * seed 1.
 *
 * @param confidence two-sided confidence of the interval; {@code 1 - confidence} is the test's alpha, in (0.5, 1)
 * @param minEffect smallest relative change that counts, e.g. {@code 0.01} for 1%; 0 disables it
 * @param bootstrapResamples bootstrap resamples for the interval, at least 100
 * @param seed seed of the bootstrap's random generator; the same inputs and seed give the same interval
 *
 * <p>Public because it is used by {@code evaluation}, {@code evolution}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ComparisonSettings(double confidence, double minEffect, int bootstrapResamples, long seed) {

    /** Default confidence of a comparison between a candidate and its parent. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Default minimum relative effect: changes below 1% are "no detectable difference". */
    public static final double DEFAULT_MIN_EFFECT = 0.01;
    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_BOOTSTRAP_RESAMPLES = 2000;

    public ComparisonSettings {
        if (!(confidence > 0.5 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), e.g. 0.95, but was " + confidence);
        }
        if (!(minEffect >= 0.0 && minEffect < 1.0)) {
            throw new IllegalArgumentException(
                    "minEffect is a fraction in [0, 1), e.g. 0.01 for 1%, but was " + minEffect);
        }
        if (bootstrapResamples < 100) {
            throw new IllegalArgumentException(
                    "bootstrapResamples must be at least 100 (2000 is a good default), but was " + bootstrapResamples);
        }
    }

    /** Confidence 0.95, minimum effect 1%, 2000 resamples, seed 1. */
    public static ComparisonSettings defaults() {
        return new ComparisonSettings(DEFAULT_CONFIDENCE, DEFAULT_MIN_EFFECT, DEFAULT_BOOTSTRAP_RESAMPLES, 1L);
    }

    /** The test's significance level, {@code 1 - confidence}. */
    public double alpha() {
        return 1.0 - confidence;
    }

    /** A copy with another confidence. */
    public ComparisonSettings withConfidence(double newConfidence) {
        return new ComparisonSettings(newConfidence, minEffect, bootstrapResamples, seed);
    }

    /** A copy with another minimum effect. */
    public ComparisonSettings withMinEffect(double newMinEffect) {
        return new ComparisonSettings(confidence, newMinEffect, bootstrapResamples, seed);
    }

    /** A copy with another seed. */
    public ComparisonSettings withSeed(long newSeed) {
        return new ComparisonSettings(confidence, minEffect, bootstrapResamples, newSeed);
    }
}
