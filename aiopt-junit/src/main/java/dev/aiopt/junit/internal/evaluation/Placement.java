package dev.aiopt.junit.internal.evaluation;

import java.util.Objects;

/**
 * Where a unit ran when an executor other than this JVM ran it: the node, the batch job and how long the job
 * waited in the queue before it started.
 *
 * @param node the node's name, e.g. {@code n2}
 * @param jobId the scheduler's job id
 * @param queueMillis time from submission to start of the attempt that ran it
 * @param attempt 1 for the first attempt, 2 for the retry
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Placement(String node, String jobId, long queueMillis, int attempt) {
    public Placement {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(jobId, "jobId");
        if (queueMillis < 0 || attempt < 1) {
            throw new IllegalArgumentException("queueMillis >= 0 and attempt >= 1: " + queueMillis + ", " + attempt);
        }
    }

    /** As the console line says it: {@code n2 (job 149, 854 ms in the queue, attempt 1)}. */
    public String describe() {
        return node + " (job " + jobId + ", " + queueMillis + " ms in the queue, attempt " + attempt + ")";
    }
}
