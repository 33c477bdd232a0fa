/**
 * The run file, {@code run.json}, as Jackson records: the one schema the engine writes and the reports read.
 *
 * <p>May use: redact.
 */
package dev.aiopt.junit.internal.runfile;
