package dev.aiopt.junit.internal.diff;

/**
 * A model reply that cannot be applied: malformed, no blocks, a block that matches zero or several times, a
 * block that quotes lines an earlier block changed, or one that touches the EVOLVE-BLOCK markers. The message
 * names the block and the difference, on lines of its own, exact enough to send back to the model.
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public class DiffException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiffException(String message) {
        super(message);
    }
}
