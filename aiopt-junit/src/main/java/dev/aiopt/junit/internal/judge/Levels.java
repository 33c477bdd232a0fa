package dev.aiopt.junit.internal.judge;

/**
 * Where a program stands relative to the baseline on each fitness axis; what its fitness is computed from and
 * what its children start from.
 *
 * @param throughput ops/sec relative to the baseline's (1 for the baseline)
 * @param p99 p99 latency relative to the baseline's (1 for the baseline; below 1 is better)
 * @param causal causal level in [0, 1]: the share of the baseline hotspot's predicted speedup that is gone (0
 *     for the baseline)
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Levels(double throughput, double p99, double causal) {

    /** The baseline's own levels. */
    public static final Levels BASELINE = new Levels(1.0, 1.0, 0.0);

    public Levels {
        if (!(throughput > 0) || !Double.isFinite(throughput) || !(p99 > 0) || !Double.isFinite(p99)) {
            throw new IllegalArgumentException("throughput and p99 levels are positive, finite ratios to the "
                    + "baseline, got throughput " + throughput + ", p99 " + p99);
        }
        if (!(causal >= 0 && causal <= 1)) {
            throw new IllegalArgumentException("the causal level is a share in [0, 1], got " + causal);
        }
    }

    Levels withThroughput(double value) {
        return new Levels(value, p99, causal);
    }

    Levels withP99(double value) {
        return new Levels(throughput, value, causal);
    }

    Levels withCausal(double value) {
        return new Levels(throughput, p99, value);
    }
}
