package dev.aiopt.junit.internal.judge;

/**
 * The seeds' weights of the three fitness terms. The baseline scores {@code throughput + latency}: both its
 * ratios are 1 and its causal level is 0.
 *
 * @param throughput weight of the throughput term (default 0.3)
 * @param latency weight of the p99 term (default 0.2)
 * @param causal weight of the causal level (default 0.3)
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Weights(double throughput, double latency, double causal) {

    public Weights {
        if (!(throughput >= 0 && latency >= 0 && causal >= 0) || !(throughput + latency + causal > 0)
                || !Double.isFinite(throughput + latency + causal)) {
            throw new IllegalArgumentException("fitness weights must be finite, >= 0 and not all 0, got throughput "
                    + throughput + ", latency " + latency + ", causal " + causal);
        }
    }

    /** 0.3 throughput, 0.2 latency, 0.3 causal. */
    public static Weights defaults() {
        return new Weights(0.3, 0.2, 0.3);
    }
}
