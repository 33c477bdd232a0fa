package dev.aiopt.junit.internal.extension;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a running candidate publishes its JUnit report entries: the extension points this at the dynamic
 * test's own {@code ExtensionContext} while the test runs, so entries land on the candidate, not the factory.
 */
final class ReportEntries {
    private static final ThreadLocal<Consumer<Map<String, String>>> CURRENT = new ThreadLocal<>();

    private ReportEntries() {
    }

    /** Runs {@code body} with {@code publisher} receiving the entries published on this thread. */
    static void with(Consumer<Map<String, String>> publisher, Body body) throws Throwable {
        Consumer<Map<String, String>> previous = CURRENT.get();
        CURRENT.set(publisher);
        try {
            body.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The test body run with a publisher in place. */
    @FunctionalInterface
    interface Body {
        void run() throws Throwable;
    }

    static void publish(Map<String, String> entries) {
        Consumer<Map<String, String>> publisher = CURRENT.get();
        if (publisher != null) {
            publisher.accept(entries);
        }
    }
}
