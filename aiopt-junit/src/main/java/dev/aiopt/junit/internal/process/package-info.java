/**
 * Running commands as process groups with timeouts, captured output and excerpts for error messages.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.process;
