package dev.aiopt.junit.internal.metrics;

/**
 * Benchmark output could not be turned into the metrics asked for: the output is empty or garbled, a
 * line has an unexpected shape, or a metric is absent. The message always names the missing or broken
 * thing and, where a flag or setting produces it, says which one; it is meant to be shown to the user as is.
 *
 * <p>Public because it is used by {@code evaluation}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class MetricsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MetricsException(String message) {
        super(message);
    }

    MetricsException(String message, Throwable cause) {
        super(message, cause);
    }
}
