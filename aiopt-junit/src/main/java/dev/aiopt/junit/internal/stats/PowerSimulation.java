package dev.aiopt.junit.internal.stats;

import java.util.Arrays;
import java.util.Random;

/**
 * How often the candidate-versus-parent decision would catch a candidate that is slower by a known fraction, on
 * runs like those measured: the power, simulated rather than taken from a formula, because the decision is a rank
 * test, a bootstrap interval and a minimum effect together, under a {@link SequentialPlan} with its alpha split
 * over the looks, and because benchmark noise is rarely normal (a run that hits a write stall is far out).
 *
 * <p>Each trial draws the runs by a smoothed bootstrap on log values (a measured value plus {@code N(0, h)},
 * {@code h} Silverman's bandwidth, shrunk towards the mean so that the spread stays the measured one; a handful of
 * values then gives no artificial ties), slows the candidate by {@code 1 - effect}, and runs the plan's looks exactly
 * as the evaluation does: {@code initialRepeats} a side, then batches while undecided. A trial detects the slowdown
 * when a look decides {@link Decision#WORSE}. Each look takes the test the plan gives it (paired once there are enough
 * pairs), so the noise within a pair matters as much as the spread of the runs: {@link #paired} draws it from A/A
 * pairs, {@link #of} assumes pairs share nothing.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class PowerSimulation {
    private static final int RESAMPLES = 200;

    private PowerSimulation() {
    }

    /**
     * The simulated power and the mean number of runs a side a decision took.
     *
     * @param power fraction of trials that decided WORSE
     * @param meanRunsPerSide runs a side the trials used, on average (a sequential plan stops early when decided)
     * @param trials how many trials the estimate is from
     */
    public record Estimate(double power, double meanRunsPerSide, int trials) {
        public Estimate {
            if (!(power >= 0 && power <= 1) || !(meanRunsPerSide > 0) || trials < 1) {
                throw new IllegalArgumentException("power in [0, 1], positive runs and trials, got " + power + ", "
                        + meanRunsPerSide + ", " + trials);
            }
        }
    }

    /**
     * Simulates {@code trials} decisions on a candidate {@code effect} slower than runs like {@code measured}, both
     * sides drawn independently from the runs: pairs that share nothing (what a paired look gains is then nothing).
     *
     * @param measured per-run throughputs of one program (higher is better), at least 3, all positive
     * @param effect the slowdown to detect, a fraction in (0, 1), e.g. {@code 0.05}
     * @param plan the looks the decision takes, each with the test {@link SequentialPlan#compare} gives it
     * @param overall the overall confidence and minimum effect (the per-look confidence is the plan's)
     */
    public static Estimate of(double[] measured, double effect, SequentialPlan plan, ComparisonSettings overall,
            int trials, long seed) {
        Smoothed runs = new Smoothed(logs(measured));
        return simulate(effect, plan, overall, trials, seed, (random, candidate, reference) -> {
            for (int i = 0; i < candidate.length; i++) {
                candidate[i] = Math.exp(runs.draw(random)) * (1 - effect);
                reference[i] = Math.exp(runs.draw(random));
            }
        });
    }

    /**
     * Simulates {@code trials} decisions on a candidate {@code effect} slower, whose runs are interleaved pairs with
     * the reference's: the reference's run is drawn from {@code measured}, and the candidate's beside it differs by
     * a drawn A/A log ratio (two runs of one program back to back, the noise left within a pair once the drift the
     * pair shares cancels), with a random sign (the evaluation alternates who runs first), and the slowdown.
     *
     * @param measured per-run throughputs, at least 3, all positive
     * @param aaLogRatios {@code log(second / first)} of each A/A pair, at least 3, finite
     * @param effect the slowdown to detect, a fraction in (0, 1)
     * @param plan the looks the decision takes, each with the test {@link SequentialPlan#compare} gives it
     * @param overall the overall confidence and minimum effect
     */
    public static Estimate paired(double[] measured, double[] aaLogRatios, double effect, SequentialPlan plan,
            ComparisonSettings overall, int trials, long seed) {
        if (aaLogRatios.length < 3 || Arrays.stream(aaLogRatios).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("a paired power simulation needs at least 3 finite A/A log ratios, got "
                    + Arrays.toString(aaLogRatios));
        }
        Smoothed runs = new Smoothed(logs(measured));
        double[] symmetric = new double[2 * aaLogRatios.length];
        for (int i = 0; i < aaLogRatios.length; i++) {
            symmetric[2 * i] = aaLogRatios[i];
            symmetric[2 * i + 1] = -aaLogRatios[i];
        }
        Smoothed withinPair = new Smoothed(symmetric);
        return simulate(effect, plan, overall, trials, seed, (random, candidate, reference) -> {
            for (int i = 0; i < candidate.length; i++) {
                double level = runs.draw(random);
                reference[i] = Math.exp(level);
                candidate[i] = Math.exp(level + withinPair.draw(random)) * (1 - effect);
            }
        });
    }

    private interface Draws {
        void fill(Random random, double[] candidate, double[] reference);
    }

    private static double[] logs(double[] measured) {
        if (measured.length < 3 || Arrays.stream(measured).anyMatch(v -> !(v > 0) || !Double.isFinite(v))) {
            throw new IllegalArgumentException("a power simulation needs at least 3 positive runs, got "
                    + Arrays.toString(measured));
        }
        return Arrays.stream(measured).map(Math::log).toArray();
    }

    private static Estimate simulate(double effect, SequentialPlan plan, ComparisonSettings overall, int trials,
            long seed, Draws draws) {
        if (!(effect > 0 && effect < 1)) {
            throw new IllegalArgumentException("the effect is a fraction in (0, 1), e.g. 0.05, but was " + effect);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive, got " + trials);
        }
        ComparisonSettings settings = new ComparisonSettings(overall.confidence(), overall.minEffect(), RESAMPLES, seed);
        plan.perLook(settings); // fails early when the plan can never reach significance
        Random random = new Random(seed);
        int detected = 0;
        long runs = 0;
        double[] candidate = new double[plan.maxRepeats()];
        double[] reference = new double[plan.maxRepeats()];
        for (int t = 0; t < trials; t++) {
            draws.fill(random, candidate, reference);
            int n = plan.initialRepeats();
            while (true) {
                Decision decision = plan.decision(Arrays.copyOf(candidate, n), Arrays.copyOf(reference, n),
                        Direction.HIGHER_IS_BETTER, settings);
                int more = plan.moreRepeats(decision, n);
                if (more == 0) {
                    if (decision == Decision.WORSE) {
                        detected++;
                    }
                    break;
                }
                n += more;
            }
            runs += n;
        }
        return new Estimate((double) detected / trials, (double) runs / trials, trials);
    }

    /**
     * A smoothed bootstrap of log values: a drawn value plus {@code N(0, h)}, {@code h} Silverman's bandwidth, shrunk
     * towards the mean so that the spread stays the measured one.
     */
    private static final class Smoothed {
        private final double[] logs;
        private final double mean;
        private final double bandwidth;
        private final double shrink;

        Smoothed(double[] logs) {
            this.logs = logs;
            this.mean = Arrays.stream(logs).average().orElseThrow();
            this.bandwidth = bandwidth(logs);
            double sd = sd(logs);
            this.shrink = sd > 0 ? 1 / Math.sqrt(1 + bandwidth * bandwidth / (sd * sd)) : 1;
        }

        double draw(Random random) {
            double log = logs[random.nextInt(logs.length)];
            return mean + (log - mean + bandwidth * random.nextGaussian()) * shrink;
        }
    }

    /** The coefficient of variation (sample standard deviation over mean) of per-run values. */
    public static double cv(double[] values) {
        return sd(values) / Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The sample standard deviation. */
    public static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum()
                / Math.max(1, values.length - 1));
    }

    // Silverman's rule of thumb, 0.9 min(sd, IQR / 1.34) n^(-1/5), on the log values.
    static double bandwidth(double[] logs) {
        double sd = sd(logs);
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.pow(logs.length, -0.2);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
