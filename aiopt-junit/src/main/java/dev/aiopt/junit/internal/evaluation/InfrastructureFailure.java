package dev.aiopt.junit.internal.evaluation;

/**
 * A unit the machinery could not run: every attempt of its job failed, was cancelled at its timeout, preempted
 * or lost with its node. Says nothing about the programs in it; the message has the scheduler's own reasons.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class InfrastructureFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InfrastructureFailure(String message) {
        super(message);
    }
}
