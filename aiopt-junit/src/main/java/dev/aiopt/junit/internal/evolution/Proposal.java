package dev.aiopt.junit.internal.evolution;

import java.util.List;
import java.util.Objects;

/**
 * What the propose stage produced: a new slice, or why there is none (the model failed, or no reply applied).
 *
 * @param slice the candidate's slice; null when it failed
 * @param failure MODEL_FAILED or APPLY_FAILED; null when there is a slice
 * @param reason why it failed; null when there is a slice
 * @param timings model and apply time so far
 * @param rejected why earlier replies were rejected
 */
record Proposal(String slice, Status failure, String reason, Timings timings, List<String> rejected) {
    Proposal {
        Objects.requireNonNull(timings, "timings");
        rejected = List.copyOf(rejected);
        if ((slice == null) == (failure == null)) {
            throw new IllegalArgumentException("a proposal has either a slice or a failure");
        }
    }

    static Proposal of(String slice, Timings timings, List<String> rejected) {
        return new Proposal(Objects.requireNonNull(slice), null, null, timings, rejected);
    }

    static Proposal failed(Status status, String reason, Timings timings, List<String> rejected) {
        return new Proposal(null, status, reason, timings, rejected);
    }
}
