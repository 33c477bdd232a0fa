/**
 * The JUnit extension behind {@code @Experiment}: resolves the configuration into plans, builds the dynamic test
 * tree from the engine's plain calls, skips what cannot run here, and publishes report entries. The only
 * package below the API that may use JUnit's dynamic tests and assumptions for experiments.
 *
 * <p>May use: api, config, evaluation, evolution, executor, model, offline, provenance, redact, report, setup, slice.
 */
package dev.aiopt.junit.internal.extension;
