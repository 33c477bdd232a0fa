package dev.aiopt.junit.internal.sandbox;

/** The sandbox cannot be set up as configured; the message names the setting and the fix. *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }
}
