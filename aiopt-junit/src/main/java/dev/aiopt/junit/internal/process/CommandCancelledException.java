package dev.aiopt.junit.internal.process;

/**
 * A command was stopped because this JVM is shutting down (SIGTERM, Ctrl-C, an IDE's stop button), not
 * because of anything it did: there is no result to record, and the run resumes it later.
 */
final class CommandCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandCancelledException(String message) {
        super(message);
    }
}
