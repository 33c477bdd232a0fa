/**
 * Offline answers for experiments that run without a model: a JSON Lines recording (through
 * {@link dev.aiopt.junit.internal.model.ReplayModel}) or a directory of slice versions and replies whose replay
 * keys are derived here, with misses that name the file or key that would answer them. Uses {@code model},
 * {@code diff}, {@code slice} and {@code database} (for the slice hash); used by {@code extension}.
 *
 * <p>May use: database, diff, model, slice.
 */
package dev.aiopt.junit.internal.offline;
