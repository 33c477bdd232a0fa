package dev.aiopt.junit.internal.model;

/**
 * A call that failed after the endpoint had already generated (and billed) tokens, e.g. a reply truncated at
 * the token limit; carries the usage so the {@link Ledger} counts it.
 */
final class SpentModelException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final String model;
    private final long tokensIn;
    private final long tokensOut;

    SpentModelException(String message, String model, long tokensIn, long tokensOut) {
        super(message);
        this.model = model;
        this.tokensIn = tokensIn;
        this.tokensOut = tokensOut;
    }

    String model() {
        return model;
    }

    long tokensIn() {
        return tokensIn;
    }

    long tokensOut() {
        return tokensOut;
    }
}
