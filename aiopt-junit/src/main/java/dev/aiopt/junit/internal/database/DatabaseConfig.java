package dev.aiopt.junit.internal.database;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link ProgramDatabase} searches: islands, population and archive sizes, the MAP-Elites feature grid,
 * the parent selection ratios and the migration schedule. Start from {@link #defaults(long)} and change what you
 * need with the {@code with...} methods; every combination that can be constructed is valid.
 *
 * @param seed the run seed; the only source of randomness in the database
 * @param islands number of islands (>= 1)
 * @param populationLimit programs kept across all islands (>= 2 x islands); beyond it the weakest unprotected
 *     program is evicted, never the best program and never an island's best
 * @param archiveSize elite archive size per island (>= 1)
 * @param featureDimensions names of the MAP-Elites feature dimensions, from {@link #KNOWN_FEATURES}; they are
 *     computed from the code only, never from (noisy) measurements
 * @param bins bins per feature dimension (>= 1)
 * @param explorationRatio share of parents drawn uniformly from the island's population
 * @param exploitationRatio share of parents drawn uniformly from the island's elite archive
 * @param weightedRatio share of parents drawn from the island's population in proportion to fitness; the three
 *     ratios sum to 1
 * @param migrationInterval migrate every this many generations (0 = never)
 * @param migrationRate share of an island's own (non-copied) programs, the top by fitness, sent to the next
 *     island in the ring (at least one when the island has any)
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record DatabaseConfig(
        long seed,
        int islands,
        int populationLimit,
        int archiveSize,
        List<String> featureDimensions,
        int bins,
        double explorationRatio,
        double exploitationRatio,
        double weightedRatio,
        int migrationInterval,
        double migrationRate) {

    /** Feature dimensions the database can compute: characters, lines, and line-bag distance from the initial program. */
    public static final List<String> KNOWN_FEATURES = List.of("code_size", "line_count", "diversity");

    public DatabaseConfig {
        requireAtLeast("islands", islands, 1);
        requireAtLeast("populationLimit", populationLimit, 2 * islands);
        requireAtLeast("archiveSize", archiveSize, 1);
        requireAtLeast("bins", bins, 1);
        requireAtLeast("migrationInterval", migrationInterval, 0);
        Objects.requireNonNull(featureDimensions, "featureDimensions");
        featureDimensions = List.copyOf(featureDimensions);
        if (featureDimensions.isEmpty()) {
            throw new IllegalArgumentException("featureDimensions must name at least one of " + KNOWN_FEATURES);
        }
        for (String name : featureDimensions) {
            if (!KNOWN_FEATURES.contains(name)) {
                throw new IllegalArgumentException("unknown feature dimension '" + name + "'; known: " + KNOWN_FEATURES);
            }
        }
        if (featureDimensions.stream().distinct().count() != featureDimensions.size()) {
            throw new IllegalArgumentException("featureDimensions names a dimension twice: " + featureDimensions);
        }
        double cells = Math.pow(bins, featureDimensions.size());
        if (cells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bins^dimensions = " + cells + " grid cells is too many; lower bins");
        }
        requireRatio("explorationRatio", explorationRatio);
        requireRatio("exploitationRatio", exploitationRatio);
        requireRatio("weightedRatio", weightedRatio);
        double sum = explorationRatio + exploitationRatio + weightedRatio;
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("explorationRatio + exploitationRatio + weightedRatio must be 1, is "
                    + sum + " (" + explorationRatio + " + " + exploitationRatio + " + " + weightedRatio + ")");
        }
        if (!(migrationRate > 0.0 && migrationRate <= 1.0)) {
            throw new IllegalArgumentException("migrationRate must be in (0, 1]: " + migrationRate);
        }
    }

    /**
     * OpenEvolve's defaults scaled to short runs: 4 islands, 1000 programs, archive 100 per island, code size x
     * diversity in 10 x 10 bins, parents 20% exploration / 70% exploitation / 10% fitness-weighted, migration of
     * the top 10% every 4 generations.
     */
    public static DatabaseConfig defaults(long seed) {
        return new DatabaseConfig(seed, 4, 1000, 100, List.of("code_size", "diversity"), 10, 0.2, 0.7, 0.1, 4, 0.1);
    }

    public DatabaseConfig withSeed(long newSeed) {
        return new DatabaseConfig(newSeed, islands, populationLimit, archiveSize, featureDimensions, bins,
                explorationRatio, exploitationRatio, weightedRatio, migrationInterval, migrationRate);
    }

    public DatabaseConfig withIslands(int newIslands) {
        return new DatabaseConfig(seed, newIslands, populationLimit, archiveSize, featureDimensions, bins,
                explorationRatio, exploitationRatio, weightedRatio, migrationInterval, migrationRate);
    }

    public DatabaseConfig withPopulation(int newPopulationLimit, int newArchiveSize) {
        return new DatabaseConfig(seed, islands, newPopulationLimit, newArchiveSize, featureDimensions, bins,
                explorationRatio, exploitationRatio, weightedRatio, migrationInterval, migrationRate);
    }

    public DatabaseConfig withFeatures(List<String> newFeatureDimensions, int newBins) {
        return new DatabaseConfig(seed, islands, populationLimit, archiveSize, newFeatureDimensions, newBins,
                explorationRatio, exploitationRatio, weightedRatio, migrationInterval, migrationRate);
    }

    public DatabaseConfig withSelection(double exploration, double exploitation, double weighted) {
        return new DatabaseConfig(seed, islands, populationLimit, archiveSize, featureDimensions, bins,
                exploration, exploitation, weighted, migrationInterval, migrationRate);
    }

    public DatabaseConfig withMigration(int interval, double rate) {
        return new DatabaseConfig(seed, islands, populationLimit, archiveSize, featureDimensions, bins,
                explorationRatio, exploitationRatio, weightedRatio, interval, rate);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    private static void requireRatio(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }
}
