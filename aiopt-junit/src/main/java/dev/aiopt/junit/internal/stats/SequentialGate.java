package dev.aiopt.junit.internal.stats;

/**
 * Repeats until decided for a {@link RegressionGate}: start with the gate's {@code repeats} runs a side, and
 * while the gate is undecided add another {@code repeats} interleaved runs a side, up to {@code maxRepeats}.
 * Undecided means no metric failed and at least one is {@linkplain DetectableRegression#inconclusive()
 * inconclusive}: its detectable regression is larger than its limit. The gate's alpha is split evenly over
 * the looks the plan allows ({@link SequentialPlan#looks()}, Bonferroni), so between identical builds the
 * chance that any look fails is still at most {@code 1 - confidence}.
 *
 * @param overall the gate's settings; {@code repeats} is both the first look and the batch
 * @param maxRepeats cap on runs a side, at least {@code overall.repeats()}; equal to it for a single look
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SequentialGate(GateSettings overall, int maxRepeats) {

    public SequentialGate {
        if (overall == null) {
            throw new IllegalArgumentException("gate settings are required");
        }
        if (maxRepeats < overall.repeats()) {
            throw new IllegalArgumentException("gate maxRepeats (" + maxRepeats + ") must be at least repeats ("
                    + overall.repeats() + "); set it equal to measure once");
        }
        double alpha = (1 - overall.confidence()) / plan(overall, maxRepeats).looks();
        // Same-run gates compare interleaved pairs, and the exact signed-rank test's floor 2 / 2^n is far above the
        // Mann-Whitney's 2 / C(2n, n): a first look that can reach alpha paired can reach it unpaired too.
        if (PairedComparison.smallestPValue(overall.repeats()) > alpha) {
            int needed = overall.repeats();
            while (PairedComparison.smallestPValue(needed) > alpha) {
                needed++;
            }
            throw new IllegalArgumentException("gate repeats " + overall.repeats() + " could never detect a regression"
                    + " with the paired signed-rank test of interleaved runs (smallest p 2 / 2^" + overall.repeats()
                    + ") at the per-look alpha " + GateLooks.round(alpha) + " (confidence " + overall.confidence()
                    + " split over " + plan(overall, maxRepeats).looks() + " looks up to maxRepeats " + maxRepeats
                    + "): use at least " + needed + " repeats or a lower maxRepeats");
        }
    }

    /** A gate that measures once. */
    public static SequentialGate once(GateSettings settings) {
        return new SequentialGate(settings, settings.repeats());
    }

    /** The batches: {@code repeats}, then {@code repeats} more per look, up to {@code maxRepeats}. */
    public SequentialPlan plan() {
        return plan(overall, maxRepeats);
    }

    private static SequentialPlan plan(GateSettings overall, int maxRepeats) {
        return new SequentialPlan(overall.repeats(), overall.repeats(), maxRepeats);
    }

    /** The settings each look uses: the gate's, at confidence {@code 1 - alpha / looks}. */
    public GateSettings perLook() {
        double confidence = 1 - (1 - overall.confidence()) / plan().looks();
        return new GateSettings(overall.minThroughputRatio(), overall.maxP99Ratio(), confidence, overall.repeats(),
                overall.bootstrapResamples(), overall.seed());
    }

    /**
     * Evaluates the runs so far (this is look number {@code earlier.runsPerLook().size() + 1}, or the first when
     * {@code earlier} is null) and says how many runs a side to add.
     */
    public Look look(Samples throughputRuns, Samples p99Runs, GateLooks earlier) {
        return look(throughputRuns, TailRuns.perRun(p99Runs), earlier);
    }

    /** As {@link #look(Samples, Samples, GateLooks)}, with the p99 test the tail runs allow (runs unpaired). */
    public Look look(Samples throughputRuns, TailRuns p99Runs, GateLooks earlier) {
        return look(GateRuns.independent(throughputRuns, p99Runs), earlier);
    }

    /** As {@link #look(Samples, Samples, GateLooks)}, paired when the runs are interleaved pairs. */
    public Look look(GateRuns gateRuns, GateLooks earlier) {
        int runs = gateRuns.runs();
        GateLooks looks = earlier == null ? new GateLooks(java.util.List.of(runs), plan().looks(), overall.confidence())
                : earlier.then(runs);
        GateVerdict verdict = RegressionGate.evaluate(gateRuns, perLook(), looks);
        boolean decided = !verdict.passed() || !verdict.inconclusive();
        int more = decided || runs >= maxRepeats ? 0 : Math.min(overall.repeats(), maxRepeats - runs);
        return new Look(verdict, more);
    }

    /**
     * One look: the verdict at the per-look alpha and the runs a side still to add (zero when decided or at the
     * cap, in which case the verdict is final).
     *
     * @param verdict the gate's verdict on the runs so far
     * @param moreRepeats runs a side to add before the next look
     */
    public record Look(GateVerdict verdict, int moreRepeats) {
        /** True when no more runs are needed. */
        public boolean done() {
            return moreRepeats == 0;
        }
    }
}
