package dev.aiopt.junit.internal.evolution;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The champion after re-measurement against the baseline, and where the run's files are.
 *
 * @param id the champion's program id
 * @param fitness its fitness after re-measurement (the baseline's when no candidate beat it)
 * @param baselineFitness what the baseline scores
 * @param runJson the run file
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ChampionResult(String id, double fitness, double baselineFitness, Path runJson) {
    public ChampionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runJson, "runJson");
    }
}
