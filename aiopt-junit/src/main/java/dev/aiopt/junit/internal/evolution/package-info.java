/**
 * The engine, free of JUnit: an {@link dev.aiopt.junit.internal.evolution.EvolutionRun} of an
 * {@link dev.aiopt.junit.internal.evolution.ExperimentPlan} (resolved settings, no raw configuration) measures the
 * baseline, plans generations, runs each candidate through the cascade (propose, dedupe, evaluate, judge,
 * profile, score) and re-measures the champion, reporting to a
 * {@link dev.aiopt.junit.internal.evolution.RunListener}.
 *
 * <p>May use: api, config, database, diff, evaluation, executor, judge, model, process, profile, prompt,
 * provenance, redact, runfile, slice, stats, workspace.
 */
package dev.aiopt.junit.internal.evolution;
