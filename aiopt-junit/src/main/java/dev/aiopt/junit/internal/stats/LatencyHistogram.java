package dev.aiopt.junit.internal.stats;

import java.util.Arrays;

/**
 * One run's latency histogram as db_bench prints it: bucket upper bounds (ascending, the first bucket starting
 * at zero) and the count in each bucket. Runs measured with the same benchmark share the bounds, so histograms
 * can be {@linkplain #merge merged} and a percentile read off the merge ({@link #percentile}), interpolated
 * linearly inside its bucket as RocksDB's {@code HistogramStat::Percentile} does.
 *
 * @param upperBounds bucket upper bounds, strictly ascending and positive
 * @param counts the count in each bucket, none negative, at least one positive
 */
public record LatencyHistogram(double[] upperBounds, long[] counts) {

    public LatencyHistogram {
        if (upperBounds == null || counts == null || upperBounds.length == 0 || upperBounds.length != counts.length) {
            throw new IllegalArgumentException("a histogram needs as many bucket bounds as counts, at least one");
        }
        upperBounds = upperBounds.clone();
        counts = counts.clone();
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0 || !(upperBounds[i] > (i == 0 ? 0 : upperBounds[i - 1]))) {
                throw new IllegalArgumentException("bucket " + i + " has count " + counts[i] + " and bound "
                        + upperBounds[i] + ": counts must be >= 0 and bounds positive and ascending");
            }
            total += counts[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("a histogram with no samples has no percentiles");
        }
    }

    /** All samples of one run. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The {@code p}-th quantile ({@code 0 < p < 1}), interpolated inside its bucket. */
    public double percentile(double p) {
        return percentile(upperBounds, counts, p);
    }

    static double percentile(double[] upperBounds, long[] counts, double p) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double threshold = total * p;
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            long before = cumulative;
            cumulative += counts[i];
            if (cumulative >= threshold && counts[i] > 0) {
                double left = i == 0 ? 0 : upperBounds[i - 1];
                return left + (upperBounds[i] - left) * (threshold - before) / counts[i];
            }
        }
        return upperBounds[upperBounds.length - 1];
    }

    /** The sum of histograms with the same bounds. */
    public static LatencyHistogram merge(java.util.List<LatencyHistogram> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        double[] bounds = runs.get(0).upperBounds;
        long[] sum = new long[bounds.length];
        for (LatencyHistogram run : runs) {
            if (!Arrays.equals(run.upperBounds, bounds)) {
                throw new IllegalArgumentException("histograms with different bucket bounds cannot be merged: rerun"
                        + " both sides with the same benchmark binary");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += run.counts[i];
            }
        }
        return new LatencyHistogram(bounds, sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram h && Arrays.equals(upperBounds, h.upperBounds)
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[" + counts.length + " buckets, " + total() + " samples]";
    }
}
