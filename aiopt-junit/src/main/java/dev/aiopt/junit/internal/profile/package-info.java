/**
 * Causal profiling for the evolution loop: run a benchmark under coz ({@link dev.aiopt.junit.internal.profile.CozRunner},
 * BCOZ when installed) or perf ({@link dev.aiopt.junit.internal.profile.PerfRunner}, bperf when installed); parse coz
 * profiles ({@link dev.aiopt.junit.internal.profile.CozProfile}) and perf reports
 * ({@link dev.aiopt.junit.internal.profile.PerfReport}); compute exactly what coz's viewer shows
 * ({@link dev.aiopt.junit.internal.profile.CausalProfile}); map hotspots into slice coordinates
 * ({@link dev.aiopt.junit.internal.profile.SliceMapping}, {@link dev.aiopt.junit.internal.profile.Hotspot}); and turn them into prompt
 * feedback ({@link dev.aiopt.junit.internal.profile.FeedbackSummary}) and the causal fitness term
 * ({@link dev.aiopt.junit.internal.profile.CausalRealization}).
 *
 * <p>May use: process.
 */
package dev.aiopt.junit.internal.profile;
