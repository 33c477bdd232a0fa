package dev.aiopt.junit.internal.model;

/**
 * No usable answer from a model; the message says why and, where it can, what to do. Messages pass through
 * {@link Secrets#redact(String)}, so an endpoint that echoes a key cannot leak it through an exception.
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(Secrets.redact(message));
    }

    public ModelException(String message, Throwable cause) {
        super(Secrets.redact(message), cause);
    }
}
