package dev.aiopt.junit.internal.evolution;

import java.util.Objects;

/**
 * What became of a program.
 *
 * @param status its status
 * @param reason why it failed or how it compared; null when there is nothing to say
 */
record Outcome(Status status, String reason) {
    public Outcome {
        Objects.requireNonNull(status, "status");
    }
}
