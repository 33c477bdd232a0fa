package dev.aiopt.junit.internal.slice;

/** The slice cannot be found as specified; the message says what was found instead and what to change. *
 * <p>Public because it is used by {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public class SliceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SliceException(String message) {
        super(message);
    }
}
