package dev.aiopt.junit.internal.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Compares two p99 tests for the gate, at an equal A/A false-alarm rate: today's per-run p99 (one p99 per run,
 * ratio of medians, Mann-Whitney and bootstrap, {@link Comparison}) against {@link MergedTailBootstrap} (p99 of
 * the merged histograms, bootstrap over runs). Each simulated run is a real db_bench latency histogram's shape
 * ({@code fillrandom_t1_n1M_hist_statistics.stdout.txt}, 1M writes) scaled by a log-normal run-to-run factor
 * with the p99 spread fitted to the recorded repeats (7.7% quiet, 15% pipelining off), 100k writes a run,
 * binned into db_bench's buckets. The same simulated runs go through every test (paired). Not a test: run
 * {@code aiopt-junit/scripts/tail-test-simulation.sh [trials] [runs a side]}.
 */
public final class TailTestSimulation {
    static final String SHAPE = "/metrics/db_bench/fillrandom_t1_n1M_hist_statistics.stdout.txt";
    private static final Pattern BUCKET = Pattern.compile("^\\(\\s*([0-9.]+),\\s*([0-9.]+)\\s*]\\s+(\\d+)\\s");

    static final String[] TESTS = {"per-run p99 (gate today)", "merged, bootstrap 99%", "merged, bootstrap 99.9%",
        "merged, permutation + bootstrap"};

    private TailTestSimulation() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        LatencyHistogram shape = shape();
        double[] bounds = bounds(upper(shape));
        System.out.printf(Locale.ROOT, "Shape: %s (p99 %.2f us as db_bench printed 21.74); %d runs a side, 100k writes a"
                + " run, %d trials a cell; limit p99 <= 1.05; cells: %% of trials in which the p99 metric FAILED%n",
                SHAPE, shape.percentile(99), repeats, trials);
        System.out.printf(Locale.ROOT, "%-16s %-34s %-20s %-20s %-20s%n", "p99 run-to-run", "test", "A/A", "p99+10%", "p99+20%");
        for (double cv : new double[] {0.077, 0.15}) {
            double sigma = Math.sqrt(Math.log1p(cv * cv));
            for (String test : TESTS) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s %-34s", String.format(Locale.ROOT,
                        "CV %.1f%%", cv * 100), test));
                for (double effect : new double[] {1.0, 1.10, 1.20}) {
                    int fails = failures(test, shape, bounds, sigma, effect, repeats, effect == 1.0 ? 2 * trials : trials,
                            (long) (cv * 1000) + (long) (effect * 100));
                    int n = effect == 1.0 ? 2 * trials : trials;
                    line.append(String.format(Locale.ROOT, " %-20s", String.format(Locale.ROOT, "%.2f%% (<=%.2f%%)",
                            100.0 * fails / n, GateSimulation.upperBound(fails, n) * 100)));
                }
                System.out.println(line);
            }
        }
    }

    static int failures(String test, LatencyHistogram shape, double[] bounds, double sigma, double effect, int repeats,
            int trials, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        ComparisonSettings perMetric = GateSettings.defaults().perMetric(2L);
        int fails = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<LatencyHistogram> candidate = new ArrayList<>();
            List<LatencyHistogram> reference = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                reference.add(run(shape, bounds, Math.exp(sigma * gaussian.sample()), 100_000, random, gaussian));
                candidate.add(run(shape, bounds, effect * Math.exp(sigma * gaussian.sample()), 100_000, random, gaussian));
            }
            boolean failed;
            if (test.startsWith("per-run")) {
                double[] c = candidate.stream().mapToDouble(h -> h.percentile(99)).toArray();
                double[] r = reference.stream().mapToDouble(h -> h.percentile(99)).toArray();
                failed = MedianRatioBootstrap.ratioOfMedians(c, r) > 1.05
                        && Comparison.decision(c, r, Direction.LOWER_IS_BETTER, perMetric) == Decision.WORSE;
            } else if (test.contains("permutation")) {
                // as the gate's rule: a one-sided test at alpha / 2 and the 99% bootstrap interval must agree
                double[] ratio = MergedTailBootstrap.ratio(candidate, reference, 0.99, 0.99, 2000, seed + trial);
                failed = MergedTailBootstrap.fails(ratio, 1.05)
                        && MergedTailBootstrap.permutationPValue(candidate, reference, 0.99, 999, seed + trial) <= 0.005;
            } else {
                double confidence = test.endsWith("99.9%") ? 0.999 : 0.99;
                failed = MergedTailBootstrap.fails(MergedTailBootstrap.ratio(candidate, reference, 0.99, confidence,
                        confidence > 0.99 ? 10_000 : 2000, seed + trial), 1.05);
            }
            fails += failed ? 1 : 0;
        }
        return fails;
    }

    /** One run: {@code writes} latencies of the shape scaled by {@code scale}, counted in {@code bounds}. */
    static LatencyHistogram run(LatencyHistogram shape, double[] bounds, double scale, int writes,
            UniformRandomProvider random, ZigguratSampler.NormalizedGaussian gaussian) {
        long[] counts = new long[bounds.length];
        double previous = 0;
        long assigned = 0;
        for (int j = 0; j < bounds.length; j++) {
            double cdf = j == bounds.length - 1 ? 1 : cdf(shape, bounds[j] / scale);
            double expected = writes * (cdf - previous);
            previous = cdf;
            long count = expected >= 30 ? Math.max(0, Math.round(expected + Math.sqrt(expected) * gaussian.sample()))
                    : poisson(expected, random);
            counts[j] = count;
            assigned += count;
        }
        if (assigned == 0) {
            counts[0] = 1;
        }
        return histogram(bounds, counts);
    }

    /** A histogram from bucket upper bounds, the first bucket starting at 0. */
    static LatencyHistogram histogram(double[] upperBounds, long[] counts) {
        double[] edges = new double[upperBounds.length + 1];
        System.arraycopy(upperBounds, 0, edges, 1, upperBounds.length);
        return new LatencyHistogram("us", edges, counts);
    }

    /** The bucket upper bounds of a histogram whose first bucket starts at 0. */
    static double[] upper(LatencyHistogram h) {
        double[] edges = h.edges();
        return java.util.Arrays.copyOfRange(edges, 1, edges.length);
    }

    /** The shape's CDF at {@code x}, linear inside each bucket. */
    static double cdf(LatencyHistogram shape, double x) {
        double[] upper = upper(shape);
        long[] counts = shape.counts();
        double total = shape.count();
        double cumulative = 0;
        for (int i = 0; i < upper.length; i++) {
            double left = i == 0 ? 0 : upper[i - 1];
            if (x < upper[i]) {
                return x <= left ? cumulative / total : (cumulative + counts[i] * (x - left) / (upper[i] - left)) / total;
            }
            cumulative += counts[i];
        }
        return 1;
    }

    private static long poisson(double mean, UniformRandomProvider random) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** db_bench's bucket bounds as far as the shape shows them, then on by the same factor of about 1.5. */
    static double[] bounds(double[] shapeBounds) {
        List<Double> bounds = new ArrayList<>();
        for (double b : shapeBounds) {
            bounds.add(b);
        }
        while (bounds.get(bounds.size() - 1) < 1e7) {
            bounds.add(Math.rint(bounds.get(bounds.size() - 1) * 1.5));
        }
        return bounds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The write histogram of the shape file: every bucket line, with empty buckets filled in between. */
    static LatencyHistogram shape() {
        return parseBuckets(resource(SHAPE));
    }

    /** Parses db_bench's {@code ( left, right ] count ...} bucket lines of the first histogram in {@code text}. */
    static LatencyHistogram parseBuckets(String text) {
        List<Double> upper = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (!m.find()) {
                if (!upper.isEmpty()) {
                    break;
                }
                continue;
            }
            double left = Double.parseDouble(m.group(1));
            if (!upper.isEmpty() && left > upper.get(upper.size() - 1)) {
                upper.add(left); // an empty bucket db_bench left out
                counts.add(0L);
            } else if (upper.isEmpty() && left > 0) {
                upper.add(left);
                counts.add(0L);
            }
            upper.add(Double.parseDouble(m.group(2)));
            counts.add(Long.parseLong(m.group(3)));
        }
        return histogram(upper.stream().mapToDouble(Double::doubleValue).toArray(),
                counts.stream().mapToLong(Long::longValue).toArray());
    }

    private static String resource(String name) {
        try (InputStream in = TailTestSimulation.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
