package dev.aiopt.junit.internal.executor;

import java.time.Duration;
import java.util.Objects;

/**
 * One job that ran (or tried to run) a unit.
 *
 * @param number the attempt's number, which names its directory {@code attempt-N}
 * @param jobId Slurm's job id ({@code local} for the local executor)
 * @param node where it ran; empty when it never started
 * @param queueWait from submission to its start on the node ({@link Duration#ZERO} when it never started)
 * @param ran from its start to its end
 * @param end how it ended
 * @param detail Slurm's state and reason, or the job's own exit-status line
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Attempt(int number, String jobId, String node, Duration queueWait, Duration ran, AttemptEnd end,
        String detail) {
    public Attempt {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(ran, "ran");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for logs and reports: {@code job 12 on n2: NODE_LOST (NODE_FAIL ...)}. */
    public String describe() {
        return "attempt " + number + ", job " + jobId + (node.isEmpty() ? " (never started)" : " on " + node) + ": "
                + end + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
