package dev.aiopt.junit.internal.stats;

import java.util.Locale;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The statistical comparison of one metric between a candidate and its reference, from per-run values: the
 * ratio of medians (candidate / reference) with a percentile-bootstrap confidence interval, a two-sided
 * Mann-Whitney U test, and the resulting {@link Decision}. This is what the evaluation loop uses to decide
 * whether a candidate beats its parent, and what a regression gate reports.
 *
 * <p>The decision rule, with {@code alpha = 1 - confidence}, {@code g} the ratio turned so that above one
 * means better ({@link Direction}), and {@code [gLow, gHigh]} its interval:
 * <ul>
 *   <li>{@link Decision#BETTER} when the Mann-Whitney p-value is at most alpha, the whole interval is on
 *       the better side of one ({@code gLow > 1}), and the point estimate is at least the minimum effect
 *       ({@code g >= 1 + minEffect});</li>
 *   <li>{@link Decision#WORSE} symmetrically: {@code p <= alpha}, {@code gHigh < 1} and
 *       {@code g <= 1 / (1 + minEffect)};</li>
 *   <li>{@link Decision#NO_DIFFERENCE} otherwise.</li>
 * </ul>
 * The rank test and the interval must agree, so the false-alarm rate between identical distributions is
 * at most alpha (the test's exact level) even where the bootstrap interval of a 5-run median is too
 * narrow. The minimum effect is asked of the point estimate, not of the interval's bound: demanding that
 * the whole interval clear {@code 1 + minEffect} would need about 40 runs a side to detect a 5% change at
 * 3% noise, while significance is already guarded by the test.
 *
 * @param ratio median(candidate) / median(reference); from {@link PairedComparison}, exp of the Hodges-Lehmann
 *     estimate of the per-pair log ratios
 * @param low lower bound of the ratio's confidence interval
 * @param high upper bound of the ratio's confidence interval
 * @param confidence confidence of the interval and of the test
 * @param pValue two-sided Mann-Whitney U p-value (exact for small samples without ties); from
 *     {@link PairedComparison}, the two-sided Wilcoxon signed-rank p-value
 * @param decision the three-way decision
 * @param direction whether higher or lower values are better
 * @param candidateRuns number of candidate runs
 * @param referenceRuns number of reference runs
 *
 * <p>Public because it is used by {@code evolution}, {@code gate}, {@code judge};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Comparison(
        double ratio,
        double low,
        double high,
        double confidence,
        double pValue,
        Decision decision,
        Direction direction,
        int candidateRuns,
        int referenceRuns) {

    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();

    public Comparison {
        if (!(ratio > 0 && low > 0 && high >= low && Double.isFinite(high))) {
            throw new IllegalArgumentException(
                    "ratio and interval must be positive with low <= high, got " + ratio + " [" + low + ", " + high + "]");
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue must be in [0, 1], got " + pValue);
        }
        if (decision == null || direction == null) {
            throw new IllegalArgumentException("decision and direction are required");
        }
        if (candidateRuns < 1 || referenceRuns < 1) {
            throw new IllegalArgumentException("run counts must be positive");
        }
    }

    /** Compares per-run values of a candidate with those of its reference. */
    public static Comparison of(double[] candidate, double[] reference, Direction direction, ComparisonSettings settings) {
        return of(Samples.of(candidate, reference), direction, settings);
    }

    /** Compares per-run values of a candidate with those of its reference. */
    public static Comparison of(Samples samples, Direction direction, ComparisonSettings settings) {
        if (samples == null || direction == null || settings == null) {
            throw new IllegalArgumentException("samples, direction and settings are required");
        }
        double[] candidate = samples.candidateValues();
        double[] reference = samples.referenceValues();
        double ratio = MedianRatioBootstrap.ratioOfMedians(candidate, reference);
        double[] interval = MedianRatioBootstrap.interval(
                candidate, reference, settings.confidence(), settings.bootstrapResamples(), settings.seed());
        double pValue = pValue(candidate, reference);
        Decision decision = decide(ratio, interval[0], interval[1], pValue, direction, settings);
        return new Comparison(ratio, interval[0], interval[1], settings.confidence(), pValue, decision, direction,
                candidate.length, reference.length);
    }

    /**
     * The same decision as {@code of(...).decision()}, computing the bootstrap interval only when the test and
     * the point estimate leave the decision open; for simulations that need thousands of decisions.
     */
    static Decision decision(double[] candidate, double[] reference, Direction direction, ComparisonSettings settings) {
        double ratio = MedianRatioBootstrap.ratioOfMedians(candidate, reference);
        double goodness = direction.goodness(ratio);
        double threshold = 1.0 + settings.minEffect();
        if (goodness < threshold && goodness > 1.0 / threshold) {
            return Decision.NO_DIFFERENCE;
        }
        double pValue = pValue(candidate, reference);
        if (pValue > settings.alpha()) {
            return Decision.NO_DIFFERENCE;
        }
        double[] interval = MedianRatioBootstrap.interval(
                candidate, reference, settings.confidence(), settings.bootstrapResamples(), settings.seed());
        return decide(ratio, interval[0], interval[1], pValue, direction, settings);
    }

    /** Two-sided Mann-Whitney U p-value (exact for fewer than 50 runs a side without ties). */
    static double pValue(double[] candidate, double[] reference) {
        return MANN_WHITNEY.test(candidate, reference).getPValue();
    }

    static Decision decide(double ratio, double low, double high, double pValue, Direction direction,
            ComparisonSettings settings) {
        if (pValue > settings.alpha()) {
            return Decision.NO_DIFFERENCE;
        }
        double goodness = direction.goodness(ratio);
        double goodLow = Math.min(direction.goodness(low), direction.goodness(high));
        double goodHigh = Math.max(direction.goodness(low), direction.goodness(high));
        double threshold = 1.0 + settings.minEffect();
        if (goodLow > 1.0 && goodness >= threshold) {
            return Decision.BETTER;
        }
        if (goodHigh < 1.0 && goodness <= 1.0 / threshold) {
            return Decision.WORSE;
        }
        return Decision.NO_DIFFERENCE;
    }

    /** True when the interval lies entirely on the worse side of one (ignores the test and the minimum effect). */
    boolean intervalWorse() {
        return direction == Direction.HIGHER_IS_BETTER ? high < 1.0 : low > 1.0;
    }

    /** One line, e.g. {@code ratio 0.912 [0.889, 0.934] 95% CI, Mann-Whitney p=0.0003, runs 10/10: WORSE}. */
    public String summary() {
        return summary("Mann-Whitney");
    }

    /** As {@link #summary()}, naming the test that gave the p-value, e.g. {@code paired signed-rank}. */
    String summary(String test) {
        return String.format(Locale.ROOT, "ratio %.4f [%.4f, %.4f] %s%% CI, %s p=%.3g, runs %d/%d: %s",
                ratio, low, high, percent(confidence), test, pValue, candidateRuns, referenceRuns, decision);
    }

    static String percent(double fraction) {
        String text = String.format(Locale.ROOT, "%.2f", fraction * 100);
        return text.replaceAll("\\.?0+$", "");
    }
}
