package dev.aiopt.junit.internal.stats;

import java.util.Arrays;
import java.util.Random;

/**
 * How often the candidate-versus-parent decision would catch a candidate that is slower by a known fraction, on
 * runs like those measured: the power, simulated rather than taken from a formula, because the decision is a rank
 * test, a bootstrap interval and a minimum effect together, under a {@link SequentialPlan} with its alpha split
 * over the looks, and because benchmark noise is rarely normal (a run that hits a write stall is far out).
 *
 * <p>Each trial draws both sides from the measured runs by a smoothed bootstrap on the log values (a measured run
 * plus {@code N(0, h)}, {@code h} Silverman's bandwidth, shrunk towards the mean so that the spread stays the
 * measured one; a handful of runs then gives no artificial ties), scales the candidate's draws by {@code 1 - effect}, and runs the plan's looks exactly as the
 * evaluation does: {@code initialRepeats} a side, then batches while undecided. A trial detects the slowdown when
 * a look decides {@link Decision#WORSE}.
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
     * Simulates {@code trials} decisions on a candidate {@code effect} slower than runs like {@code measured}.
     *
     * @param measured per-run throughputs of one program (higher is better), at least 3, all positive
     * @param effect the slowdown to detect, a fraction in (0, 1), e.g. {@code 0.05}
     * @param plan the looks the decision takes
     * @param overall the overall confidence and minimum effect (the per-look confidence is the plan's)
     */
    public static Estimate of(double[] measured, double effect, SequentialPlan plan, ComparisonSettings overall,
            int trials, long seed) {
        if (measured.length < 3 || Arrays.stream(measured).anyMatch(v -> !(v > 0) || !Double.isFinite(v))) {
            throw new IllegalArgumentException("a power simulation needs at least 3 positive runs, got "
                    + Arrays.toString(measured));
        }
        if (!(effect > 0 && effect < 1)) {
            throw new IllegalArgumentException("the effect is a fraction in (0, 1), e.g. 0.05, but was " + effect);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive, got " + trials);
        }
        double[] logs = Arrays.stream(measured).map(Math::log).toArray();
        double bandwidth = bandwidth(logs);
        double mean = Arrays.stream(logs).average().orElseThrow();
        double sd = sd(logs);
        double shrink = sd > 0 ? 1 / Math.sqrt(1 + bandwidth * bandwidth / (sd * sd)) : 1;
        ComparisonSettings perLook = plan.perLook(new ComparisonSettings(overall.confidence(), overall.minEffect(),
                RESAMPLES, seed));
        Random random = new Random(seed);
        int detected = 0;
        long runs = 0;
        for (int t = 0; t < trials; t++) {
            double[] candidate = new double[plan.maxRepeats()];
            double[] reference = new double[plan.maxRepeats()];
            for (int i = 0; i < plan.maxRepeats(); i++) {
                candidate[i] = draw(logs, mean, bandwidth, shrink, random) * (1 - effect);
                reference[i] = draw(logs, mean, bandwidth, shrink, random);
            }
            int n = plan.initialRepeats();
            while (true) {
                Decision decision = Comparison.decision(Arrays.copyOf(candidate, n), Arrays.copyOf(reference, n),
                        Direction.HIGHER_IS_BETTER, perLook);
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

    /** The coefficient of variation (sample standard deviation over mean) of per-run values. */
    public static double cv(double[] values) {
        return sd(values) / Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double draw(double[] logs, double mean, double bandwidth, double shrink, Random random) {
        double log = logs[random.nextInt(logs.length)];
        return Math.exp(mean + (log - mean + bandwidth * random.nextGaussian()) * shrink);
    }

    private static double sd(double[] values) {
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
