package dev.aiopt.junit.internal.stats;

/**
 * The outcome of a {@link RegressionGate}: pass or fail, each metric's {@link Comparison}, the raw per-run
 * numbers, and a readable multi-line {@link #message()} to put in the failing assertion.
 *
 * @param passed true when neither metric failed
 * @param throughputFailed true when throughput is significantly worse and its ratio is below the limit
 * @param p99Failed true when p99 is significantly worse and its ratio is above the limit
 * @param throughput the throughput comparison (higher is better)
 * @param p99 the p99 comparison (lower is better)
 * @param throughputRuns per-run throughput of both sides
 * @param p99Runs per-run p99 of both sides
 * @param settings the gate's thresholds
 * @param message the human-readable verdict, several lines
 */
public record GateVerdict(
        boolean passed,
        boolean throughputFailed,
        boolean p99Failed,
        Comparison throughput,
        Comparison p99,
        Samples throughputRuns,
        Samples p99Runs,
        GateSettings settings,
        String message) {

    public GateVerdict {
        if (passed == (throughputFailed || p99Failed)) {
            throw new IllegalArgumentException("a verdict passes exactly when no metric failed");
        }
        if (throughput == null || p99 == null || throughputRuns == null || p99Runs == null || settings == null
                || message == null) {
            throw new IllegalArgumentException("every part of a gate verdict is required");
        }
    }
}
