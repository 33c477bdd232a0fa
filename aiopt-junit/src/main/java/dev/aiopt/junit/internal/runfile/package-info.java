/**
 * The run file, {@code run.json}, as Jackson records: the one schema the engine writes and the reports read.
 * A leaf: may use only Jackson and the JDK.
 */
package dev.aiopt.junit.internal.runfile;
