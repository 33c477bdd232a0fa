package dev.aiopt.junit.internal.evolution;

/**
 * The scoring rule of the score stage: turns a measured program's ratios to the baseline (and its causal
 * realization) into one fitness. {@link Fitness} is today's rule; the cascade depends only on this.
 */
public interface Scorer {
    /**
     * @param throughputRatio candidate ops/sec over the baseline's
     * @param p99Ratio candidate p99 over the baseline's
     * @param causalRealization in [0, 1]; 0 when unknown
     */
    double score(double throughputRatio, double p99Ratio, double causalRealization);

    /** What the unmodified baseline scores. */
    double baseline();
}
