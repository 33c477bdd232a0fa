package dev.aiopt.junit.internal.stats;

/**
 * The three-way outcome of comparing a candidate with its reference. Only {@link #BETTER} may replace a
 * parent or champion; {@link #NO_DIFFERENCE} means "no detectable difference" and keeps the reference's
 * fitness. The exact rule is documented on {@link Comparison}.
 *
 * <p>Public because it is used by {@code evolution}, {@code judge};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum Decision {
    /** Significantly better, by at least the minimum effect. */
    BETTER,
    /** Significantly worse, by at least the minimum effect. */
    WORSE,
    /** No detectable difference: not significant, or smaller than the minimum effect. */
    NO_DIFFERENCE
}
