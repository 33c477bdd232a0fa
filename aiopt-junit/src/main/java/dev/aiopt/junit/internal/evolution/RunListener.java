package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.redact.Redactor;
import java.util.Map;

/**
 * Hears what a run has to say while it runs: console lines, and the key/value entries of the candidate (or
 * champion) that just landed. The extension prints the lines and publishes the entries as JUnit report entries
 * of the test that is running; the engine knows nothing of JUnit.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public interface RunListener {
    /** Prints lines to standard output and drops the entries. */
    RunListener CONSOLE = new RunListener() {
        @Override
        public void line(String text) {
            System.out.println(Redactor.redact(text));
        }

        @Override
        public void entries(Map<String, String> entries) {
        }
    };

    /** One console line (may hold line breaks). */
    void line(String text);

    /** Entries about the program that just landed, e.g. {@code aiopt.status}, {@code aiopt.fitness}. */
    void entries(Map<String, String> entries);
}
