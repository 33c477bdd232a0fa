package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The paired sequential gate on a drifting machine (the embedded writebench's measured noise: total CV 7%, the
 * unpaired standard error 2.3 times the paired one, drift persistence 0.5 from pair to pair, over 20 pairs): its A/A false
 * alarms stay within the gate's alpha, and it catches a 10% throughput drop far more often than the unpaired gate
 * on the same runs. Prints the rates (the README's simulated paired figures).
 */
class PairedGateSimulationTest {

    private static final SequentialGate THREE_LOOKS = new SequentialGate(GateSettings.defaults(), 30);
    private static final SequentialGate ONE_LOOK = SequentialGate.once(GateSettings.defaults());
    private static final DriftNoise WRITEBENCH = DriftNoise.measured(0.07, 2.3, 0.5, 20);

    @Test
    void pairedFalseAlarmsOverAllLooksStayWithinTheGatesAlpha() {
        int trials = 2000;
        int fails = failures(Pairing.INTERLEAVED_PAIRS, WRITEBENCH, 1.0, trials, 51L, THREE_LOOKS, 30);

        double margin = 2.326 * Math.sqrt(0.01 * 0.99 / trials); // one-sided 99% binomial margin
        System.out.printf(Locale.ROOT, "paired sequential gate, A/A, %s: %d/%d false alarms%n", describe(), fails, trials);
        assertThat((double) fails / trials).isLessThanOrEqualTo(0.01 + margin);
    }

    @Test
    void pairedGateCatchesATenPercentDropFarMoreOftenThanTheUnpairedOne() {
        int trials = 400;
        // One look of 10 pairs (the campaign's one-look gate): where the unpaired test runs out of power.
        int paired = failures(Pairing.INTERLEAVED_PAIRS, WRITEBENCH, 1 / 1.10, trials, 52L, ONE_LOOK, 10);
        int unpaired = failures(Pairing.INDEPENDENT, WRITEBENCH, 1 / 1.10, trials, 52L, ONE_LOOK, 10);
        // Three looks up to 30 pairs: both get there, the paired one more often at the first look.
        int pairedThree = failures(Pairing.INTERLEAVED_PAIRS, WRITEBENCH, 1 / 1.10, trials, 54L, THREE_LOOKS, 30);
        int unpairedThree = failures(Pairing.INDEPENDENT, WRITEBENCH, 1 / 1.10, trials, 54L, THREE_LOOKS, 30);

        System.out.printf(Locale.ROOT, "gate, -10%% throughput (+10%% p99), %s: one look of 10: paired %d/%d, unpaired"
                + " %d/%d; three looks up to 30: paired %d/%d, unpaired %d/%d%n", describe(), paired, trials, unpaired,
                trials, pairedThree, trials, unpairedThree, trials);
        assertThat(paired).as("paired detections at one look").isGreaterThan(unpaired + trials / 5);
        assertThat((double) paired / trials).isGreaterThanOrEqualTo(0.9);
        assertThat(pairedThree).isGreaterThanOrEqualTo(unpairedThree);
    }

    @Test
    void withoutDriftPairingCostsLittle() {
        DriftNoise quiet = new DriftNoise(0, 0, NoiseModel.sigma(0.05), 2.0, -0.8);
        int trials = 400;
        int paired = failures(Pairing.INTERLEAVED_PAIRS, quiet, 1 / 1.05, trials, 53L, THREE_LOOKS, 30);
        int unpaired = failures(Pairing.INDEPENDENT, quiet, 1 / 1.05, trials, 53L, THREE_LOOKS, 30);

        System.out.printf(Locale.ROOT, "sequential gate, -5%% throughput, 5%% CV, no drift: paired %d/%d, unpaired %d/%d%n",
                paired, trials, unpaired, trials);
        assertThat(paired).isGreaterThan(unpaired - trials / 10);
    }

    // The gate's own sequential rule (looks every 10 runs up to the cap, alpha 0.01 split over the looks), with the
    // sparing failure check: stop at a failure, or at a look where no metric is inconclusive.
    private static int failures(Pairing pairing, DriftNoise noise, double throughputEffect, int trials, long seed,
            SequentialGate gate, int maxRuns) {
        GateSettings perLook = gate.perLook();
        double alpha = 1 - perLook.confidence();
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int fails = 0;
        for (int trial = 0; trial < trials; trial++) {
            NoiseModel.Runs all = noise.simulate(random, maxRuns, throughputEffect, 1 / throughputEffect);
            for (int n = 10; n <= maxRuns; n += 10) {
                Samples throughput = Samples.of(Arrays.copyOf(all.candidateThroughput(), n),
                        Arrays.copyOf(all.referenceThroughput(), n));
                Samples p99 = Samples.of(Arrays.copyOf(all.candidateP99(), n), Arrays.copyOf(all.referenceP99(), n));
                GateRuns runs = new GateRuns(throughput, TailRuns.perRun(p99), pairing);
                if (RegressionGate.fails(runs, perLook)) {
                    fails++;
                    break;
                }
                if (!inconclusive(throughput, Direction.HIGHER_IS_BETTER, perLook.minThroughputRatio(), alpha, pairing)
                        && !inconclusive(p99, Direction.LOWER_IS_BETTER, perLook.maxP99Ratio(), alpha, pairing)) {
                    break;
                }
            }
        }
        return fails;
    }

    private static boolean inconclusive(Samples runs, Direction direction, double limit, double alpha, Pairing pairing) {
        return (pairing == Pairing.INTERLEAVED_PAIRS ? DetectableRegression.paired(runs, direction, limit, alpha, 0.8)
                : DetectableRegression.of(runs, direction, limit, alpha, 0.8)).inconclusive();
    }

    private static String describe() {
        return String.format(Locale.ROOT, "total CV %.1f%% over 20 pairs (shared drift sd %.3f, AR(1) %.1f; per-run sd %.3f)",
                NoiseModel.cv(WRITEBENCH.totalSigma(20)) * 100, WRITEBENCH.sharedSigma(), WRITEBENCH.persistence(),
                WRITEBENCH.runSigma());
    }
}
