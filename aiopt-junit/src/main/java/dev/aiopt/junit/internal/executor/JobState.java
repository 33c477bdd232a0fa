package dev.aiopt.junit.internal.executor;

import java.util.Set;

/**
 * One job as {@code squeue} (or {@code sacct}) last reported it.
 *
 * @param jobId the job id
 * @param state Slurm's state name ({@code PENDING}, {@code RUNNING}, {@code NODE_FAIL}, ...)
 * @param node the node it runs or ran on; empty while pending
 * @param reason Slurm's reason ({@code Resources}, {@code Priority}, {@code NonZeroExitCode}, ...)
 */
record JobState(String jobId, String state, String node, String reason) {
    private static final Set<String> ACTIVE = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING",
            "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT",
            "RESV_DEL_HOLD", "STOPPED");

    /** Whether Slurm still considers the job alive (queued, running or ending). */
    boolean active() {
        return ACTIVE.contains(state);
    }

    boolean running() {
        return state.equals("RUNNING") || state.equals("COMPLETING");
    }

    /** How a job that ended without writing its own exit status ended, in the executor's terms. */
    AttemptEnd end() {
        return switch (state) {
            case "NODE_FAIL", "BOOT_FAIL" -> AttemptEnd.NODE_LOST;
            case "PREEMPTED" -> AttemptEnd.PREEMPTED;
            case "CANCELLED", "TIMEOUT", "DEADLINE" -> AttemptEnd.CANCELLED;
            default -> AttemptEnd.FAILED;
        };
    }

    String describe() {
        return state + (reason.isEmpty() || reason.equals("None") ? "" : " " + reason)
                + (node.isEmpty() ? "" : " on " + node);
    }
}
