package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The paired comparison of interleaved runs on hand data: shifts found, drift cancelled, exact test, reproducible. */
class PairedComparisonTest {

    private static final ComparisonSettings GATE = new ComparisonSettings(0.99, 0.0, 2000, 1L);
    // A machine that drifts slowly: pair i runs at this speed, both of its runs alike (a 30% swing over the job).
    private static final double[] DRIFT = {1.00, 1.04, 1.09, 1.13, 1.15, 1.12, 1.06, 0.99, 0.93, 0.88, 0.86, 0.89,
            0.95, 1.01, 1.07, 1.11, 1.10, 1.05, 0.98, 0.92};
    // Per-run noise of about 0.5%, different for the two runs of a pair.
    private static final double[] NOISE_A = {1.003, 0.996, 1.005, 0.999, 0.994, 1.004, 1.001, 0.997, 1.006, 0.998,
            1.002, 0.995, 1.004, 1.000, 0.997, 1.005, 0.996, 1.003, 0.999, 1.001};
    private static final double[] NOISE_B = {0.998, 1.004, 0.997, 1.003, 1.001, 0.995, 1.006, 1.002, 0.996, 1.004,
            0.999, 1.005, 0.997, 1.002, 1.004, 0.996, 1.003, 0.998, 1.005, 0.997};

    @Test
    void aKnownShiftUnderDriftIsFoundWorseWithItsRatio() {
        double[] reference = runs(100_000, NOISE_B);
        double[] candidate = Arrays.stream(runs(100_000, NOISE_A)).map(v -> v * 0.95).toArray();

        Comparison paired = PairedComparison.of(Samples.of(candidate, reference), Direction.HIGHER_IS_BETTER, GATE);

        assertThat(paired.decision()).isEqualTo(Decision.WORSE);
        assertThat(paired.ratio()).isCloseTo(0.95, within(0.005));
        assertThat(paired.low()).isLessThan(paired.ratio()).isGreaterThan(0.94);
        assertThat(paired.high()).isGreaterThan(paired.ratio()).isLessThan(1.0);
        assertThat(paired.pValue()).as("all 20 pairs slower (two of them tied): the exact floor 2 / 2^20")
                .isCloseTo(PairedComparison.smallestPValue(20), within(1e-15));
        assertThat(paired.candidateRuns()).isEqualTo(20);
        // The unpaired test sees the drift's 30% swing as noise and cannot tell the 5% apart from it.
        assertThat(Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, GATE).decision())
                .isEqualTo(Decision.NO_DIFFERENCE);
    }

    @Test
    void identicalRunsGiveRatioOneAndNoDifference() {
        double[] runs = runs(100_000, NOISE_A);

        Comparison same = PairedComparison.of(Samples.of(runs, runs.clone()), Direction.HIGHER_IS_BETTER, GATE);

        assertThat(same.ratio()).isEqualTo(1.0);
        assertThat(same.low()).isEqualTo(1.0);
        assertThat(same.high()).isEqualTo(1.0);
        assertThat(same.pValue()).isEqualTo(1.0);
        assertThat(same.decision()).isEqualTo(Decision.NO_DIFFERENCE);
    }

    @Test
    void driftMovingBothSidesAlikeLeavesThePairedTestUndecidedWhileItInflatesTheUnpairedSpread() {
        double[] reference = runs(100_000, NOISE_B);
        double[] candidate = runs(100_000, NOISE_A);
        Samples pairs = Samples.of(candidate, reference);

        Comparison paired = PairedComparison.of(pairs, Direction.HIGHER_IS_BETTER, GATE);
        Comparison unpaired = Comparison.of(pairs, Direction.HIGHER_IS_BETTER, GATE);

        assertThat(paired.decision()).isEqualTo(Decision.NO_DIFFERENCE);
        assertThat(paired.high() / paired.low()).as("paired interval: the per-run noise only").isLessThan(1.01);
        assertThat(unpaired.high() / unpaired.low()).as("unpaired interval: the drift as well").isGreaterThan(1.08);
        double pairedSpread = DetectableRegression.paired(pairs, Direction.HIGHER_IS_BETTER, 0.97, 0.01, 0.8).logSpread();
        double unpairedSpread = DetectableRegression.of(pairs, Direction.HIGHER_IS_BETTER, 0.97, 0.01, 0.8).logSpread();
        assertThat(pairedSpread).isLessThan(0.01);
        assertThat(unpairedSpread).isGreaterThan(0.08);
    }

    @Test
    void theEstimateIsHodgesLehmannNotTheMedian() {
        // Walsh averages of {0, 1, 5}: 0, 0.5, 1, 2.5, 3, 5 -> median 1.75; the plain median would be 1.
        assertThat(PairedComparison.hodgesLehmann(new double[] {0, 1, 5})).isEqualTo(1.75);
        double[] reference = {100, 100, 100};
        double[] candidate = {100, 100 * Math.exp(1), 100 * Math.exp(5)};
        assertThat(PairedComparison.logRatios(Samples.of(candidate, reference)))
                .containsExactly(new double[] {0, 1, 5}, within(1e-12));
    }

    @Test
    void thePValueIsTheExactSignedRankTest() {
        // n = 5, signed ranks +1 +2 +3 +4 -5: W- = 5; 10 of the 32 sign patterns have W- <= 5, two-sided 20 / 32
        assertThat(PairedComparison.pValue(new double[] {0.01, 0.02, 0.03, 0.04, -0.05})).isCloseTo(0.625, within(1e-12));
        assertThat(PairedComparison.pValue(new double[] {0.01, 0.02, 0.03, 0.04, 0.05})).isCloseTo(2.0 / 32, within(1e-12));
        assertThat(PairedComparison.smallestPValue(8)).isEqualTo(2.0 / 256);
        // ties, as rounded figures give: midranks 1.5 1.5 3 4 5; W- = 1.5, and 3 of 32 sign patterns have W- <= 1.5
        assertThat(PairedComparison.pValue(new double[] {0.01, -0.01, 0.03, 0.04, 0.05})).isCloseTo(6.0 / 32, within(1e-12));
        // a zero ratio is dropped: four pairs left, all slower
        assertThat(PairedComparison.pValue(new double[] {0, 0.02, 0.03, 0.04, 0.05})).isCloseTo(2.0 / 16, within(1e-12));
        double[] fifty = new double[50];
        java.util.Arrays.setAll(fifty, i -> (i % 7 == 0 ? -1 : 1) * (i + 1) / 1000.0);
        assertThat(PairedComparison.pValue(fifty)).as("from 50 pairs: the normal approximation")
                .isCloseTo(org.apache.commons.statistics.inference.WilcoxonSignedRankTest.withDefaults().test(fifty)
                        .getPValue(), within(1e-15));
        assertThat(PairedComparison.smallestPValue(1)).isEqualTo(1.0);
    }

    @Test
    void theSparingDecisionAgreesWithTheFullComparisonAndTheSeedReproducesTheInterval() {
        double[] reference = runs(100_000, NOISE_B);
        for (double effect : new double[] {0.95, 0.99, 0.998, 1.0, 1.02}) {
            double[] candidate = Arrays.stream(runs(100_000, NOISE_A)).map(v -> v * effect).toArray();
            Samples pairs = Samples.of(candidate, reference);
            assertThat(PairedComparison.decision(pairs, Direction.HIGHER_IS_BETTER, GATE)).as("effect %s", effect)
                    .isEqualTo(PairedComparison.of(pairs, Direction.HIGHER_IS_BETTER, GATE).decision());
        }
        Samples pairs = Samples.of(runs(100_000, NOISE_A), reference);
        Comparison once = PairedComparison.of(pairs, Direction.LOWER_IS_BETTER, GATE);
        assertThat(PairedComparison.of(pairs, Direction.LOWER_IS_BETTER, GATE)).isEqualTo(once);
        assertThat(PairedComparison.of(pairs, Direction.LOWER_IS_BETTER, GATE.withSeed(2)).low()).isNotEqualTo(once.low());
    }

    @Test
    void unequalRunCountsAreNotPairs() {
        assertThatThrownBy(() -> PairedComparison.of(Samples.of(new double[] {1, 2, 3}, new double[] {1, 2}),
                Direction.HIGHER_IS_BETTER, GATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paired runs need as many candidate as reference runs, got 3 and 2");
        assertThatThrownBy(() -> GateRuns.interleaved(Samples.of(new double[] {1, 2, 3}, new double[] {1, 2}),
                TailRuns.none())).hasMessageContaining("interleaved pairs need as many candidate as reference runs");
    }

    private static double[] runs(double base, double[] noise) {
        double[] runs = new double[DRIFT.length];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = base * DRIFT[i] * noise[i];
        }
        return runs;
    }
}
