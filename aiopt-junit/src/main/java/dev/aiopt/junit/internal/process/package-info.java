/**
 * Starting the commands of an experiment (build, verify, bench, profile):
 * {@link dev.aiopt.junit.internal.process.CommandRunner} under a
 * {@link dev.aiopt.junit.internal.process.CommandPolicy} (allowlisted
 * {@link dev.aiopt.junit.internal.process.CommandEnvironment}, sandbox,
 * {@link dev.aiopt.junit.internal.process.ProcessLimits}, {@link dev.aiopt.junit.internal.process.OutputCap}),
 * with a timeout that ends the whole process group and a native launcher that ends it when the JVM dies.
 *
 * <p>May use: sandbox, redact.
 */
package dev.aiopt.junit.internal.process;
