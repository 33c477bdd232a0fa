package dev.aiopt.junit.internal.evolution;

/**
 * The seeds' fitness, {@code wT·throughput + wL·latency + wC·causal realization}, each term normalised to the
 * baseline: throughput as candidate/baseline ops/sec, latency as baseline/candidate p99, causal realization in
 * [0, 1]. The baseline scores {@code wT + wL}. The same function serves every track.
 *
 * @param throughput weight of throughput (default 0.3)
 * @param latency weight of p99 latency (default 0.2)
 * @param causal weight of causal realization (default 0.3)
 */
public record Fitness(double throughput, double latency, double causal) implements Scorer {
    public Fitness {
        if (throughput < 0 || latency < 0 || causal < 0 || throughput + latency + causal == 0) {
            throw new IllegalArgumentException("fitness weights must be >= 0 and not all 0, got " + throughput + ", "
                    + latency + ", " + causal);
        }
    }

    /** The seeds' weights. */
    public static Fitness defaults() {
        return new Fitness(0.3, 0.2, 0.3);
    }

    /**
     * @param throughputRatio candidate ops/sec over the baseline's
     * @param p99Ratio candidate p99 over the baseline's
     * @param causalRealization in [0, 1]; 0 when unknown
     */
    @Override
    public double score(double throughputRatio, double p99Ratio, double causalRealization) {
        return throughput * throughputRatio + latency / p99Ratio + causal * causalRealization;
    }

    /** The baseline's own score. */
    @Override
    public double baseline() {
        return score(1, 1, 0);
    }
}
