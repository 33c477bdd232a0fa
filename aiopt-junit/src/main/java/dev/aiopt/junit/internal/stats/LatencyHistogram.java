package dev.aiopt.junit.internal.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * A latency histogram as a benchmark printed it: bucket edges and the count of samples in each bucket.
 * Bucket {@code i} holds the samples in {@code (edges[i], edges[i + 1]]}; the last edge may be infinite.
 * Histograms with the same edges and unit {@link #merge merge} exactly, so a tail-latency test can pool
 * the samples of several runs instead of averaging their percentiles ({@link MergedTailBootstrap}). Read from
 * db_bench's {@code --histogram} tables and {@code aiopt-metric} histogram lines by the metrics package.
 *
 * <p>Public because it is used by {@code evaluation}, {@code metrics};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record LatencyHistogram(String unit, double[] edges, long[] counts) {

    /**
     * @throws IllegalArgumentException if the unit is blank, the edges do not increase, the first edge is not
     *     finite, a count is negative, or the histogram holds no sample
     */
    public LatencyHistogram {
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("a histogram needs a unit, e.g. us");
        }
        edges = edges.clone();
        counts = counts.clone();
        if (counts.length == 0 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("a histogram needs one more edge than buckets, and at least one bucket");
        }
        if (!Double.isFinite(edges[0]) || edges[0] < 0) {
            throw new IllegalArgumentException("the lowest edge must be a finite number >= 0, not " + edges[0]);
        }
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (!(edges[i + 1] > edges[i]) || Double.isNaN(edges[i + 1])
                    || (i + 1 < counts.length && Double.isInfinite(edges[i + 1]))) {
                throw new IllegalArgumentException("bucket edges must increase (only the last may be inf): "
                        + Arrays.toString(edges));
            }
            if (counts[i] < 0) {
                throw new IllegalArgumentException("bucket counts cannot be negative: " + Arrays.toString(counts));
            }
            total += counts[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("the histogram holds no sample (every bucket count is 0)");
        }
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The number of samples. */
    public long count() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The {@code percent}-th percentile (0 < percent <= 100), interpolated linearly inside its bucket as
     * RocksDB's {@code HistogramImpl::Percentile} does; in an unbounded last bucket it is that bucket's lower edge.
     */
    public double percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + percent);
        }
        return percentile(edges, counts, percent);
    }

    /** The percentile of {@code counts} over {@code edges}, as {@link #percentile(double)}. */
    static double percentile(double[] edges, long[] counts, double percent) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double threshold = total * percent / 100.0;
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            long before = cumulative;
            cumulative += counts[i];
            if (cumulative >= threshold && counts[i] > 0) {
                double low = edges[i];
                double high = edges[i + 1];
                if (Double.isInfinite(high)) {
                    return low;
                }
                return low + (high - low) * (threshold - before) / counts[i];
            }
        }
        return edges[counts.length - 1];
    }

    /**
     * The histogram of both sets of samples. Edges need not be equal: buckets that hold no sample may be
     * split (db_bench omits them, so two runs print different gaps), but no bucket that holds samples may be.
     *
     * @throws IllegalArgumentException if the units differ or a bucket holding samples would have to be split
     *     (the benchmark changed its buckets)
     */
    public LatencyHistogram merge(LatencyHistogram other) {
        if (!unit.equals(other.unit)) {
            throw new IllegalArgumentException("cannot merge a latency histogram in " + unit + " with one in " + other.unit);
        }
        double[] union = DoubleStream.concat(Arrays.stream(edges), Arrays.stream(other.edges)).sorted().distinct()
                .toArray();
        long[] sum = new long[union.length - 1];
        addInto(union, sum, other);
        other.addInto(union, sum, this);
        return new LatencyHistogram(unit, union, sum);
    }

    /**
     * The edges every one of {@code runs} can be counted on without splitting a bucket that holds samples:
     * the union of their edges.
     *
     * @throws IllegalArgumentException as {@link #merge} when no such edges exist
     */
    static double[] commonEdges(List<LatencyHistogram> runs) {
        LatencyHistogram all = runs.get(0);
        for (int i = 1; i < runs.size(); i++) {
            all = all.merge(runs.get(i));
        }
        return all.edges;
    }

    /** This histogram's counts on {@code union}, a superset of its edges from {@link #commonEdges}. */
    long[] countsOn(double[] union) {
        long[] sum = new long[union.length - 1];
        addInto(union, sum, this);
        return sum;
    }

    private void addInto(double[] union, long[] sum, LatencyHistogram other) {
        int u = Arrays.binarySearch(union, edges[0]);
        for (int i = 0; i < counts.length; i++) {
            int end = Arrays.binarySearch(union, edges[i + 1]);
            if (counts[i] > 0 && end - u > 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "cannot merge latency histograms: the bucket"
                        + " (%s, %s] %s holds %d samples but the other histogram has an edge inside it (edges %s vs"
                        + " %s); print every run's histogram with the same bucket edges", edges[i], edges[i + 1],
                        unit, counts[i], Arrays.toString(edges), Arrays.toString(other.edges)));
            }
            if (counts[i] > 0) {
                sum[u] += counts[i];
            }
            u = end;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && unit.equals(h.unit) && Arrays.equals(edges, h.edges)
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * unit.hashCode() + Arrays.hashCode(edges)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[" + count() + " samples in " + counts.length + " buckets, " + unit + "]";
    }
}
