/**
 * Benchmark output parsing: db_bench reports and metrics JSON files, into named figures.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.metrics;
