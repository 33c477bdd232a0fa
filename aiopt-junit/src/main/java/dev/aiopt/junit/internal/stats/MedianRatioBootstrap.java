package dev.aiopt.junit.internal.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Percentile bootstrap interval of median(candidate) / median(reference), resampling each side
 * independently (the runs of one side are exchangeable; the two sides are not). BCa was not chosen: its
 * jackknife acceleration is degenerate for the median of 5-20 runs, which is exactly our sample size.
 */
final class MedianRatioBootstrap {

    private static final Median MEDIAN = Median.withDefaults();
    private static final Median MEDIAN_IN_PLACE = Median.withDefaults().withCopy(false);
    private static final Quantile QUANTILE = Quantile.withDefaults().withCopy(false);

    private MedianRatioBootstrap() {
    }

    static double ratioOfMedians(double[] candidate, double[] reference) {
        return MEDIAN.evaluate(candidate) / MEDIAN.evaluate(reference);
    }

    /** Returns {low, high} of the two-sided percentile interval at the given confidence. */
    static double[] interval(double[] candidate, double[] reference, double confidence, int resamples, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] candidateDraw = new double[candidate.length];
        double[] referenceDraw = new double[reference.length];
        double[] ratios = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            draw(candidate, candidateDraw, random);
            draw(reference, referenceDraw, random);
            ratios[b] = MEDIAN_IN_PLACE.evaluate(candidateDraw) / MEDIAN_IN_PLACE.evaluate(referenceDraw);
        }
        double tail = (1.0 - confidence) / 2.0;
        return QUANTILE.evaluate(ratios, tail, 1.0 - tail);
    }

    private static void draw(double[] from, double[] into, UniformRandomProvider random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
    }
}
