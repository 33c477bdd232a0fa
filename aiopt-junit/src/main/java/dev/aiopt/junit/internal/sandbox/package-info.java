/**
 * The sandbox around everything a candidate runs: {@link dev.aiopt.junit.internal.sandbox.SandboxMode}
 * ({@code aiopt.sandbox = auto | bwrap | off}) and {@link dev.aiopt.junit.internal.sandbox.Sandbox}, which wraps a
 * command line in bubblewrap (no network, read-only root except the workspace, scratch and a private /tmp,
 * {@code $HOME} hidden, key files hidden, a PID namespace, all capabilities dropped). A leaf: uses only the JDK;
 * {@code internal.process} applies it.
 *
 * <p>May use: nothing.
 */
package dev.aiopt.junit.internal.sandbox;
