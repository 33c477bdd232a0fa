package dev.aiopt.examples;

import dev.aiopt.junit.internal.stats.GateSettings;
import dev.aiopt.junit.internal.stats.GateVerdict;
import dev.aiopt.junit.internal.stats.GateLooks;
import dev.aiopt.junit.internal.stats.GateRuns;
import dev.aiopt.junit.internal.stats.Samples;
import dev.aiopt.junit.internal.stats.SequentialGate;
import dev.aiopt.junit.internal.stats.TailRuns;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The arithmetic of {@link GateCampaign}: Clopper-Pearson intervals of a rate, the run-to-run noise measured in
 * the A/A gates, and the gate simulated under that noise so the live rates can be read beside the simulated ones.
 */
final class CampaignFigures {

    private CampaignFigures() {
    }

    /** Exact (Clopper-Pearson) two-sided 95% interval of {@code events / trials}, as {low, high}. */
    static double[] clopperPearson(int events, int trials) {
        double low = events == 0 ? 0 : BetaDistribution.of(events, trials - events + 1).inverseCumulativeProbability(0.025);
        double high = events == trials ? 1
                : BetaDistribution.of(events + 1, trials - events).inverseCumulativeProbability(0.975);
        return new double[] {low, high};
    }

    /** E.g. {@code 1/40 = 2.5% [0.1%, 13.2%]}. */
    static String rate(int events, int trials) {
        if (trials == 0) {
            return "no trials";
        }
        double[] interval = clopperPearson(events, trials);
        return String.format(java.util.Locale.ROOT, "%d/%d = %.1f%% [%.1f%%, %.1f%%]", events, trials,
                100.0 * events / trials, interval[0] * 100, interval[1] * 100);
    }

    /**
     * Run-to-run noise of the A/A gates, split the way interleaved runs see it: a machine state the two runs of a
     * pair share (slow drift; an AR(1) walk from pair to pair) and per-run noise of each run.
     *
     * <p>Estimated from the A/A verdicts' runs, within each gate (each side about its own mean, as {@code Noise.of}
     * always did): the total sd of log values per side; the per-run sd from the per-pair log ratios
     * ({@code var(log c_i - log r_i) = 2 runSigma^2}); the shared part within a gate as the rest; the persistence
     * from the lag-1 autocorrelation of the pair means, after the per-run part of their variance
     * ({@code runSigma^2 / 2}) is taken out, with Kendall's small-sample correction {@code (n r + 1) / (n - 3)},
     * clamped to [0, 0.95]; and the shared state's stationary sd scaled up
     * so that over a gate's pairs it varies as much as measured. Throughput and p99 share one persistence and one
     * correlation (that of the total noise).
     *
     * @param throughputSigma total sd of log(ops/sec) within a gate
     * @param p99Sigma total sd of log(p99) within a gate
     * @param correlation correlation of the two
     * @param throughputRunSigma per-run sd of log(ops/sec)
     * @param p99RunSigma per-run sd of log(p99)
     * @param persistence AR(1) coefficient of the shared state from one pair to the next
     * @param pairs pairs a side in the measured gates (the shared state's within-gate share is computed over them)
     */
    record Noise(double throughputSigma, double p99Sigma, double correlation, double throughputRunSigma,
            double p99RunSigma, double persistence, int pairs) {

        static Noise of(List<GateVerdict> aa) {
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            int df = 0;
            double dxx = 0;
            double dyy = 0;
            int pairDf = 0;
            double lag = 0;
            double pairSquares = 0;
            int pairCount = 0;
            int pairsTotal = 0;
            for (GateVerdict verdict : aa) {
                for (boolean candidate : new boolean[] {true, false}) {
                    List<Double> ops = candidate ? verdict.throughputRuns().candidate() : verdict.throughputRuns().reference();
                    List<Double> p99 = candidate ? verdict.p99Runs().candidate() : verdict.p99Runs().reference();
                    double mx = ops.stream().mapToDouble(Math::log).average().orElseThrow();
                    double my = p99.stream().mapToDouble(Math::log).average().orElseThrow();
                    for (int i = 0; i < ops.size(); i++) {
                        double dx = Math.log(ops.get(i)) - mx;
                        double dy = Math.log(p99.get(i)) - my;
                        sxx += dx * dx;
                        syy += dy * dy;
                        sxy += dx * dy;
                    }
                    df += ops.size() - 1;
                }
                double[] opsRatios = logRatios(verdict.throughputRuns().candidate(), verdict.throughputRuns().reference());
                double[] p99Ratios = logRatios(verdict.p99Runs().candidate(), verdict.p99Runs().reference());
                dxx += squares(opsRatios);
                dyy += squares(p99Ratios);
                pairDf += opsRatios.length - 1;
                double[] means = pairMeans(verdict.throughputRuns().candidate(), verdict.throughputRuns().reference());
                double mean = Arrays.stream(means).average().orElseThrow();
                for (int i = 0; i < means.length; i++) {
                    pairSquares += (means[i] - mean) * (means[i] - mean);
                    lag += i + 1 < means.length ? (means[i] - mean) * (means[i + 1] - mean) : 0;
                }
                pairCount += means.length - 1;
                pairsTotal += means.length;
            }
            double throughputSigma = Math.sqrt(sxx / df);
            double p99Sigma = Math.sqrt(syy / df);
            double throughputRun = Math.min(throughputSigma, Math.sqrt(dxx / pairDf / 2));
            double p99Run = Math.min(p99Sigma, Math.sqrt(dyy / pairDf / 2));
            double sharedOfMeans = pairSquares / pairCount - throughputRun * throughputRun / 2;
            double raw = sharedOfMeans > 0 ? lag / pairCount / sharedOfMeans : 0;
            // Kendall's correction of the lag-1 autocorrelation's small-sample bias, about -(1 + 3 phi) / n.
            double n = (double) pairsTotal / aa.size();
            double persistence = Math.max(0, Math.min(0.95, (n * raw + 1) / (n - 3)));
            return new Noise(throughputSigma, p99Sigma,
                    sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0, throughputRun, p99Run, persistence,
                    Math.max(2, Math.round((float) pairsTotal / aa.size())));
        }

        /** Stationary sd of the shared log-throughput state. */
        double throughputSharedSigma() {
            return shared(throughputSigma, throughputRunSigma);
        }

        /** Stationary sd of the shared log-p99 state. */
        double p99SharedSigma() {
            return shared(p99Sigma, p99RunSigma);
        }

        private double shared(double total, double run) {
            return Math.sqrt(Math.max(0, total * total - run * run) / withinShare(persistence, pairs));
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "ops/sec CV %.1f%% (per run %.1f%%, shared by a pair %.1f%%),"
                            + " p99 CV %.1f%% (per run %.1f%%), corr %.2f, drift AR(1) %.2f over %d pairs",
                    cv(throughputSigma) * 100, cv(throughputRunSigma) * 100,
                    cv(Math.sqrt(Math.max(0, throughputSigma * throughputSigma - throughputRunSigma * throughputRunSigma)))
                            * 100, cv(p99Sigma) * 100, cv(p99RunSigma) * 100, correlation, persistence, pairs);
        }

        private static double cv(double sigma) {
            return Math.sqrt(Math.expm1(sigma * sigma));
        }
    }

    /** Expected sample variance of {@code n} consecutive AR(1) states over their stationary variance. */
    static double withinShare(double persistence, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += Math.pow(persistence, Math.abs(i - j));
            }
        }
        return (n - sum / n) / (n - 1);
    }

    private static double[] logRatios(List<Double> candidate, List<Double> reference) {
        if (candidate.size() != reference.size()) {
            throw new IllegalArgumentException("the A/A gates' runs must be interleaved pairs (same-run mode), got "
                    + candidate.size() + " and " + reference.size() + " runs");
        }
        double[] ratios = new double[candidate.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = Math.log(candidate.get(i) / reference.get(i));
        }
        return ratios;
    }

    private static double[] pairMeans(List<Double> candidate, List<Double> reference) {
        double[] means = new double[candidate.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = (Math.log(candidate.get(i)) + Math.log(reference.get(i))) / 2;
        }
        return means;
    }

    private static double squares(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    }

    /**
     * Share of simulated gates that fail on a drifting machine with the measured noise ({@link Noise}: a state the
     * two runs of a pair share, walking from pair to pair, plus per-run noise), the candidate's true throughput
     * multiplied by {@code throughputEffect} and p99 by {@code p99Effect}: the gate's own sequential rule on
     * interleaved pairs (the paired test, as the live same-run gate), {@code settings.repeats()} runs a side a look,
     * more while undecided, up to {@code maxRepeats}.
     */
    static int simulatedFailures(Noise noise, GateSettings settings, int maxRepeats, double throughputEffect,
            double p99Effect, int trials, long seed) {
        Random random = new Random(seed);
        double innovation = Math.sqrt(1 - noise.persistence() * noise.persistence());
        int fails = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] ct = new double[maxRepeats];
            double[] rt = new double[maxRepeats];
            double[] cp = new double[maxRepeats];
            double[] rp = new double[maxRepeats];
            double[] state = draw(noise.correlation(), random);
            for (int i = 0; i < maxRepeats; i++) {
                if (i > 0) {
                    double[] z = draw(noise.correlation(), random);
                    state[0] = noise.persistence() * state[0] + innovation * z[0];
                    state[1] = noise.persistence() * state[1] + innovation * z[1];
                }
                double sharedT = noise.throughputSharedSigma() * state[0];
                double sharedP = noise.p99SharedSigma() * state[1];
                double[] c = draw(noise.correlation(), random);
                double[] r = draw(noise.correlation(), random);
                ct[i] = 100_000 * throughputEffect * Math.exp(sharedT + noise.throughputRunSigma() * c[0]);
                cp[i] = 25 * p99Effect * Math.exp(sharedP + noise.p99RunSigma() * c[1]);
                rt[i] = 100_000 * Math.exp(sharedT + noise.throughputRunSigma() * r[0]);
                rp[i] = 25 * Math.exp(sharedP + noise.p99RunSigma() * r[1]);
            }
            SequentialGate gate = new SequentialGate(settings.withSeed(seed + trial), maxRepeats);
            GateLooks looks = null;
            int runs = settings.repeats();
            while (true) {
                SequentialGate.Look look = gate.look(GateRuns.interleaved(
                        Samples.of(Arrays.copyOf(ct, runs), Arrays.copyOf(rt, runs)),
                        TailRuns.perRun(Samples.of(Arrays.copyOf(cp, runs), Arrays.copyOf(rp, runs)))), looks);
                if (look.done()) {
                    if (!look.verdict().passed()) {
                        fails++;
                    }
                    break;
                }
                looks = look.verdict().looks();
                runs += look.moreRepeats();
            }
        }
        return fails;
    }

    // Two standard normals with the given correlation.
    private static double[] draw(double correlation, Random random) {
        double z1 = random.nextGaussian();
        double rest = Math.sqrt(Math.max(0, 1 - correlation * correlation)); // a fitted correlation may round past -1
        return new double[] {z1, correlation * z1 + rest * random.nextGaussian()};
    }
}
