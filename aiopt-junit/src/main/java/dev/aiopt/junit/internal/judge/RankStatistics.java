package dev.aiopt.junit.internal.judge;

import java.util.Arrays;
import org.apache.commons.numbers.combinatorics.BinomialCoefficientDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** The small-sample statistics behind {@link TrackAnswer}. */
final class RankStatistics {
    private static final Median MEDIAN = Median.withDefaults();
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private RankStatistics() {
    }

    static double median(double[] values) {
        return MEDIAN.evaluate(values);
    }

    /** Percentile bootstrap interval {low, high} of the median, seeded. */
    static double[] medianInterval(double[] values, double confidence, int resamples, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] draw = new double[values.length];
        double[] medians = new double[resamples];
        Median inPlace = Median.withDefaults().withCopy(false);
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < draw.length; i++) {
                draw[i] = values[random.nextInt(values.length)];
            }
            medians[b] = inPlace.evaluate(draw);
        }
        double tail = (1 - confidence) / 2;
        return Quantile.withDefaults().withCopy(false).evaluate(medians, tail, 1 - tail);
    }

    /** Cliff's delta of a over b: P(a > b) − P(a < b) over all pairs, in [−1, 1]. */
    static double cliffsDelta(double[] a, double[] b) {
        long greater = 0;
        long less = 0;
        for (double x : a) {
            for (double y : b) {
                greater += x > y ? 1 : 0;
                less += x < y ? 1 : 0;
            }
        }
        return (greater - less) / ((double) a.length * b.length);
    }

    /** Romano et al. (2006): negligible &lt; 0.147 ≤ small &lt; 0.33 ≤ medium &lt; 0.474 ≤ large. */
    static String magnitude(double delta) {
        double d = Math.abs(delta);
        return d < 0.147 ? "negligible" : d < 0.33 ? "small" : d < 0.474 ? "medium" : "large";
    }

    /**
     * The smallest two-sided p-value the exact Mann-Whitney test can give for samples of n and m: complete
     * separation, {@code 2 / C(n + m, n)} (0.100 for 3 against 3, 0.0079 for 5 against 5).
     */
    static double smallestPValue(int n, int m) {
        return Math.min(1.0, 2.0 / BinomialCoefficientDouble.value(n + m, n));
    }

    /** Holm's step-down adjustment of p-values (same order as given). */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] adjusted = new double[p.length];
        double running = 0;
        for (int rank = 0; rank < p.length; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (p.length - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * The smallest shift between two tracks' replicate distributions that the Mann-Whitney test detects with the
     * given power at level {@code alpha} (two-sided), K replicates a side and replicate standard deviation sigma:
     * the normal-theory shift {@code (z(1 − alpha/2) + z(power))·sigma·sqrt(2/K)} inflated by the test's asymptotic
     * relative efficiency to the t-test under normal noise, {@code 3/π}.
     */
    static double detectableShift(double sigma, int k, double alpha, double power) {
        double zAlpha = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double zPower = NORMAL.inverseCumulativeProbability(power);
        return (zAlpha + zPower) * sigma * Math.sqrt(2.0 / k) / Math.sqrt(3 / Math.PI);
    }

    /** Pooled standard deviation of the groups around their own means; NaN with no degree of freedom. */
    static double pooledSd(double[][] groups) {
        double sum = 0;
        int df = 0;
        for (double[] g : groups) {
            double mean = Arrays.stream(g).average().orElse(0);
            for (double v : g) {
                sum += (v - mean) * (v - mean);
            }
            df += g.length - 1;
        }
        return df > 0 ? Math.sqrt(sum / df) : Double.NaN;
    }
}
