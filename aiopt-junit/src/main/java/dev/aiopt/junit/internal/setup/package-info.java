/**
 * What experiments and gates share: the one catalogue of configuration keys (core, model layer, gate) with
 * their defaults, the mapping of the target annotations ({@code @EvolveBlock}, {@code @Build}, {@code @Verify},
 * {@code @Bench}, {@code @Profile}) onto those keys, the commands they resolve to, and the slice lookup.
 *
 * <p>May use: api, config, evaluation, executor, model, slice.
 */
package dev.aiopt.junit.internal.setup;
