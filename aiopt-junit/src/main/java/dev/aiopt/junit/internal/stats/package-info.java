/**
 * Noise-aware statistics: comparing a candidate's per-run metrics with a reference's, deciding better /
 * worse / no detectable difference, adding repeats when undecided, and CI regression gates on throughput
 * and p99.
 *
 * <p>Entry points: {@link dev.aiopt.junit.internal.stats.Comparison#of} (ratio of medians with a seeded percentile
 * bootstrap interval, Mann-Whitney U from Apache Commons Statistics, {@link dev.aiopt.junit.internal.stats.Decision}),
 * {@link dev.aiopt.junit.internal.stats.SequentialPlan} (more repeats in batches up to a cap, alpha split over the
 * looks), {@link dev.aiopt.junit.internal.stats.RegressionGate} (pass/fail with a readable message),
 * {@link dev.aiopt.junit.internal.stats.DetectableRegression} (the smallest regression a verdict could have seen;
 * INCONCLUSIVE beyond a limit), {@link dev.aiopt.junit.internal.stats.SequentialGate} (more looks while a gate is
 * undecided), {@link dev.aiopt.junit.internal.stats.PairedComparison} (interleaved runs compared pair by pair:
 * Wilcoxon signed-rank, Hodges-Lehmann, bootstrap over pairs; chosen by {@link dev.aiopt.junit.internal.stats.GateRuns})
 * and {@link dev.aiopt.junit.internal.stats.MergedTailBootstrap} (p99 of merged latency histograms,
 * bootstrap and permutation over runs).
 *
 * <p>Defaults and why. Candidate vs parent: confidence 0.95, minimum effect 1%, 5 runs a side then batches of
 * 5 up to 15 (three looks at alpha 0.05/3 each). Gate: minThroughputRatio 0.97, maxP99Ratio 1.05, confidence
 * 0.99, 10 runs a side. Under noise fitted to real db_bench runs ({@code GateSimulation} in the tests,
 * 4000 trials a cell) the gate's A/A false-alarm rate at 10 runs is 0.2-0.45% in every interleaved scenario
 * (95% upper bound 0.71%); it catches a 10% throughput drop in 100% and a 5% drop in 69-83% of trials at
 * 2.7-3.1% CV, and a 20% p99 rise in 95% at 7.7% p99 CV (33% at 15%). Without interleaving, contention
 * pushes the A/A rate to 3.8%: always measure A B A B.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.stats;
