/**
 * The API: {@code @Experiment}, {@code @EvolveBlock}, {@code @Build}, {@code @Verify}, {@code @Bench},
 * {@code @Profile}, {@code @Gate}, the injected {@link dev.aiopt.junit.Evolution} and
 * {@link dev.aiopt.junit.GateRun} with its {@link dev.aiopt.junit.GateResult}, and {@link dev.aiopt.junit.Track}. Everything else is internal.
 *
 * <p>May use: extension, gate. (The annotations name their extensions in {@code @ExtendWith}.)
 */
package dev.aiopt.junit;
