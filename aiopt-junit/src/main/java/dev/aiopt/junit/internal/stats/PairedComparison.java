package dev.aiopt.junit.internal.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The comparison of one metric between a candidate and its reference measured in interleaved pairs (run i of
 * each side adjacent in time): per pair the log ratio candidate/reference, so that whatever the machine did
 * to both runs of a pair (slow drift: frequency, thermals, neighbours) cancels.
 *
 * <ul>
 *   <li>Point estimate: {@code exp} of the Hodges-Lehmann estimate of the log ratios (the median of all
 *       pairwise means {@code (d_i + d_j) / 2}, {@code i <= j}). Not the plain median: Hodges-Lehmann is the
 *       shift the signed-rank test is centred on, so estimate, interval and test measure one thing; its
 *       efficiency under normal noise is {@code 3/pi = 0.955} of the mean's against the median's {@code 2/pi =
 *       0.637}, and since the rule asks the interval to clear one, the median would widen the smallest
 *       detectable shift by {@code sqrt(0.955 / 0.637) = 1.22}; and it still ignores up to 29% wild pairs.</li>
 *   <li>Interval: two-sided percentile bootstrap over pairs (a resample draws whole pairs, keeping each pair's
 *       shared drift), seeded, at the settings' confidence.</li>
 *   <li>p-value: two-sided Wilcoxon signed-rank test of the log ratios against zero, zeros dropped: exact below
 *       50 pairs, ties included ({@link #pValue}), else Apache Commons Statistics' normal approximation; all-zero
 *       ratios give 1.</li>
 *   <li>Decision: the rule of {@link Comparison}, i.e. WORSE or BETTER only when {@code p <= alpha}, the whole
 *       interval is on one side of one and the estimate clears the minimum effect.</li>
 * </ul>
 * The exact test cannot go below {@code 2 / 2^n} at n pairs ({@link #smallestPValue(int)}): far above the
 * Mann-Whitney's {@code 2 / C(2n, n)}, so a paired gate needs at least 8 pairs at alpha 0.01.
 *
 * <p>Public because it is used by {@code gate} (through {@link RegressionGate}) and the campaign's tests;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class PairedComparison {

    /** Nonzero pairs from which the p-value is the normal approximation's (Commons' own exact limit). */
    static final int EXACT_BELOW = 50;
    private static final WilcoxonSignedRankTest SIGNED_RANK = WilcoxonSignedRankTest.withDefaults();
    private static final Median MEDIAN_IN_PLACE = Median.withDefaults().withCopy(false);
    private static final Quantile QUANTILE = Quantile.withDefaults().withCopy(false);

    private PairedComparison() {
    }

    /**
     * Compares pairs of runs: {@code pairs.candidate().get(i)} and {@code pairs.reference().get(i)} are pair i.
     *
     * @throws IllegalArgumentException when the sides have different run counts (they are not pairs)
     */
    public static Comparison of(Samples pairs, Direction direction, ComparisonSettings settings) {
        if (pairs == null || direction == null || settings == null) {
            throw new IllegalArgumentException("pairs, direction and settings are required");
        }
        double[] logRatios = logRatios(pairs);
        double ratio = Math.exp(hodgesLehmann(logRatios));
        double[] interval = interval(logRatios, settings.confidence(), settings.bootstrapResamples(), settings.seed());
        double pValue = pValue(logRatios);
        Decision decision = Comparison.decide(ratio, interval[0], interval[1], pValue, direction, settings);
        return new Comparison(ratio, interval[0], interval[1], settings.confidence(), pValue, decision, direction,
                logRatios.length, logRatios.length);
    }

    /**
     * The same decision as {@code of(...).decision()}, bootstrapping only when the test and the estimate leave
     * it open; for simulations that need thousands of decisions.
     */
    static Decision decision(Samples pairs, Direction direction, ComparisonSettings settings) {
        double[] logRatios = logRatios(pairs);
        double ratio = Math.exp(hodgesLehmann(logRatios));
        double goodness = direction.goodness(ratio);
        double threshold = 1.0 + settings.minEffect();
        if (goodness < threshold && goodness > 1.0 / threshold) {
            return Decision.NO_DIFFERENCE;
        }
        double pValue = pValue(logRatios);
        if (pValue > settings.alpha()) {
            return Decision.NO_DIFFERENCE;
        }
        double[] interval = interval(logRatios, settings.confidence(), settings.bootstrapResamples(), settings.seed());
        return Comparison.decide(ratio, interval[0], interval[1], pValue, direction, settings);
    }

    /** Per pair {@code log(candidate / reference)}, in run order. */
    static double[] logRatios(Samples pairs) {
        int n = pairs.candidate().size();
        if (pairs.reference().size() != n) {
            throw new IllegalArgumentException("paired runs need as many candidate as reference runs, got " + n + " and "
                    + pairs.reference().size() + ": compare runs measured apart unpaired (Comparison.of)");
        }
        double[] logRatios = new double[n];
        for (int i = 0; i < n; i++) {
            logRatios[i] = Math.log(pairs.candidate().get(i) / pairs.reference().get(i));
        }
        return logRatios;
    }

    /** Median of the Walsh averages {@code (d_i + d_j) / 2}, {@code i <= j}. */
    static double hodgesLehmann(double[] values) {
        return MEDIAN_IN_PLACE.evaluate(walshAverages(values, new double[walshCount(values.length)]));
    }

    /**
     * Two-sided signed-rank p-value of the log ratios against zero; 1 when every ratio is exactly one. Zero ratios
     * are dropped (Wilcoxon's rule). Below {@value #EXACT_BELOW} nonzero pairs the p-value is exact also with ties:
     * the null distribution of the sum of positive midranks over all {@code 2^n} sign patterns, by dynamic
     * programming on doubled midranks (whole numbers). Commons' test turns to the normal approximation at the
     * first tie, and ties are common here (db_bench prints p99 to two decimals), where that approximation's
     * continuity correction keeps 10 pairs that all moved the same way above alpha 0.0033.
     */
    static double pValue(double[] logRatios) {
        double[] nonzero = java.util.Arrays.stream(logRatios).filter(d -> d != 0).toArray();
        if (nonzero.length == 0) {
            return 1.0;
        }
        if (nonzero.length >= EXACT_BELOW) {
            return SIGNED_RANK.test(nonzero).getPValue();
        }
        int[] doubledRanks = doubledMidranks(nonzero);
        int total = 0;
        int positive = 0;
        for (int i = 0; i < nonzero.length; i++) {
            total += doubledRanks[i];
            positive += nonzero[i] > 0 ? doubledRanks[i] : 0;
        }
        double[] probability = new double[total + 1]; // of each sum of doubled positive ranks
        probability[0] = 1;
        int reach = 0;
        for (int rank : doubledRanks) {
            for (int sum = reach; sum >= 0; sum--) {
                double half = probability[sum] / 2;
                probability[sum] = half;
                probability[sum + rank] += half;
            }
            reach += rank;
        }
        double atMost = 0;
        double atLeast = 0;
        for (int sum = 0; sum <= total; sum++) {
            atMost += sum <= positive ? probability[sum] : 0;
            atLeast += sum >= positive ? probability[sum] : 0;
        }
        return Math.min(1.0, 2 * Math.min(atMost, atLeast));
    }

    // Twice the midrank of each |value| (ties share the mean of their ranks), so every rank is a whole number.
    private static int[] doubledMidranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
        int[] doubled = new int[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && Math.abs(values[order[end + 1]]) == Math.abs(values[order[start]])) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                doubled[order[k]] = start + end + 2; // 2 * mean of ranks start + 1 .. end + 1
            }
            start = end + 1;
        }
        return doubled;
    }

    /** Smallest two-sided exact signed-rank p-value at n pairs: every ratio on one side, {@code 2 / 2^n}. */
    public static double smallestPValue(int pairs) {
        return Math.min(1.0, Math.scalb(2.0, -pairs));
    }

    /** Returns {low, high} of the percentile interval of {@code exp(HL)}, resampling whole pairs. */
    static double[] interval(double[] logRatios, double confidence, int resamples, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int n = logRatios.length;
        double[] draw = new double[n];
        double[] walsh = new double[walshCount(n)];
        double[] estimates = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draw[i] = logRatios[random.nextInt(n)];
            }
            estimates[b] = MEDIAN_IN_PLACE.evaluate(walshAverages(draw, walsh));
        }
        double tail = (1.0 - confidence) / 2.0;
        double[] bounds = QUANTILE.evaluate(estimates, tail, 1.0 - tail);
        return new double[] {Math.exp(bounds[0]), Math.exp(bounds[1])};
    }

    private static int walshCount(int n) {
        return n * (n + 1) / 2;
    }

    private static double[] walshAverages(double[] values, double[] into) {
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = i; j < values.length; j++) {
                into[k++] = (values[i] + values[j]) / 2;
            }
        }
        return into;
    }
}
