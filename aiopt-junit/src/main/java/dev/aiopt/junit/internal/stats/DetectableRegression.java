package dev.aiopt.junit.internal.stats;

import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The smallest regression of one metric that a gate could have detected, from the spread it measured: at the
 * gate's per-metric significance and a stated power (80% by default), which ratio candidate/reference the rule
 * would have called significantly worse, and how many runs a side it would take to detect the gate's own limit.
 * A metric whose detectable regression is larger than its limit is <em>inconclusive</em>: a pass there does not
 * mean "no regression", only "could not have seen one".
 *
 * <p>How. The spread is the pooled standard deviation {@code s} of the log values (each side about its own
 * mean), so it is the run-to-run noise and not the difference. The rule needs both a significant rank test and
 * a bootstrap interval of the ratio of medians on the worse side, so the detectable shift of log values is the
 * larger of the two: the rank test's {@code (t(1 - alpha/2, df) + t(power, df)) * s * sqrt(1/m + 1/n) / sqrt(3/pi)}
 * ({@code df = m + n - 2}; the t quantiles carry the small-sample penalty, {@code 3/pi} is the Mann-Whitney
 * test's efficiency relative to the t test under normal noise), and the median's
 * {@code (z(1 - alpha/2) + z(power)) * s * sqrt(1/m + 1/n) / sqrt(2/pi)} ({@code 2/pi} is the median's
 * efficiency relative to the mean). The rank test binds below about 8 runs a side, the median above. In
 * simulation the rule catches the stated shift in 72-88% of trials at 6 to 30 runs a side
 * ({@code DetectableRegressionTest}). The exact test cannot go below {@code 2 / C(m + n, n)}: when that is above
 * alpha no regression is detectable.
 *
 * <p>Paired ({@link #paired}, interleaved runs compared by {@link PairedComparison}). The spread is the standard
 * deviation {@code s_d} of the per-pair log ratios, so the drift a pair shares is out of it, and the detectable
 * shift is {@code (t(1 - alpha/2, n - 1) + t(power, n - 1)) * s_d / sqrt(n) / sqrt(3/pi)}: {@code 3/pi} is the
 * efficiency of both the signed-rank test and its Hodges-Lehmann estimate relative to the t test and the mean
 * under normal noise (so test and interval bind together), and the t quantiles at {@code n - 1} degrees of freedom
 * carry the small-sample penalty. The exact signed-rank test cannot go below {@code 2 / 2^n}.
 *
 * @param direction which way the metric improves
 * @param limit the tolerated ratio (below one for throughput, above one for p99)
 * @param ratio the smallest detectable regression as a ratio candidate/reference (below one for throughput,
 *     above one for p99); {@code 0} or infinity when nothing is detectable
 * @param logSpread pooled standard deviation of the log values, or for paired runs of the per-pair log ratios
 * @param power the power the ratio is stated at, e.g. 0.8
 * @param alpha the two-sided significance level of the metric's test
 * @param candidateRuns candidate runs measured
 * @param referenceRuns reference runs measured
 * @param runsForLimit runs a side at which the limit itself would be detectable at this power, or
 *     {@link #NEVER} when even {@value #MAX_RUNS} runs would not do (e.g. a limit of exactly one)
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record DetectableRegression(Direction direction, double limit, double ratio, double logSpread, double power,
        double alpha, int candidateRuns, int referenceRuns, int runsForLimit) {

    /** Default power at which the detectable regression is stated. */
    public static final double DEFAULT_POWER = 0.8;
    /** Largest run count a side that {@link #runsForLimit()} searches. */
    public static final int MAX_RUNS = 100_000;
    /** {@link #runsForLimit()} when no run count up to {@link #MAX_RUNS} would detect the limit. */
    public static final int NEVER = Integer.MAX_VALUE;
    private static final double RANK_EFFICIENCY = Math.sqrt(3 / Math.PI);
    private static final double MEDIAN_EFFICIENCY = Math.sqrt(2 / Math.PI);
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    public DetectableRegression {
        if (direction == null) {
            throw new IllegalArgumentException("direction is required");
        }
        if (!(power > 0.5 && power < 1) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("power must be in (0.5, 1) and alpha in (0, 1), got " + power + ", " + alpha);
        }
        if (!(logSpread >= 0) || candidateRuns < 2 || referenceRuns < 2) {
            throw new IllegalArgumentException("a detectable regression needs a spread >= 0 and 2 runs a side");
        }
    }

    /**
     * The detectable regression of one metric's runs.
     *
     * @param runs both sides' per-run values
     * @param direction which way the metric improves
     * @param limit the tolerated ratio
     * @param alpha the two-sided significance level of the metric's test (the gate's per-look alpha)
     * @param power the power to state it at, e.g. {@link #DEFAULT_POWER}
     */
    public static DetectableRegression of(Samples runs, Direction direction, double limit, double alpha, double power) {
        double spread = pooledLogSpread(runs.candidateValues(), runs.referenceValues());
        int m = runs.candidate().size();
        int n = runs.reference().size();
        double shift = logShift(spread, m, n, alpha, power);
        double ratio = direction == Direction.HIGHER_IS_BETTER ? Math.exp(-shift) : Math.exp(shift);
        return new DetectableRegression(direction, limit, ratio, spread, power, alpha, m, n,
                runsForLimit(k -> logShift(spread, k, k, alpha, power), Math.abs(Math.log(limit))));
    }

    /**
     * The detectable regression of runs measured in interleaved pairs (equal counts, pair i = run i of each side),
     * from the spread of the per-pair log ratios; {@code candidateRuns == referenceRuns == n}, and
     * {@link #runsForLimit()} counts pairs.
     */
    public static DetectableRegression paired(Samples pairs, Direction direction, double limit, double alpha,
            double power) {
        double[] logRatios = PairedComparison.logRatios(pairs);
        int n = logRatios.length;
        double spread = Math.sqrt(squaresOfLogs(logRatios) / (n - 1));
        double shift = pairedLogShift(spread, n, alpha, power);
        double ratio = direction == Direction.HIGHER_IS_BETTER ? Math.exp(-shift) : Math.exp(shift);
        double limitShift = Math.abs(Math.log(limit));
        return new DetectableRegression(direction, limit, ratio, spread, power, alpha, n, n,
                runsForLimit(k -> pairedLogShift(spread, k, alpha, power), limitShift));
    }

    /** Detectable shift of log ratios at n pairs, or infinity when the exact signed-rank test can never reach alpha. */
    static double pairedLogShift(double spread, int n, double alpha, double power) {
        if (PairedComparison.smallestPValue(n) > alpha) {
            return Double.POSITIVE_INFINITY;
        }
        TDistribution t = TDistribution.of(n - 1);
        double quantiles = t.inverseCumulativeProbability(1 - alpha / 2) + t.inverseCumulativeProbability(power);
        return quantiles * spread / Math.sqrt(n) / RANK_EFFICIENCY;
    }

    /** Detectable shift of log values, or infinity when the exact rank test can never reach alpha. */
    static double logShift(double spread, int m, int n, double alpha, double power) {
        if (smallestPValue(m, n) > alpha) {
            return Double.POSITIVE_INFINITY;
        }
        TDistribution t = TDistribution.of(m + n - 2);
        double rankQuantiles = t.inverseCumulativeProbability(1 - alpha / 2) + t.inverseCumulativeProbability(power);
        double medianQuantiles = NORMAL.inverseCumulativeProbability(1 - alpha / 2)
                + NORMAL.inverseCumulativeProbability(power);
        double scale = spread * Math.sqrt(1.0 / m + 1.0 / n);
        return Math.max(rankQuantiles * scale / RANK_EFFICIENCY, medianQuantiles * scale / MEDIAN_EFFICIENCY);
    }

    /** Smallest two-sided exact Mann-Whitney p-value with m and n runs: all of one side above the other. */
    static double smallestPValue(int m, int n) {
        double ways = 1.0; // C(m + n, n)
        for (int i = 1; i <= n && ways < 1e300; i++) {
            ways = ways * (m + i) / i;
        }
        return Math.min(1.0, 2.0 / ways);
    }

    private static int runsForLimit(java.util.function.IntToDoubleFunction shiftAt, double limitShift) {
        if (!(limitShift > 0)) {
            return NEVER;
        }
        if (shiftAt.applyAsDouble(MAX_RUNS) > limitShift) {
            return NEVER;
        }
        int low = 2;
        int high = MAX_RUNS;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (shiftAt.applyAsDouble(mid) <= limitShift) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    static double pooledLogSpread(double[] candidate, double[] reference) {
        double squares = squares(candidate) + squares(reference);
        return Math.sqrt(squares / (candidate.length + reference.length - 2));
    }

    private static double squares(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return squaresOfLogs(logs);
    }

    private static double squaresOfLogs(double[] logs) {
        double mean = 0;
        for (double value : logs) {
            mean += value;
        }
        mean /= logs.length;
        double sum = 0;
        for (double value : logs) {
            double d = value - mean;
            sum += d * d;
        }
        return sum;
    }

    /** True when a regression just at the limit would have gone unseen more often than {@code 1 - power}. */
    public boolean inconclusive() {
        return direction == Direction.HIGHER_IS_BETTER ? !(ratio >= limit) : !(ratio <= limit);
    }

    /** The detectable regression as a signed percentage change, e.g. {@code -4.2%}; "none" when nothing is. */
    public String change() {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            return "none (too few runs for the test to ever be significant)";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /**
     * One clause for a verdict line, e.g. {@code could detect -4.2% at 80% power (limit -3.0%: INCONCLUSIVE,
     * 25 runs a side would detect it)}.
     */
    public String summary() {
        String limitChange = String.format(Locale.ROOT, "%+.1f%%", (limit - 1) * 100);
        String runs = runsForLimit == NEVER ? "no run count up to " + MAX_RUNS + " would detect it"
                : runsForLimit + " runs a side would detect it";
        return String.format(Locale.ROOT, "could detect %s at %s%% power (limit %s: %s, %s)", change(),
                Comparison.percent(power), limitChange, inconclusive() ? "INCONCLUSIVE" : "conclusive", runs);
    }
}
