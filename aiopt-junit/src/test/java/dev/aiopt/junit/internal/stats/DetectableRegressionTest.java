package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The detectable regression is the one the gate's rule catches at the stated power, checked by simulation. */
class DetectableRegressionTest {

    private static final double ALPHA = 0.01;
    private static final double SPREAD = 0.03;

    @Test
    void theRuleCatchesTheDetectableRegressionAtAboutTheStatedPower() {
        for (int runs : new int[] {6, 10, 20, 30}) {
            double shift = DetectableRegression.logShift(SPREAD, runs, runs, ALPHA, 0.8);

            assertThat(power(runs, shift, 1200, 31L)).as("power at the detectable shift, %d runs", runs)
                    .isBetween(0.72, 0.88);
            assertThat(power(runs, shift / 2, 600, 32L)).as("power at half of it").isLessThan(0.45);
        }
    }

    @Test
    void thePairedRuleCatchesItsDetectableRegressionAtAboutTheStatedPower() {
        for (int pairs : new int[] {10, 20, 30}) {
            double shift = DetectableRegression.pairedLogShift(SPREAD, pairs, ALPHA, 0.8);
            double power = pairedPower(pairs, shift, 500, 33L);
            System.out.printf(java.util.Locale.ROOT, "paired rule at its detectable shift, %d pairs: %.3f%n", pairs, power);

            assertThat(power).as("power at the detectable shift, %d pairs", pairs).isBetween(0.72, 0.92);
            assertThat(pairedPower(pairs, shift / 2, 300, 34L)).as("power at half of it").isLessThan(0.45);
        }
        assertThat(DetectableRegression.pairedLogShift(SPREAD, 7, ALPHA, 0.8)).as("2 / 2^7 > 0.01").isInfinite();
    }

    @Test
    void thePairedRunsForTheLimitAreTheFewestPairsThatDetectIt() {
        double[] reference = {100_000, 103_000, 97_000, 101_500, 98_500, 100_800, 99_200, 102_000, 98_000, 100_000};
        double[] candidate = {99_000, 102_500, 96_800, 100_500, 97_900, 100_300, 99_600, 101_000, 97_200, 99_900};
        DetectableRegression detectable = DetectableRegression.paired(Samples.of(candidate, reference),
                Direction.HIGHER_IS_BETTER, 0.99, ALPHA, 0.8);

        int n = detectable.runsForLimit();
        double limitShift = -Math.log(0.99);
        assertThat(detectable.candidateRuns()).isEqualTo(10);
        assertThat(DetectableRegression.pairedLogShift(detectable.logSpread(), n, ALPHA, 0.8)).isLessThanOrEqualTo(limitShift);
        assertThat(DetectableRegression.pairedLogShift(detectable.logSpread(), n - 1, ALPHA, 0.8)).isGreaterThan(limitShift);
        assertThat(detectable.logSpread()).as("the pairs' shared ups and downs are out of the spread")
                .isLessThan(DetectableRegression.of(Samples.of(candidate, reference), Direction.HIGHER_IS_BETTER, 0.99,
                        ALPHA, 0.8).logSpread() / 3);
    }

    @Test
    void runsForTheLimitAreTheFewestThatDetectIt() {
        double[] reference = {100_000, 103_000, 97_000, 101_500, 98_500, 100_800, 99_200, 102_000, 98_000, 100_000};
        double[] candidate = {99_000, 102_500, 96_800, 100_500, 97_900, 100_300, 99_600, 101_000, 97_200, 99_900};
        DetectableRegression detectable = DetectableRegression.of(Samples.of(candidate, reference),
                Direction.HIGHER_IS_BETTER, 0.99, ALPHA, 0.8);

        int n = detectable.runsForLimit();
        double limitShift = -Math.log(0.99);
        assertThat(detectable.inconclusive()).as("a 1%% limit at ~2%% noise and 10 runs").isTrue();
        assertThat(DetectableRegression.logShift(detectable.logSpread(), n, n, ALPHA, 0.8)).isLessThanOrEqualTo(limitShift);
        assertThat(DetectableRegression.logShift(detectable.logSpread(), n - 1, n - 1, ALPHA, 0.8)).isGreaterThan(limitShift);
        assertThat(detectable.summary()).startsWith("could detect -").contains("at 80% power (limit -1.0%: INCONCLUSIVE, "
                + n + " runs a side would detect it)");
    }

    @Test
    void theSpreadIsTheRunToRunNoiseNotTheDifferenceBetweenTheSides() {
        double[] reference = {100, 102, 98, 101, 99};
        double[] candidate = {50, 51, 49, 50.5, 49.5}; // half as fast, same relative spread

        assertThat(DetectableRegression.pooledLogSpread(candidate, reference))
                .isCloseTo(DetectableRegression.pooledLogSpread(reference, reference), within(1e-12));
    }

    @Test
    void tooFewRunsForTheTestDetectNothing() {
        DetectableRegression detectable = DetectableRegression.of(Samples.of(new double[] {10, 11, 12},
                new double[] {10, 11, 12}), Direction.LOWER_IS_BETTER, 1.05, ALPHA, 0.8);

        assertThat(detectable.ratio()).isInfinite();
        assertThat(detectable.inconclusive()).isTrue();
        assertThat(detectable.change()).startsWith("none (too few runs");
    }

    @Test
    void aLimitOfOneIsNeverDetectable() {
        DetectableRegression detectable = DetectableRegression.of(Samples.of(new double[] {10, 11, 12, 10, 11, 12},
                new double[] {10, 11, 12, 10, 11, 12}), Direction.HIGHER_IS_BETTER, 1.0, ALPHA, 0.8);

        assertThat(detectable.runsForLimit()).isEqualTo(DetectableRegression.NEVER);
        assertThat(detectable.summary()).contains("no run count up to 100000 would detect it");
    }

    /** Share of trials in which the gate's per-metric rule calls a log-normal throughput drop WORSE. */
    private static double power(int runs, double shift, int trials, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        ComparisonSettings settings = GateSettings.defaults().perMetric(1L);
        int worse = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] candidate = new double[runs];
            double[] reference = new double[runs];
            for (int i = 0; i < runs; i++) {
                reference[i] = 1000 * Math.exp(SPREAD * gaussian.sample());
                candidate[i] = 1000 * Math.exp(-shift + SPREAD * gaussian.sample());
            }
            if (Comparison.decision(candidate, reference, Direction.HIGHER_IS_BETTER, settings) == Decision.WORSE) {
                worse++;
            }
        }
        return (double) worse / trials;
    }

    // Pairs whose log ratios have sd SPREAD, shifted by -shift, decided by the paired rule at the gate's per-metric alpha.
    private static double pairedPower(int pairs, double shift, int trials, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        ComparisonSettings settings = new ComparisonSettings(1 - ALPHA, 0.0, 1000, 1L);
        int worse = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] candidate = new double[pairs];
            double[] reference = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                double drift = 0.1 * gaussian.sample(); // shared by the pair: must not matter
                reference[i] = 1000 * Math.exp(drift);
                candidate[i] = 1000 * Math.exp(drift - shift + SPREAD * gaussian.sample());
            }
            if (PairedComparison.decision(Samples.of(candidate, reference), Direction.HIGHER_IS_BETTER, settings)
                    == Decision.WORSE) {
                worse++;
            }
        }
        return (double) worse / trials;
    }
}
