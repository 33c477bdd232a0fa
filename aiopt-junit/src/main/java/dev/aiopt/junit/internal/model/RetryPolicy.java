package dev.aiopt.junit.internal.model;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How often and how long to wait after a failed attempt: exponential backoff from {@code initial}, capped at
 * {@code max}, with "equal jitter" (half the delay fixed, half random) so that parallel callers spread out.
 * A server's {@code Retry-After} wins over the computed delay unless it exceeds {@code maxRetryAfter}.
 */
record RetryPolicy(int maxRetries, Duration initial, Duration max, Duration maxRetryAfter, DoubleSupplier jitter) {
    RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(jitter, "jitter");
    }

    static RetryPolicy standard(int maxRetries, DoubleSupplier jitter) {
        return new RetryPolicy(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10),
                jitter);
    }

    /** Delay before retry number {@code retry} (0 = the first retry). */
    Duration backoff(int retry) {
        long base = initial.toMillis() << Math.min(retry, 20);
        long capped = Math.min(base, max.toMillis());
        double random = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(capped / 2 + Math.round(random * (capped - capped / 2)));
    }
}
