/**
 * Benchmark output into figures: db_bench's text ({@link dev.aiopt.junit.internal.metrics.DbBenchReport}),
 * Google Benchmark's JSON, the {@code aiopt-metric} lines, the metrics JSON file and JMH's result files, read
 * through {@link dev.aiopt.junit.internal.metrics.BenchReader} into a
 * {@link dev.aiopt.junit.internal.metrics.BenchRun}. Uses the JDK, Jackson, and stats for the latency histogram
 * type.
 *
 * <p>May use: stats.
 */
package dev.aiopt.junit.internal.metrics;
