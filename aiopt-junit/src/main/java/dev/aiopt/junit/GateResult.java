package dev.aiopt.junit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Gate} decided, as {@link GateRun#verdict()} hands it out: pass or fail, whether a pass could have
 * seen a regression at the gate's limits, each metric's ratio (of medians, or paired) with its confidence interval,
 * the test that decided it, run counts and smallest detectable regression, and the readable multi-line message a failing {@link GateRun#check()}
 * asserts with.
 *
 * @param passed true when neither metric failed
 * @param inconclusive true when the gate passed but a metric's detectable regression is larger than its limit
 * @param throughput candidate/reference throughput (higher is better)
 * @param p99 candidate/reference p99 latency (lower is better)
 * @param runsPerLook the runs a side after each look, in order (the last is the runs the verdict used)
 * @param message the verdict in words: mode, ratios, intervals, runs, detectable regressions, raw numbers
 */
public record GateResult(boolean passed, boolean inconclusive, Metric throughput, Metric p99,
        List<Integer> runsPerLook, String message) {
    public GateResult {
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(message, "message");
        runsPerLook = List.copyOf(runsPerLook);
        if (passed == (throughput.failed() || p99.failed())) {
            throw new IllegalArgumentException("a gate passes exactly when no metric failed");
        }
        if (inconclusive && !passed) {
            throw new IllegalArgumentException("a failed gate is never inconclusive");
        }
    }

    /** {@code PASS}, {@code FAIL} or {@code INCONCLUSIVE} (a pass that could not have seen its limit). */
    public String outcome() {
        return !passed ? "FAIL" : inconclusive ? "INCONCLUSIVE" : "PASS";
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
     * @param detectableRatio the smallest regression, as a ratio, the gate could have detected at its power
     * @param runsForLimit runs a side that would detect the gate's own limit
     * @param test the test that compared this metric, e.g. {@code paired: Wilcoxon signed-rank on 30 interleaved
     *     pairs, ...} for a same-run gate or {@code unpaired: Mann-Whitney U on 10/10 runs, ...} against stored runs
     */
    public record Metric(double ratio, double low, double high, int candidateRuns, int referenceRuns,
            boolean failed, double detectableRatio, int runsForLimit, String test) {
        public Metric {
            Objects.requireNonNull(test, "test");
        }

        /** The detectable regression as a signed percentage, e.g. {@code -4.2%}, or why there is none. */
        public String detectableChange() {
            if (!(detectableRatio > 0) || Double.isInfinite(detectableRatio)) {
                return "none (too few runs for the test to ever be significant)";
            }
            return String.format(Locale.ROOT, "%+.1f%%", (detectableRatio - 1) * 100);
        }
    }
}
