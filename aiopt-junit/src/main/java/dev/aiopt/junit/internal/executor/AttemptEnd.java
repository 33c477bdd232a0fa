package dev.aiopt.junit.internal.executor;

/** How one attempt of a unit ended. Every end but {@link #COMPLETED} is the infrastructure's, not the unit's. */
enum AttemptEnd {
    /** The job ran the unit and wrote its result. */
    COMPLETED,
    /** The job ended without a result (the unit kind threw, the JVM could not start, Slurm said FAILED). */
    FAILED,
    /** The executor cancelled the job at the unit's timeout. */
    TIMED_OUT,
    /** The job's node went down (Slurm: NODE_FAIL) or the job vanished from the queue without a result. */
    NODE_LOST,
    /** Slurm preempted the job. */
    PREEMPTED,
    /** Someone else cancelled the job, or Slurm's own time limit ended it. */
    CANCELLED,
    /** The job ended itself because its lease lapsed. */
    LEASE_LAPSED
}
