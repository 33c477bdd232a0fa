package dev.aiopt.junit.internal.evolution;

import java.util.Locale;
import java.util.Objects;

/**
 * How long and how wide the search runs, resolved once from configuration.
 *
 * @param generations generations after the baseline
 * @param candidatesPerGeneration candidates per generation
 * @param minFitness fitness the champion must reach; NaN for no threshold
 * @param seed seed of every random choice
 * @param islands islands of the program database
 * @param maxAttempts model requests per candidate
 * @param parallelism candidates evaluated at once, each in its own workspace
 * @param reply how the model answers
 * @param duplicateReasks extra requests per candidate when a reply reproduces code the run already has
 *     ({@code aiopt.duplicateReasks}); each is billed like any request
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SearchSettings(int generations, int candidatesPerGeneration, double minFitness, long seed, int islands,
        int maxAttempts, int parallelism, Reply reply, int duplicateReasks) {

    /** How the model answers: SEARCH/REPLACE blocks, or the whole slice. */
    public enum Reply {
        DIFF, REWRITE;

        /** {@code diff} or {@code rewrite}, any case. */
        public static Reply parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "diff" -> DIFF;
                case "rewrite" -> REWRITE;
                default -> throw new IllegalArgumentException("aiopt.mode must be diff or rewrite, got '" + text + "'");
            };
        }
    }

    public SearchSettings {
        requireAtLeast("generations", generations, 0);
        requireAtLeast("candidatesPerGeneration", candidatesPerGeneration, 1);
        requireAtLeast("maxAttempts", maxAttempts, 1);
        requireAtLeast("islands", islands, 1);
        requireAtLeast("parallelism", parallelism, 1);
        Objects.requireNonNull(reply, "reply");
        requireAtLeast("duplicateReasks", duplicateReasks, 0);
    }

    /** Settings with the default of one re-ask after a reply that reproduces known code. */
    public SearchSettings(int generations, int candidatesPerGeneration, double minFitness, long seed, int islands,
            int maxAttempts, int parallelism, Reply reply) {
        this(generations, candidatesPerGeneration, minFitness, seed, islands, maxAttempts, parallelism, reply, 1);
    }

    /** Whether the champion is asserted against a threshold. */
    public boolean hasMinFitness() {
        return !Double.isNaN(minFitness);
    }

    static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
