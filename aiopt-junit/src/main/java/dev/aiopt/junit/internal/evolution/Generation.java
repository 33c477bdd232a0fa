package dev.aiopt.junit.internal.evolution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One planned generation: its candidates in order, or why it did not start.
 *
 * @param number the generation, from 1
 * @param candidates its candidates (empty when stopped)
 * @param stopped why it did not start (the budget is exhausted); empty when it runs
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Generation(int number, List<Candidate> candidates, Optional<String> stopped) {
    public Generation {
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(stopped, "stopped");
    }
}
