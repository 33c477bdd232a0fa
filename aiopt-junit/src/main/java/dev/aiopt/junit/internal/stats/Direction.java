package dev.aiopt.junit.internal.stats;

/**
 * Which way a metric improves: throughput (ops/sec) is better when higher, latency (p99, micros/op) when
 * lower. A {@link Comparison} always reports the raw ratio candidate/reference; the direction only decides
 * whether a ratio above one is {@link Decision#BETTER} or {@link Decision#WORSE}.
 *
 * <p>Public because it is used by {@code evaluation}, {@code evolution}, {@code judge}, {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum Direction {
    /** Throughput-like metrics: a ratio above one is an improvement. */
    HIGHER_IS_BETTER,
    /** Latency-like metrics: a ratio below one is an improvement. */
    LOWER_IS_BETTER;

    /**
     * The ratio turned so that above one always means "candidate better": the ratio itself for
     * {@link #HIGHER_IS_BETTER}, its inverse for {@link #LOWER_IS_BETTER}.
     */
    double goodness(double ratio) {
        return this == HIGHER_IS_BETTER ? ratio : 1.0 / ratio;
    }
}
