package dev.aiopt.junit.internal.stats;

/**
 * The outcome of a {@link RegressionGate}: pass or fail, each metric's {@link Comparison}, the raw per-run
 * numbers, the smallest regression each metric could have detected, the looks taken, and a readable multi-line
 * {@link #message()} to put in the failing assertion.
 *
 * @param passed true when neither metric failed
 * @param throughputFailed true when throughput is significantly worse and its ratio is below the limit
 * @param p99Failed true when p99 is significantly worse and its ratio is above the limit
 * @param throughput the throughput comparison (higher is better)
 * @param p99 the p99 comparison (lower is better)
 * @param throughputRuns per-run throughput of both sides
 * @param p99Runs per-run p99 of both sides; null exactly when {@code p99Test} is NONE
 * @param settings the gate's thresholds (at the confidence of the last look)
 * @param message the human-readable verdict, several lines
 * @param throughputDetectable the smallest throughput regression these runs could have detected
 * @param p99Detectable the smallest p99 regression these runs could have detected (from the per-run p99
 *     spread); null exactly when {@code p99Test} is NONE
 * @param looks the runs a side at each look and the looks planned
 * @param p99Test which p99 test decided {@code p99}; with NONE, {@code p99} is a ratio of 1 that cannot fail
 * @param pairing how the runs relate: interleaved pairs were compared paired (throughput and per-run p99),
 *     others unpaired
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
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
        String message,
        DetectableRegression throughputDetectable,
        DetectableRegression p99Detectable,
        GateLooks looks,
        TailRuns.Test p99Test,
        Pairing pairing) {

    public GateVerdict {
        if (passed == (throughputFailed || p99Failed)) {
            throw new IllegalArgumentException("a verdict passes exactly when no metric failed");
        }
        if (throughput == null || p99 == null || throughputRuns == null || settings == null || message == null
                || throughputDetectable == null || looks == null || p99Test == null || pairing == null) {
            throw new IllegalArgumentException("every part of a gate verdict is required");
        }
        boolean none = p99Test == TailRuns.Test.NONE;
        if (none != (p99Runs == null) || none != (p99Detectable == null) || (none && p99Failed)) {
            throw new IllegalArgumentException("a gate verdict has p99 runs and a detectable p99 regression exactly"
                    + " when it compared p99, and p99 cannot fail without them");
        }
    }

    /**
     * True when the gate passed but a metric could not have seen a regression at its limit (its detectable
     * regression is larger than the limit); a failed gate is never inconclusive.
     */
    public boolean inconclusive() {
        return passed && (throughputDetectable.inconclusive() || p99Inconclusive());
    }

    /** True when p99 was compared and could not have seen a regression at its limit. */
    public boolean p99Inconclusive() {
        return p99Detectable != null && p99Detectable.inconclusive();
    }

    /** "PASS", "FAIL" or "INCONCLUSIVE". */
    public String outcome() {
        return !passed ? "FAIL" : inconclusive() ? "INCONCLUSIVE" : "PASS";
    }

    /** The same verdict with another message (e.g. with the runner's header in front). */
    public GateVerdict withMessage(String newMessage) {
        return new GateVerdict(passed, throughputFailed, p99Failed, throughput, p99, throughputRuns, p99Runs, settings,
                newMessage, throughputDetectable, p99Detectable, looks, p99Test, pairing);
    }

    /** The throughput test, e.g. {@code paired: Wilcoxon signed-rank on 30 interleaved pairs, ...}. */
    public String throughputTest() {
        return pairing.describe(throughput.candidateRuns(), throughput.referenceRuns());
    }

    /**
     * The p99 test: the merged-histogram test, per-run p99 by this verdict's pairing, or why p99 was not compared.
     */
    public String p99TestDescription() {
        return p99Test == TailRuns.Test.PER_RUN
                ? "per-run p99, " + pairing.describe(p99.candidateRuns(), p99.referenceRuns()) : p99Test.description();
    }
}
