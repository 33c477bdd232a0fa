package dev.aiopt.junit;

import java.util.Objects;

/**
 * What a {@link Gate} decided, as {@link GateRun#verdict()} hands it out: pass or fail, each metric's ratio of
 * medians with its confidence interval and run counts, and the readable multi-line message a failing
 * {@link GateRun#check()} asserts with.
 *
 * @param passed true when neither metric failed
 * @param throughput candidate/reference throughput (higher is better)
 * @param p99 candidate/reference p99 latency (lower is better)
 * @param message the verdict in words: mode, ratios, intervals, runs, raw numbers
 */
public record GateResult(boolean passed, Metric throughput, Metric p99, String message) {
    public GateResult {
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(message, "message");
        if (passed == (throughput.failed() || p99.failed())) {
            throw new IllegalArgumentException("a gate passes exactly when no metric failed");
        }
    }

    /**
     * One metric of the comparison.
     *
     * @param ratio median of the candidate over median of the reference
     * @param low lower end of the ratio's confidence interval
     * @param high upper end of the ratio's confidence interval
     * @param candidateRuns measured runs of the candidate
     * @param referenceRuns measured (or stored) runs of the reference
     * @param failed whether this metric failed the gate
     */
    public record Metric(double ratio, double low, double high, int candidateRuns, int referenceRuns,
            boolean failed) {
    }
}
