/**
 * The CI regression gate behind {@link dev.aiopt.junit.Gate}: builds a candidate and a reference in private
 * workspaces, benchmarks them interleaved (or the candidate against stored runs), and applies
 * {@link dev.aiopt.junit.internal.stats.RegressionGate}.
 *
 * <p>May use: api, config, evaluation, setup, slice, stats, workspace.
 */
package dev.aiopt.junit.internal.gate;
