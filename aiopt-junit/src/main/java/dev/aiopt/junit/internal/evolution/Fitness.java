package dev.aiopt.junit.internal.evolution;

/**
 * The seeds' fitness weights, as configured ({@code aiopt.weight.*}). The function itself, with its caps and the
 * rule that only decided axes move it, is {@code judge.Fitness}, applied by the {@link ScoreStage}: {@code
 * wT·capT(T) + wL·capL(1/P) + wC·C} over the levels relative to the baseline. The same function serves every track.
 *
 * @param throughput weight of throughput (default 0.3)
 * @param latency weight of p99 latency (default 0.2)
 * @param causal weight of the causal level (default 0.3)
 */
public record Fitness(double throughput, double latency, double causal) {
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

    /** The baseline's own score: both ratios 1 (exactly credited under any cap), causal level 0. */
    public double baseline() {
        return throughput + latency;
    }
}
