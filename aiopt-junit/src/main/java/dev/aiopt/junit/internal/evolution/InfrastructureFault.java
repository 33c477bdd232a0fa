package dev.aiopt.junit.internal.evolution;

/**
 * The run cannot judge any candidate: the unmodified program fails to build, verify or run, or the machinery
 * broke. Not a candidate's fault; the message says what to fix.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class InfrastructureFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InfrastructureFault(String message, Throwable cause) {
        super(message, cause);
    }
}
