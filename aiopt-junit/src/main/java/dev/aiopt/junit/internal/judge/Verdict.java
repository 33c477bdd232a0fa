package dev.aiopt.junit.internal.judge;

/**
 * What a measured candidate is, relative to its parent. It is the sign of the fitness change, so it can never
 * disagree with the fitness: {@link #IMPROVED} exactly when the candidate's fitness is above its parent's,
 * {@link #REGRESSED} below, {@link #NO_CHANGE} equal.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum Verdict {
    /** Fitness above the parent's: the evidence moved it up. */
    IMPROVED,
    /** Fitness equal to the parent's: no axis moved on evidence, or the moves cancelled exactly. */
    NO_CHANGE,
    /** Fitness below the parent's: the evidence moved it down, or a guardrail was breached. */
    REGRESSED
}
