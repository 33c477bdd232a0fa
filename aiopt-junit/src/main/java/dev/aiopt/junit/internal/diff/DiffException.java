package dev.aiopt.junit.internal.diff;

/**
 * A model reply that cannot be applied: malformed, no blocks, a block that matches zero or several times,
 * overlapping blocks, or one that touches the EVOLVE-BLOCK markers. The message is exact enough to send
 * back to the model.
 */
public class DiffException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiffException(String message) {
        super(message);
    }
}
