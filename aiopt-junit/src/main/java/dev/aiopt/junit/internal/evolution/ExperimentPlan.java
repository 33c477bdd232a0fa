package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.slice.Slice;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one run of an experiment needs, resolved from annotations and configuration: what to evolve,
 * how to build and measure it, how long to search, and with which model.
 *
 * @param experiment experiment name (paths, reports)
 * @param track the track of this run
 * @param generations generations after the baseline
 * @param candidatesPerGeneration candidates per generation
 * @param minFitness fitness the champion must reach; NaN for no threshold
 * @param seed seed of every random choice
 * @param islands islands of the program database
 * @param maxAttempts model requests per candidate
 * @param sourceRoot the user's tree (read only)
 * @param slice the evolvable slice and its template
 * @param commands build, verify and bench commands
 * @param repeats measured benchmark runs per side in a comparison
 * @param warmups discarded runs before measuring
 * @param fitness the fitness weights
 * @param runDirectory where this run writes everything
 * @param model who writes candidates
 * @param ledger model calls, tokens and cost against the run's budgets
 * @param configuration the effective configuration, for the printout and run.json
 */
public record ExperimentPlan(String experiment, Track track, int generations, int candidatesPerGeneration,
        double minFitness, long seed, int islands, int maxAttempts, Path sourceRoot, Slice slice, Commands commands, int repeats,
        int warmups, Fitness fitness, Path runDirectory, Model model, Ledger ledger, Configuration configuration) {

    public ExperimentPlan {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(track, "track");
        requireAtLeast("generations", generations, 0);
        requireAtLeast("candidatesPerGeneration", candidatesPerGeneration, 1);
        requireAtLeast("maxAttempts", maxAttempts, 1);
        requireAtLeast("islands", islands, 1);
        requireAtLeast("repeats", repeats, 2);
        requireAtLeast("warmups", warmups, 0);
        Objects.requireNonNull(sourceRoot, "sourceRoot");
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(fitness, "fitness");
        Objects.requireNonNull(runDirectory, "runDirectory");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(configuration, "configuration");
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** Whether the champion is asserted against a threshold. */
    public boolean hasMinFitness() {
        return !Double.isNaN(minFitness);
    }
}
