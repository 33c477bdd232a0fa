/**
 * HTML and Markdown reports of runs, read from the run file: a page per run, an index, a comparison of tracks.
 *
 * <p>May use: judge, redact, runfile, stats.
 */
package dev.aiopt.junit.internal.report;
