/**
 * Causal profiling for the evolution loop: run a benchmark under coz ({@link dev.aiopt.junit.internal.profile.CozRunner},
 * BCOZ when installed) or perf ({@link dev.aiopt.junit.internal.profile.PerfRunner}, bperf when installed); parse coz
 * profiles ({@link dev.aiopt.junit.internal.profile.CozProfile}) and perf reports
 * ({@link dev.aiopt.junit.internal.profile.PerfReport}); compute exactly what coz's viewer shows
 * ({@link dev.aiopt.junit.internal.profile.CausalProfile}); map hotspots into slice coordinates
 * ({@link dev.aiopt.junit.internal.profile.SliceMapping}, {@link dev.aiopt.junit.internal.profile.Hotspot}); and turn them into prompt
 * feedback ({@link dev.aiopt.junit.internal.profile.FeedbackSummary}) and the causal fitness term
 * evidence of the causal level: the baseline's hotspot read in each program by
 * {@link dev.aiopt.junit.internal.profile.CausalReading}, found there through the lineage's diffs by
 * {@link dev.aiopt.junit.internal.profile.SliceMapping#carry}. The score
 * stage turns readings into {@code judge.CausalEvidence}; this package knows nothing of the judgement rules.
 *
 * <p>May use: process.
 */
package dev.aiopt.junit.internal.profile;
