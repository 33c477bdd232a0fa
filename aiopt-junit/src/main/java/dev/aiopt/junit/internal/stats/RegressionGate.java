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

    /** Evaluates the gate from per-run throughput and per-run p99 samples. */
    public static GateVerdict evaluate(Samples throughputRuns, Samples p99Runs, GateSettings settings) {
        if (throughputRuns == null || p99Runs == null || settings == null) {
            throw new IllegalArgumentException("throughput runs, p99 runs and gate settings are required");
        }
        Comparison throughput = Comparison.of(throughputRuns, Direction.HIGHER_IS_BETTER, settings.perMetric(settings.seed()));
        Comparison p99 = Comparison.of(p99Runs, Direction.LOWER_IS_BETTER, settings.perMetric(settings.seed() + 1));
        boolean throughputFailed = throughput.decision() == Decision.WORSE
                && throughput.ratio() < settings.minThroughputRatio();
        boolean p99Failed = p99.decision() == Decision.WORSE && p99.ratio() > settings.maxP99Ratio();
        boolean passed = !throughputFailed && !p99Failed;
        String message = message(passed, throughputFailed, p99Failed, throughput, p99, throughputRuns, p99Runs, settings);
        return new GateVerdict(passed, throughputFailed, p99Failed, throughput, p99, throughputRuns, p99Runs, settings,
                message);
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

    private static boolean metricFails(double[] candidate, double[] reference, Direction direction, double limit,
            ComparisonSettings settings) {
        double ratio = MedianRatioBootstrap.ratioOfMedians(candidate, reference);
        boolean beyondLimit = direction == Direction.HIGHER_IS_BETTER ? ratio < limit : ratio > limit;
        return beyondLimit && Comparison.decision(candidate, reference, direction, settings) == Decision.WORSE;
    }

    private static String message(boolean passed, boolean throughputFailed, boolean p99Failed, Comparison throughput,
            Comparison p99, Samples throughputRuns, Samples p99Runs, GateSettings settings) {
        StringBuilder text = new StringBuilder();
        if (passed) {
            text.append("Regression gate passed");
        } else {
            text.append("Regression gate FAILED: ")
                    .append(throughputFailed && p99Failed ? "throughput and p99 regressed"
                            : throughputFailed ? "throughput regressed" : "p99 regressed")
                    .append(" beyond the allowed limit");
        }
        text.append('\n');
        metric(text, "throughput", "higher is better", "ratio >= " + number(settings.minThroughputRatio()),
                throughputFailed, throughput, throughputRuns);
        metric(text, "p99", "lower is better", "ratio <= " + number(settings.maxP99Ratio()), p99Failed, p99, p99Runs);
        text.append(String.format(Locale.ROOT,
                "rule: a metric fails when it is significantly worse (two-sided Mann-Whitney p <= %s and the %s%%"
                        + " interval entirely on the worse side of 1) and its median ratio is beyond its limit",
                number(1.0 - settings.confidence()), Comparison.percent(settings.confidence())));
        return text.toString();
    }

    private static void metric(StringBuilder text, String name, String direction, String limit, boolean failed,
            Comparison comparison, Samples runs) {
        String change = String.format(Locale.ROOT, "%+.1f%%", (comparison.ratio() - 1.0) * 100);
        text.append(String.format(Locale.ROOT, "  %s (%s), allowed %s: %s, median %s%n", name, direction, limit,
                failed ? "FAIL" : "pass", change));
        text.append("    median ").append(comparison.summary()).append('\n');
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
