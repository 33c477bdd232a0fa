package dev.aiopt.junit.internal.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A CI regression gate on throughput and p99: compares a candidate's per-run values with a reference's,
 * measured interleaved in the same job, and fails only on a regression that is both real and large.
 *
 * <p>The rule, with {@code alpha = 1 - confidence} (0.01 by default). A metric <em>fails</em> when
 * <ol>
 *   <li>it is significantly worse: the two-sided Mann-Whitney p-value is at most {@code alpha} and the
 *       two-sided {@code confidence} bootstrap interval of the ratio of medians lies entirely on the worse
 *       side of one ({@link Decision#WORSE} with no minimum effect), <em>and</em></li>
 *   <li>its ratio of medians is beyond the tolerated limit: throughput ratio below
 *       {@code minThroughputRatio}, p99 ratio above {@code maxP99Ratio}.</li>
 * </ol>
 * The gate fails when either metric fails. Since only the worse side counts, condition 1 is a one-sided
 * test at {@code alpha / 2} per metric, so between identical builds (A/A) the two metrics together fail at
 * most {@code alpha} of the time (Bonferroni over the two metrics), whatever the limits. Condition 2 keeps
 * real but tolerated regressions from failing the build. Requiring instead the whole interval to be beyond
 * the limit ("confidently worse than allowed") would need about 50 runs per side to catch a 5% drop at 3%
 * noise; the price of this rule is that a true regression just at the limit fails the gate sometimes
 * (about a quarter of the time at the default 10 runs and 3% noise, see {@code GateSimulation}).
 *
 * <p>Which test is "significantly worse" depends on how the runs were measured ({@link GateRuns}): runs measured
 * interleaved in one job are pairs, and throughput and per-run p99 are compared paired ({@link PairedComparison}:
 * Wilcoxon signed-rank on the per-pair log ratios, the bootstrap over pairs of their Hodges-Lehmann estimate, and
 * that estimate is the ratio held against the limit), which cancels the machine's slow drift; runs measured apart
 * (stored runs) are compared as above. The merged-histogram p99 test is the same either way.
 *
 * <p>Every verdict also states, per metric, the smallest regression its runs could have detected at 80% power
 * ({@link DetectableRegression}); a passing gate where that is larger than a limit is <em>inconclusive</em>
 * ({@link GateVerdict#inconclusive()}): it could not have seen a regression at the limit.
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class RegressionGate {

    private RegressionGate() {
    }

    /** Evaluates the gate from per-run throughput (e.g. ops/sec) and per-run p99 of both sides. */
    public static GateVerdict evaluate(double[] candidateThroughput, double[] referenceThroughput,
            double[] candidateP99, double[] referenceP99, GateSettings settings) {
        return evaluate(Samples.of(candidateThroughput, referenceThroughput), Samples.of(candidateP99, referenceP99),
                settings);
    }

    /** Evaluates the gate from per-run throughput and per-run p99 samples, in one look. */
    public static GateVerdict evaluate(Samples throughputRuns, Samples p99Runs, GateSettings settings) {
        if (throughputRuns == null || p99Runs == null || settings == null) {
            throw new IllegalArgumentException("throughput runs, p99 runs and gate settings are required");
        }
        return evaluate(throughputRuns, p99Runs, settings,
                GateLooks.single(throughputRuns.candidate().size(), settings.confidence()));
    }

    /**
     * Evaluates one look of a gate: {@code settings} are the look's (see {@link SequentialGate#perLook()}),
     * {@code looks} the runs at this and earlier looks.
     */
    static GateVerdict evaluate(Samples throughputRuns, Samples p99Runs, GateSettings settings, GateLooks looks) {
        if (p99Runs == null) {
            throw new IllegalArgumentException("throughput runs, p99 runs, gate settings and looks are required");
        }
        return evaluate(throughputRuns, TailRuns.perRun(p99Runs), settings, looks);
    }

    /**
     * Evaluates the gate in one look with the p99 test {@code tail} allows (none, per run, merged histograms), the
     * runs compared unpaired (measured apart).
     */
    public static GateVerdict evaluate(Samples throughputRuns, TailRuns tail, GateSettings settings) {
        if (throughputRuns == null || tail == null) {
            throw new IllegalArgumentException("throughput runs and tail runs are required");
        }
        return evaluate(GateRuns.independent(throughputRuns, tail), settings);
    }

    /** Evaluates the gate in one look, paired when {@code runs} are interleaved pairs. */
    public static GateVerdict evaluate(GateRuns runs, GateSettings settings) {
        if (runs == null || settings == null) {
            throw new IllegalArgumentException("gate runs and gate settings are required");
        }
        return evaluate(runs, settings, GateLooks.single(runs.runs(), settings.confidence()));
    }

    static GateVerdict evaluate(Samples throughputRuns, TailRuns tail, GateSettings settings, GateLooks looks) {
        return evaluate(GateRuns.independent(throughputRuns, tail), settings, looks);
    }

    static GateVerdict evaluate(GateRuns runs, GateSettings settings, GateLooks looks) {
        if (runs == null || settings == null || looks == null) {
            throw new IllegalArgumentException("gate runs, gate settings and looks are required");
        }
        Samples throughputRuns = runs.throughput();
        TailRuns tail = runs.tail();
        Pairing pairing = runs.pairing();
        Comparison throughput = compare(throughputRuns, pairing, Direction.HIGHER_IS_BETTER,
                settings.perMetric(settings.seed()));
        boolean throughputFailed = throughput.decision() == Decision.WORSE
                && throughput.ratio() < settings.minThroughputRatio();
        double alpha = 1.0 - settings.confidence();
        DetectableRegression throughputDetectable = detectable(throughputRuns, pairing, Direction.HIGHER_IS_BETTER,
                settings.minThroughputRatio(), alpha);
        Samples p99Runs = tail.perRun().orElse(null);
        Comparison p99 = switch (tail.test()) {
            case NONE -> new Comparison(1, 1, 1, settings.confidence(), 1, Decision.NO_DIFFERENCE,
                    Direction.LOWER_IS_BETTER, throughputRuns.candidate().size(), throughputRuns.reference().size());
            case PER_RUN -> compare(p99Runs, pairing, Direction.LOWER_IS_BETTER, settings.perMetric(settings.seed() + 1));
            case MERGED_HISTOGRAMS -> mergedTail(tail, settings);
        };
        boolean p99Failed = p99.decision() == Decision.WORSE && p99.ratio() > settings.maxP99Ratio();
        boolean passed = !throughputFailed && !p99Failed;
        DetectableRegression p99Detectable = p99Runs == null ? null
                : detectable(p99Runs, pairing, Direction.LOWER_IS_BETTER, settings.maxP99Ratio(), alpha);
        GateVerdict verdict = new GateVerdict(passed, throughputFailed, p99Failed, throughput, p99, throughputRuns,
                p99Runs, settings, "", throughputDetectable, p99Detectable, looks, tail.test(), pairing);
        return verdict.withMessage(message(verdict));
    }

    private static Comparison compare(Samples samples, Pairing pairing, Direction direction,
            ComparisonSettings settings) {
        return pairing == Pairing.INTERLEAVED_PAIRS ? PairedComparison.of(samples, direction, settings)
                : Comparison.of(samples, direction, settings);
    }

    private static DetectableRegression detectable(Samples samples, Pairing pairing, Direction direction, double limit,
            double alpha) {
        return pairing == Pairing.INTERLEAVED_PAIRS
                ? DetectableRegression.paired(samples, direction, limit, alpha, DetectableRegression.DEFAULT_POWER)
                : DetectableRegression.of(samples, direction, limit, alpha, DetectableRegression.DEFAULT_POWER);
    }

    // The gate's rule on merged histograms, as in TailTestSimulation: WORSE when the one-sided permutation
    // p-value is at most alpha / 2 and the bootstrap interval at the gate's confidence lies above one. The
    // p-value stored is the permutation test's (one-sided), not Mann-Whitney's.
    private static Comparison mergedTail(TailRuns tail, GateSettings settings) {
        double alpha = 1.0 - settings.confidence();
        double[] ratio = MergedTailBootstrap.ratio(tail.candidateHistograms(), tail.referenceHistograms(), 0.99,
                settings.confidence(), settings.bootstrapResamples(), settings.seed() + 1);
        // Enough permutations that the smallest attainable p-value lies well below alpha / 2.
        int permutations = (int) Math.min(200_000, Math.max(999, Math.ceil(20 / (alpha / 2))));
        double p = MergedTailBootstrap.permutationPValue(tail.candidateHistograms(), tail.referenceHistograms(), 0.99,
                permutations, settings.seed() + 2);
        Decision decision = ratio[1] > 1 && p <= alpha / 2 ? Decision.WORSE : Decision.NO_DIFFERENCE;
        return new Comparison(ratio[0], ratio[1], ratio[2], settings.confidence(), p, decision,
                Direction.LOWER_IS_BETTER, tail.candidateHistograms().size(), tail.referenceHistograms().size());
    }

    /**
     * Whether {@link #evaluate(double[], double[], double[], double[], GateSettings)} would fail, computing
     * the bootstrap only when the test and the point estimate already allow a failure; for simulations.
     */
    static boolean fails(double[] candidateThroughput, double[] referenceThroughput, double[] candidateP99,
            double[] referenceP99, GateSettings settings) {
        return metricFails(candidateThroughput, referenceThroughput, Direction.HIGHER_IS_BETTER,
                        settings.minThroughputRatio(), settings.perMetric(settings.seed()))
                || metricFails(candidateP99, referenceP99, Direction.LOWER_IS_BETTER, settings.maxP99Ratio(),
                        settings.perMetric(settings.seed() + 1));
    }

    /**
     * Whether {@link #evaluate(GateRuns, GateSettings)} would fail on per-run throughput and per-run p99, computing
     * the bootstrap only when the test and the point estimate already allow a failure; for simulations.
     */
    static boolean fails(GateRuns runs, GateSettings settings) {
        if (runs.tail().test() != TailRuns.Test.PER_RUN) {
            return !evaluate(runs, settings).passed();
        }
        if (runs.pairing() == Pairing.INDEPENDENT) {
            Samples t = runs.throughput();
            Samples p = runs.tail().perRun().orElseThrow();
            return fails(t.candidateValues(), t.referenceValues(), p.candidateValues(), p.referenceValues(), settings);
        }
        return pairedFails(runs.throughput(), Direction.HIGHER_IS_BETTER, settings.minThroughputRatio(),
                        settings.perMetric(settings.seed()))
                || pairedFails(runs.tail().perRun().orElseThrow(), Direction.LOWER_IS_BETTER, settings.maxP99Ratio(),
                        settings.perMetric(settings.seed() + 1));
    }

    private static boolean pairedFails(Samples pairs, Direction direction, double limit, ComparisonSettings settings) {
        double ratio = Math.exp(PairedComparison.hodgesLehmann(PairedComparison.logRatios(pairs)));
        boolean beyondLimit = direction == Direction.HIGHER_IS_BETTER ? ratio < limit : ratio > limit;
        return beyondLimit && PairedComparison.decision(pairs, direction, settings) == Decision.WORSE;
    }

    private static boolean metricFails(double[] candidate, double[] reference, Direction direction, double limit,
            ComparisonSettings settings) {
        double ratio = MedianRatioBootstrap.ratioOfMedians(candidate, reference);
        boolean beyondLimit = direction == Direction.HIGHER_IS_BETTER ? ratio < limit : ratio > limit;
        return beyondLimit && Comparison.decision(candidate, reference, direction, settings) == Decision.WORSE;
    }

    private static String message(GateVerdict verdict) {
        GateSettings settings = verdict.settings();
        StringBuilder text = new StringBuilder();
        if (!verdict.passed()) {
            boolean both = verdict.throughputFailed() && verdict.p99Failed();
            text.append("Regression gate FAILED: ")
                    .append(both ? "throughput and p99 regressed"
                            : verdict.throughputFailed() ? "throughput regressed" : "p99 regressed")
                    .append(" beyond the allowed limit");
        } else if (verdict.inconclusive()) {
            text.append("Regression gate INCONCLUSIVE: no regression beyond the limits was seen, but ")
                    .append(unseen(verdict))
                    .append(verdict.throughputDetectable().inconclusive() && verdict.p99Inconclusive()
                            ? " could not have seen one at their limits" : " could not have seen one at its limit")
                    .append(" (a pass here does not mean no regression)");
        } else {
            text.append("Regression gate passed");
        }
        text.append('\n');
        metric(text, "throughput", "higher is better", "ratio >= " + number(settings.minThroughputRatio()),
                verdict.throughputFailed(), verdict.throughput(), verdict.throughputRuns(),
                verdict.throughputDetectable(), null, verdict);
        if (verdict.p99Test() == TailRuns.Test.NONE) {
            text.append("  p99: not compared (the runs carry no latency figure; throughput alone decides)\n");
        } else {
            metric(text, "p99", "lower is better", "ratio <= " + number(settings.maxP99Ratio()), verdict.p99Failed(),
                    verdict.p99(), verdict.p99Runs(), verdict.p99Detectable(), verdict.p99Test(), verdict);
        }
        text.append(verdict.looks().summary()).append('\n');
        boolean paired = verdict.pairing() == Pairing.INTERLEAVED_PAIRS;
        text.append(String.format(Locale.ROOT,
                "rule: a metric fails when it is significantly worse (%s p <= %s and the %s%%"
                        + " interval entirely on the worse side of 1) and its %s is beyond its limit;"
                        + " it is inconclusive when the regression it could detect at %s%% power is beyond its limit",
                paired ? "two-sided Wilcoxon signed-rank of the per-pair log ratios," : "two-sided Mann-Whitney",
                number(1.0 - settings.confidence()), Comparison.percent(settings.confidence()),
                paired ? "Hodges-Lehmann ratio over the interleaved pairs" : "median ratio",
                Comparison.percent(DetectableRegression.DEFAULT_POWER)));
        if (verdict.p99Test() == TailRuns.Test.MERGED_HISTOGRAMS) {
            text.append(String.format(Locale.ROOT, "; p99 from merged histograms fails when the one-sided permutation"
                    + " p <= %s, the interval lies above 1 and the merged p99 ratio is beyond its limit",
                    number((1.0 - settings.confidence()) / 2)));
        }
        return text.toString();
    }

    private static String unseen(GateVerdict verdict) {
        boolean throughput = verdict.throughputDetectable().inconclusive();
        boolean p99 = verdict.p99Inconclusive();
        return throughput && p99 ? "throughput and p99" : throughput ? "throughput" : "p99";
    }

    private static void metric(StringBuilder text, String name, String direction, String limit, boolean failed,
            Comparison comparison, Samples runs, DetectableRegression detectable, TailRuns.Test tailTest,
            GateVerdict verdict) {
        String change = String.format(Locale.ROOT, "%+.1f%%", (comparison.ratio() - 1.0) * 100);
        String status = failed ? "FAIL" : detectable.inconclusive() ? "pass, INCONCLUSIVE" : "pass";
        boolean paired = verdict.pairing() == Pairing.INTERLEAVED_PAIRS && tailTest != TailRuns.Test.MERGED_HISTOGRAMS;
        text.append(String.format(Locale.ROOT, "  %s (%s), allowed %s: %s, %s %s%n", name, direction, limit,
                status, tailTest == TailRuns.Test.MERGED_HISTOGRAMS ? "merged p99"
                        : paired ? "paired ratio" : "median", change));
        if (tailTest == TailRuns.Test.MERGED_HISTOGRAMS) {
            text.append(String.format(Locale.ROOT, "    p99 test: %s; ratio of merged p99 %.4f [%.4f, %.4f] %s%% CI,"
                    + " one-sided permutation p=%.3g, runs %d/%d: %s%n", tailTest.description(), comparison.ratio(),
                    comparison.low(), comparison.high(), Comparison.percent(comparison.confidence()),
                    comparison.pValue(), comparison.candidateRuns(), comparison.referenceRuns(),
                    comparison.decision()));
        } else {
            text.append(tailTest == null ? "    test: " : "    p99 test: ")
                    .append(tailTest == null ? verdict.throughputTest() : verdict.p99TestDescription()).append('\n');
            text.append(paired ? "    paired " : "    median ").append(comparison.summary(verdict.pairing().testName()))
                    .append('\n');
        }
        text.append("    detectable: ").append(detectable.summary()).append('\n');
        text.append("    candidate runs: ").append(numbers(runs.candidate())).append('\n');
        text.append("    reference runs: ").append(numbers(runs.reference())).append('\n');
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(RegressionGate::number).collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
