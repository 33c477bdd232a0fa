/**
 * The single redaction point: {@link dev.aiopt.junit.internal.redact.Redactor} knows every secret value this JVM
 * loaded and the shapes of credentials, and {@link dev.aiopt.junit.internal.redact.RedactedFiles} is the one way
 * to persist or publish text (run files, checkpoints, logs, report pages, exchanges, program output). A leaf:
 * uses only the JDK.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.redact;
