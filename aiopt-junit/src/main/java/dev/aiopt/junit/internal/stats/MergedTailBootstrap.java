package dev.aiopt.junit.internal.stats;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * A tail-latency test from whole histograms instead of one p99 per run: the ratio of the p99 of each side's
 * merged histogram (candidate / reference), with a percentile bootstrap interval that resamples <em>runs</em>
 * (with replacement, each side on its own), so the run-to-run variance stays in the interval while every
 * sample of every run informs the tail. A metric fails, as in the gate's rule, when the interval lies entirely
 * above one and the ratio is beyond the limit.
 *
 * <p>Compared with the gate's per-run p99 Mann-Whitney in {@code TailTestSimulation} (tests) at an equal A/A
 * false-alarm rate; the README's gate section gives both figures and which one the gate keeps.
 */
final class MergedTailBootstrap {
    private static final Quantile QUANTILE = Quantile.withDefaults().withCopy(false);

    private MergedTailBootstrap() {
    }

    /**
     * The ratio of merged percentiles and its bootstrap interval.
     *
     * @param candidate the candidate's per-run histograms
     * @param reference the reference's per-run histograms, same unit; buckets that hold no sample may differ
     *     (db_bench leaves them out), buckets that do may not
     * @param percentile e.g. 0.99
     * @param confidence two-sided confidence of the interval
     * @param resamples bootstrap resamples
     * @param seed the bootstrap's seed
     * @return {ratio, low, high}
     */
    public static double[] ratio(List<LatencyHistogram> candidate, List<LatencyHistogram> reference, double percentile,
            double confidence, int resamples, long seed) {
        if (candidate.size() < 2 || reference.size() < 2) {
            throw new IllegalArgumentException("the merged-tail bootstrap needs at least 2 runs a side");
        }
        double[] bounds = edges(candidate, reference);
        long[][] c = counts(candidate, bounds);
        long[][] r = counts(reference, bounds);
        double point = merged(c, bounds, percentile, null, null) / merged(r, bounds, percentile, null, null);
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] ratios = new double[resamples];
        long[] sum = new long[bounds.length - 1];
        for (int b = 0; b < resamples; b++) {
            double cq = merged(c, bounds, percentile, random, sum);
            double rq = merged(r, bounds, percentile, random, sum);
            ratios[b] = cq / rq;
        }
        double tail = (1 - confidence) / 2;
        double[] interval = QUANTILE.evaluate(ratios, tail, 1 - tail);
        return new double[] {point, interval[0], interval[1]};
    }

    /** True when the tail is significantly worse (interval above one) and the ratio beyond {@code maxRatio}. */
    public static boolean fails(double[] ratioAndInterval, double maxRatio) {
        return ratioAndInterval[1] > 1 && ratioAndInterval[0] > maxRatio;
    }

    /**
     * One-sided permutation p-value that the candidate's merged percentile is higher than the reference's: the
     * share of random relabellings of the runs (the sides' sizes kept) whose merged ratio is at least the
     * observed one, counting the observed labelling. Between identical builds the runs are exchangeable, so
     * {@code p <= alpha} happens at most {@code alpha} of the time whatever the noise, which the bootstrap
     * interval alone does not promise at 10 runs a side.
     */
    public static double permutationPValue(List<LatencyHistogram> candidate, List<LatencyHistogram> reference,
            double percentile, int permutations, long seed) {
        double[] bounds = edges(candidate, reference);
        long[][] all = new long[candidate.size() + reference.size()][];
        long[][] c = counts(candidate, bounds);
        long[][] r = counts(reference, bounds);
        System.arraycopy(c, 0, all, 0, c.length);
        System.arraycopy(r, 0, all, c.length, r.length);
        double observed = merged(c, bounds, percentile, null, null) / merged(r, bounds, percentile, null, null);
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] order = new int[all.length];
        long[] first = new long[bounds.length - 1];
        long[] second = new long[bounds.length - 1];
        int atLeast = 1;
        for (int k = 0; k < permutations; k++) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            java.util.Arrays.fill(first, 0);
            java.util.Arrays.fill(second, 0);
            for (int i = 0; i < order.length; i++) {
                long[] into = i < c.length ? first : second;
                long[] run = all[order[i]];
                for (int b = 0; b < into.length; b++) {
                    into[b] += run[b];
                }
            }
            double ratio = LatencyHistogram.percentile(bounds, first, 100 * percentile)
                    / LatencyHistogram.percentile(bounds, second, 100 * percentile);
            if (ratio >= observed) {
                atLeast++;
            }
        }
        return (double) atLeast / (permutations + 1);
    }

    // The union of both sides' edges: every run counted on the same buckets.
    private static double[] edges(List<LatencyHistogram> candidate, List<LatencyHistogram> reference) {
        List<LatencyHistogram> all = new java.util.ArrayList<>(candidate);
        all.addAll(reference);
        return LatencyHistogram.commonEdges(all);
    }

    private static long[][] counts(List<LatencyHistogram> runs, double[] edges) {
        long[][] counts = new long[runs.size()][];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = runs.get(i).countsOn(edges);
        }
        return counts;
    }

    /** The percentile of the merged runs, or of a resample of them when {@code random} is given. */
    private static double merged(long[][] runs, double[] bounds, double percentile, UniformRandomProvider random,
            long[] scratch) {
        long[] sum = scratch == null ? new long[bounds.length - 1] : scratch;
        java.util.Arrays.fill(sum, 0);
        for (int k = 0; k < runs.length; k++) {
            long[] run = runs[random == null ? k : random.nextInt(runs.length)];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += run[i];
            }
        }
        return LatencyHistogram.percentile(bounds, sum, 100 * percentile);
    }
}
