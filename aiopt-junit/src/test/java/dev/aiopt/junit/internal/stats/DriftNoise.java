package dev.aiopt.junit.internal.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Noise of interleaved runs on a drifting machine: a machine state shared by the two runs of a pair, an AR(1)
 * walk over the pairs (slow drift: frequency, thermals, neighbours), plus independent per-run noise; throughput
 * and p99 move oppositely with correlation {@code correlation} in both parts.
 *
 * @param sharedSigma stationary sd of the shared log state
 * @param persistence AR(1) coefficient of the state from one pair to the next, in [0, 1)
 * @param runSigma sd of the per-run log throughput noise
 * @param p99Scale sd of log p99 relative to that of log throughput, in both parts
 * @param correlation correlation of the log throughput and log p99 noise
 */
record DriftNoise(double sharedSigma, double persistence, double runSigma, double p99Scale, double correlation) {

    /**
     * The noise measured on the embedded writebench: within a gate of {@code pairs} pairs, total CV {@code cv} per
     * side, of which the shared part makes the unpaired standard error {@code unpairedOverPaired} times the paired
     * one. A persistent state varies less within a gate than overall, so its stationary sd is scaled up to match.
     */
    static DriftNoise measured(double cv, double unpairedOverPaired, double persistence, int pairs) {
        double total = NoiseModel.sigma(cv);
        double run = total / unpairedOverPaired;
        double withinGate = total * total - run * run;
        return new DriftNoise(Math.sqrt(withinGate / withinShare(persistence, pairs)), persistence, run, 2.0, -0.8);
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

    /** Total sd of one run's log throughput within a gate of {@code pairs} pairs. */
    double totalSigma(int pairs) {
        return Math.sqrt(sharedSigma * sharedSigma * withinShare(persistence, pairs) + runSigma * runSigma);
    }

    /** {@code n} interleaved pairs, the candidate's true throughput times {@code throughputEffect}, p99 times {@code p99Effect}. */
    NoiseModel.Runs simulate(UniformRandomProvider random, int n, double throughputEffect, double p99Effect) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(random);
        double[] ct = new double[n];
        double[] rt = new double[n];
        double[] cp = new double[n];
        double[] rp = new double[n];
        double innovation = Math.sqrt(1 - persistence * persistence);
        double[] state = correlated(gauss);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                double[] z = correlated(gauss);
                state[0] = persistence * state[0] + innovation * z[0];
                state[1] = persistence * state[1] + innovation * z[1];
            }
            double[] c = correlated(gauss);
            double[] r = correlated(gauss);
            ct[i] = NoiseModel.THROUGHPUT * throughputEffect * Math.exp(sharedSigma * state[0] + runSigma * c[0]);
            rt[i] = NoiseModel.THROUGHPUT * Math.exp(sharedSigma * state[0] + runSigma * r[0]);
            cp[i] = NoiseModel.P99 * p99Effect * Math.exp(p99Scale * (sharedSigma * state[1] + runSigma * c[1]));
            rp[i] = NoiseModel.P99 * Math.exp(p99Scale * (sharedSigma * state[1] + runSigma * r[1]));
        }
        return new NoiseModel.Runs(ct, rt, cp, rp);
    }

    private double[] correlated(ZigguratSampler.NormalizedGaussian gauss) {
        double z1 = gauss.sample();
        return new double[] {z1, correlation * z1 + Math.sqrt(1 - correlation * correlation) * gauss.sample()};
    }
}
