package dev.aiopt.junit.internal.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The lease of one attempt: a file whose content the submitting JVM rewrites every {@code timeout / 3}. The
 * job watches the content, not the file's time, and measures the lapse on its own monotonic clock, so clocks
 * that differ between the submitting host and the node do not matter. A job whose lease has not changed for
 * {@code timeout} (or whose lease file is gone) ends itself: its JVM has died or given it up.
 */
final class Lease {
    private final Path file;
    private final Duration timeout;
    private Optional<String> lastSeen = Optional.empty();
    private long lastChangeNanos = System.nanoTime();

    Lease(Path file, Duration timeout) {
        this.file = file;
        this.timeout = timeout;
    }

    /** Renews (or creates) the lease; called by the submitting JVM. */
    static void renew(Path file) {
        UnitFiles.writeAtomically(file, System.currentTimeMillis() + " " + ProcessHandle.current().pid() + "\n");
    }

    /** Gives the lease up: the job sees it gone and ends. */
    static void release(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Not fatal: an unrenewed lease lapses anyway.
        }
    }

    /** Whether the lease has lapsed; called by the job, about once a second. */
    boolean lapsed() {
        Optional<String> now;
        try {
            now = Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            now = Optional.empty();
        }
        if (now.isEmpty()) {
            return true;
        }
        if (!now.equals(lastSeen)) {
            lastSeen = now;
            lastChangeNanos = System.nanoTime();
            return false;
        }
        return System.nanoTime() - lastChangeNanos > timeout.toNanos();
    }

    Duration timeout() {
        return timeout;
    }
}
