package dev.aiopt.examples;

import dev.aiopt.junit.internal.stats.GateSettings;
import dev.aiopt.junit.internal.stats.GateVerdict;
import dev.aiopt.junit.internal.stats.GateLooks;
import dev.aiopt.junit.internal.stats.Samples;
import dev.aiopt.junit.internal.stats.SequentialGate;
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
     * Run-to-run noise of the A/A gates: pooled standard deviations of log throughput and log p99 (each side of
     * each gate about its own mean) and their correlation.
     *
     * @param throughputSigma sd of log(ops/sec)
     * @param p99Sigma sd of log(p99)
     * @param correlation correlation of the two
     */
    record Noise(double throughputSigma, double p99Sigma, double correlation) {

        static Noise of(List<GateVerdict> aa) {
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            int df = 0;
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
            }
            return new Noise(Math.sqrt(sxx / df), Math.sqrt(syy / df), sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0);
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "ops/sec CV %.1f%%, p99 CV %.1f%%, corr %.2f",
                    cv(throughputSigma) * 100, cv(p99Sigma) * 100, correlation);
        }

        private static double cv(double sigma) {
            return Math.sqrt(Math.expm1(sigma * sigma));
        }
    }

    /**
     * Share of simulated gates that fail under log-normal noise with the measured spreads, the candidate's true
     * throughput multiplied by {@code throughputEffect} and p99 by {@code p99Effect}: the gate's own sequential
     * rule, {@code settings.repeats()} runs a side a look, more while undecided, up to {@code maxRepeats}.
     */
    static int simulatedFailures(Noise noise, GateSettings settings, int maxRepeats, double throughputEffect,
            double p99Effect, int trials, long seed) {
        Random random = new Random(seed);
        int fails = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] ct = new double[maxRepeats];
            double[] rt = new double[maxRepeats];
            double[] cp = new double[maxRepeats];
            double[] rp = new double[maxRepeats];
            for (int i = 0; i < maxRepeats; i++) {
                double[] c = draw(noise, random);
                double[] r = draw(noise, random);
                ct[i] = 100_000 * throughputEffect * Math.exp(c[0]);
                cp[i] = 25 * p99Effect * Math.exp(c[1]);
                rt[i] = 100_000 * Math.exp(r[0]);
                rp[i] = 25 * Math.exp(r[1]);
            }
            SequentialGate gate = new SequentialGate(settings.withSeed(seed + trial), maxRepeats);
            GateLooks looks = null;
            int runs = settings.repeats();
            while (true) {
                SequentialGate.Look look = gate.look(Samples.of(Arrays.copyOf(ct, runs), Arrays.copyOf(rt, runs)),
                        Samples.of(Arrays.copyOf(cp, runs), Arrays.copyOf(rp, runs)), looks);
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

    private static double[] draw(Noise noise, Random random) {
        double z1 = random.nextGaussian();
        double z2 = noise.correlation() * z1 + Math.sqrt(1 - noise.correlation() * noise.correlation()) * random.nextGaussian();
        return new double[] {noise.throughputSigma() * z1, noise.p99Sigma() * z2};
    }
}
