package dev.aiopt.junit.internal.executor;

/** Slurm refused or could not answer a command; the message names the command and what to check. */
final class SlurmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlurmException(String message) {
        super(message);
    }
}
