package dev.aiopt.junit.internal.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Run-to-run noise of one db_bench run: per-run throughput and p99 are log-normal (or log-Student-t for
 * heavier tails) around the true value, with correlated log noise (a slow run has a high p99), plus
 * optional contention episodes that slow consecutive runs by up to {@code contentionMaxDepth}. Runs are
 * laid out in time slots, interleaved A B A B or, for contrast, all reference runs then all candidate runs.
 *
 * @param name label in the simulation table
 * @param throughputSigma standard deviation of log(ops/sec) between runs
 * @param p99Sigma standard deviation of log(p99) between runs
 * @param correlation correlation of log(ops/sec) and log(p99) noise, usually negative
 * @param tailDof degrees of freedom of the Student-t noise, {@code Double.POSITIVE_INFINITY} for normal
 * @param contentionRate chance per run slot that a contention episode starts
 * @param contentionMeanRuns mean length of an episode in run slots
 * @param contentionMaxDepth largest throughput loss of an episode (depth is uniform in [0, max])
 * @param interleaved true for A B A B, false for all reference runs first
 */
record NoiseModel(
        String name,
        double throughputSigma,
        double p99Sigma,
        double correlation,
        double tailDof,
        double contentionRate,
        double contentionMeanRuns,
        double contentionMaxDepth,
        boolean interleaved) {

    static final double THROUGHPUT = 100_000;
    static final double P99 = 25;

    /** A log-normal model with the given coefficients of variation and no contention. */
    static NoiseModel fromCv(String name, double throughputCv, double p99Cv, double correlation) {
        return new NoiseModel(name, sigma(throughputCv), sigma(p99Cv), correlation, Double.POSITIVE_INFINITY, 0, 1, 0,
                true);
    }

    static double sigma(double cv) {
        return Math.sqrt(Math.log1p(cv * cv));
    }

    static double cv(double sigma) {
        return Math.sqrt(Math.expm1(sigma * sigma));
    }

    NoiseModel withTails(double dof) {
        return new NoiseModel(name, throughputSigma, p99Sigma, correlation, dof, contentionRate, contentionMeanRuns,
                contentionMaxDepth, interleaved);
    }

    NoiseModel withContention(double rate, double meanRuns, double maxDepth) {
        return new NoiseModel(name, throughputSigma, p99Sigma, correlation, tailDof, rate, meanRuns, maxDepth,
                interleaved);
    }

    NoiseModel notInterleaved() {
        return new NoiseModel(name, throughputSigma, p99Sigma, correlation, tailDof, contentionRate, contentionMeanRuns,
                contentionMaxDepth, false);
    }

    NoiseModel named(String newName) {
        return new NoiseModel(newName, throughputSigma, p99Sigma, correlation, tailDof, contentionRate,
                contentionMeanRuns, contentionMaxDepth, interleaved);
    }

    /** Per-run values of both sides; the candidate's true values are the reference's times the effects. */
    Runs simulate(UniformRandomProvider random, int repeats, double throughputEffect, double p99Effect) {
        ContinuousSampler gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        ContinuousSampler chiSquare = Double.isInfinite(tailDof)
                ? null
                : AhrensDieterMarsagliaTsangGammaSampler.of(random, tailDof / 2, 2);
        double[] candidateThroughput = new double[repeats];
        double[] referenceThroughput = new double[repeats];
        double[] candidateP99 = new double[repeats];
        double[] referenceP99 = new double[repeats];
        double depth = 0;
        int episodeLeft = 0;
        for (int slot = 0; slot < 2 * repeats; slot++) {
            if (episodeLeft == 0 && random.nextDouble() < contentionRate) {
                depth = random.nextDouble() * contentionMaxDepth;
                episodeLeft = 1 + geometric(random, contentionMeanRuns - 1);
            }
            double slowdown = episodeLeft > 0 ? 1 - depth : 1;
            if (episodeLeft > 0) {
                episodeLeft--;
            }
            double z1 = gaussian.sample();
            double z2 = correlation * z1 + Math.sqrt(1 - correlation * correlation) * gaussian.sample();
            if (chiSquare != null) {
                // multivariate t scaled to unit variance
                double scale = Math.sqrt((tailDof - 2) / chiSquare.sample());
                z1 *= scale;
                z2 *= scale;
            }
            double throughput = THROUGHPUT * slowdown * Math.exp(throughputSigma * z1);
            double p99 = P99 / slowdown * Math.exp(p99Sigma * z2);
            boolean candidate = interleaved ? slot % 2 == 1 : slot >= repeats;
            int run = interleaved ? slot / 2 : slot % repeats;
            if (candidate) {
                candidateThroughput[run] = throughput * throughputEffect;
                candidateP99[run] = p99 * p99Effect;
            } else {
                referenceThroughput[run] = throughput;
                referenceP99[run] = p99;
            }
        }
        return new Runs(candidateThroughput, referenceThroughput, candidateP99, referenceP99);
    }

    private static int geometric(UniformRandomProvider random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = 1 / (1 + mean);
        return (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }

    String describe() {
        String tails = Double.isInfinite(tailDof) ? "normal" : String.format(java.util.Locale.ROOT, "t(%.0f)", tailDof);
        String contention = contentionRate == 0 ? "none" : String.format(java.util.Locale.ROOT,
                "%.0f%% of runs start one, ~%.0f runs, <=%.0f%%", contentionRate * 100, contentionMeanRuns,
                contentionMaxDepth * 100);
        return String.format(java.util.Locale.ROOT, "ops/sec CV %.1f%%, p99 CV %.1f%%, corr %.2f, tails %s, contention %s, %s",
                cv(throughputSigma) * 100, cv(p99Sigma) * 100, correlation, tails, contention,
                interleaved ? "interleaved A B A B" : "NOT interleaved (A A A B B B)");
    }

    /** Per-run values of one simulated gate job. */
    record Runs(double[] candidateThroughput, double[] referenceThroughput, double[] candidateP99,
            double[] referenceP99) {
    }
}
