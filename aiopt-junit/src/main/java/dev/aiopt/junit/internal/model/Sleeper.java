package dev.aiopt.junit.internal.model;

import java.time.Duration;

/** Waits between retries; tests substitute one that records instead of waiting. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
