package dev.aiopt.junit;

/**
 * One execution of a {@link Gate}, injected into the gate's test method. The first call of either method builds
 * both sides and measures them; later calls return the same verdict.
 */
public interface GateRun {

    /**
     * Runs the gate and fails with an {@code AssertionFailedError} carrying the verdict's message (ratios,
     * intervals, runs, raw numbers) when it fails; prints one summary line when it passes.
     */
    void check();

    /** Runs the gate and returns the verdict without asserting; its message says which mode compared what. */
    GateResult verdict();
}
