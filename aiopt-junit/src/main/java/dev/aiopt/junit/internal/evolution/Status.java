package dev.aiopt.junit.internal.evolution;

/**
 * What became of a program. Only {@link #BASELINE}, {@link #IMPROVED}, {@link #NO_CHANGE} and {@link #REGRESSED}
 * were measured. {@link #INFRA_FAILED} is the machinery's failure (every job attempt of a cluster executor
 * failed), never the candidate's: such a candidate does not enter the program database.
 *
 * <p>Public because it is other packages receive it from calls and use its members;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum Status {
    BASELINE, IMPROVED, NO_CHANGE, REGRESSED, DUPLICATE, MODEL_FAILED, APPLY_FAILED, BUILD_FAILED, VERIFY_FAILED,
    RUN_FAILED, INFRA_FAILED;

    /** Whether the program built, passed the oracle and was benchmarked. */
    public boolean measured() {
        return this == BASELINE || this == IMPROVED || this == NO_CHANGE || this == REGRESSED;
    }
}
