package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

    private static final GateSettings DEFAULTS = GateSettings.defaults();

    @Test
    void throughputRegressionBeyondTheLimitFailsWithRatioIntervalAndRawRuns() {
        double[] referenceOps = {100_000, 101_000, 99_000, 100_500, 99_500, 100_200};
        double[] candidateOps = {90_000, 91_000, 89_000, 90_500, 89_500, 90_200};
        double[] p99 = {25.1, 24.8, 25.3, 25.0, 24.9, 25.2};

        GateVerdict verdict = RegressionGate.evaluate(candidateOps, referenceOps, p99, p99.clone(), DEFAULTS);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.throughputFailed()).isTrue();
        assertThat(verdict.p99Failed()).isFalse();
        assertThat(verdict.throughput().ratio()).isEqualTo(90_100.0 / 100_100.0);
        assertThat(verdict.throughput().decision()).isEqualTo(Decision.WORSE);
        assertThat(verdict.message())
                .startsWith("Regression gate FAILED: throughput regressed beyond the allowed limit\n")
                .contains("  throughput (higher is better), allowed ratio >= 0.97: FAIL, median -10.0%\n")
                .contains("    median ratio 0.9001 [")
                .contains("99% CI, Mann-Whitney p=")
                .contains("runs 6/6: WORSE")
                .contains("    candidate runs: 90000, 91000, 89000, 90500, 89500, 90200\n")
                .contains("    reference runs: 100000, 101000, 99000, 100500, 99500, 100200\n")
                .contains("  p99 (lower is better), allowed ratio <= 1.05: pass, median +0.0%\n")
                .contains("    candidate runs: 25.1, 24.8, 25.3, 25, 24.9, 25.2\n");
    }

    @Test
    void interleavedPairsAreComparedPairedAndTheVerdictNamesTheTest() {
        // A drift of +-8% that both runs of a pair share, and a 5% drop: unpaired it hides, paired it fails.
        double[] drift = {1.00, 1.05, 1.08, 1.03, 0.97, 0.92, 0.94, 0.99, 1.04, 1.07};
        double[] referenceOps = new double[10];
        double[] candidateOps = new double[10];
        double[] p99 = new double[10];
        for (int i = 0; i < 10; i++) {
            referenceOps[i] = 100_000 * drift[i] * (1 + 0.002 * (i % 3 - 1));
            candidateOps[i] = 95_000 * drift[i] * (1 - 0.002 * (i % 2));
            p99[i] = 25 / drift[i];
        }
        Samples throughput = Samples.of(candidateOps, referenceOps);
        Samples p99Runs = Samples.of(p99, p99.clone());

        GateVerdict paired = RegressionGate.evaluate(GateRuns.interleaved(throughput, TailRuns.perRun(p99Runs)), DEFAULTS);
        GateVerdict unpaired = RegressionGate.evaluate(throughput, TailRuns.perRun(p99Runs), DEFAULTS);

        assertThat(paired.pairing()).isEqualTo(Pairing.INTERLEAVED_PAIRS);
        assertThat(paired.throughputFailed()).isTrue();
        assertThat(paired.throughput().ratio()).isCloseTo(0.95, org.assertj.core.api.Assertions.within(0.003));
        assertThat(paired.throughputTest()).isEqualTo("paired: Wilcoxon signed-rank on 10 interleaved pairs, bootstrap"
                + " over pairs of the Hodges-Lehmann ratio");
        assertThat(paired.p99TestDescription()).startsWith("per-run p99, paired: Wilcoxon signed-rank on 10");
        assertThat(paired.message()).contains("throughput (higher is better), allowed ratio >= 0.97: FAIL, paired ratio -5.",
                "    test: paired: Wilcoxon signed-rank on 10 interleaved pairs", "paired signed-rank p=0.00195",
                "two-sided Wilcoxon signed-rank of the per-pair log ratios");
        assertThat(unpaired.pairing()).isEqualTo(Pairing.INDEPENDENT);
        assertThat(unpaired.passed()).as("the drift hides the drop from the unpaired test").isTrue();
        assertThat(unpaired.throughputTest()).isEqualTo("unpaired: Mann-Whitney U on 10/10 runs, bootstrap of the ratio"
                + " of medians");
        assertThat(unpaired.message()).contains("Mann-Whitney p=").doesNotContain("signed-rank");
        assertThat(paired.throughputDetectable().logSpread()).isLessThan(unpaired.throughputDetectable().logSpread() / 5);
    }

    @Test
    void p99RegressionBeyondTheLimitFails() {
        double[] ops = {100_000, 101_000, 99_000, 100_500, 99_500, 100_200};
        double[] referenceP99 = {25.1, 24.8, 25.3, 25.0, 24.9, 25.2};
        double[] candidateP99 = {32.1, 31.8, 32.3, 32.0, 31.9, 32.2};

        GateVerdict verdict = RegressionGate.evaluate(ops, ops.clone(), candidateP99, referenceP99, DEFAULTS);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.p99Failed()).isTrue();
        assertThat(verdict.throughputFailed()).isFalse();
        assertThat(verdict.message()).startsWith("Regression gate FAILED: p99 regressed beyond the allowed limit");
    }

    @Test
    void significantButToleratedRegressionPasses() {
        double[] referenceOps = {100_000, 100_010, 99_990, 100_005, 99_995, 100_002};
        double[] candidateOps = {98_000, 98_010, 97_990, 98_005, 97_995, 98_002}; // -2%, tolerated down to 0.97
        double[] p99 = {25.1, 24.8, 25.3, 25.0, 24.9, 25.2};

        GateVerdict verdict = RegressionGate.evaluate(candidateOps, referenceOps, p99, p99.clone(), DEFAULTS);

        assertThat(verdict.throughput().decision()).isEqualTo(Decision.WORSE);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).startsWith("Regression gate passed\n");
        // the same runs fail a stricter gate
        assertThat(RegressionGate.evaluate(candidateOps, referenceOps, p99, p99.clone(), DEFAULTS.withLimits(0.99, 1.05))
                .throughputFailed()).isTrue();
    }

    @Test
    void improvementNeverFails() {
        double[] referenceOps = {100_000, 101_000, 99_000, 100_500, 99_500, 100_200};
        double[] candidateOps = {150_000, 151_000, 149_000, 150_500, 149_500, 150_200};
        double[] referenceP99 = {25.1, 24.8, 25.3, 25.0, 24.9, 25.2};
        double[] candidateP99 = {12.1, 11.8, 12.3, 12.0, 11.9, 12.2};

        GateVerdict verdict = RegressionGate.evaluate(candidateOps, referenceOps, candidateP99, referenceP99, DEFAULTS);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.throughput().decision()).isEqualTo(Decision.BETTER);
        assertThat(verdict.p99().decision()).isEqualTo(Decision.BETTER);
    }

    @Test
    void sparingCheckAgreesWithTheFullVerdict() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(21L);
        NoiseModel noise = NoiseModel.fromCv("quiet", 0.03, 0.08, -0.5);
        GateSettings settings = DEFAULTS.withRepeats(6);
        int failures = 0;
        for (int trial = 0; trial < 200; trial++) {
            double throughputEffect = 0.88 + 0.12 * random.nextDouble();
            double p99Effect = 1.0 + 0.25 * random.nextDouble();
            NoiseModel.Runs runs = noise.simulate(random, settings.repeats(), throughputEffect, p99Effect);
            GateVerdict verdict = RegressionGate.evaluate(runs.candidateThroughput(), runs.referenceThroughput(),
                    runs.candidateP99(), runs.referenceP99(), settings);
            boolean fails = RegressionGate.fails(runs.candidateThroughput(), runs.referenceThroughput(),
                    runs.candidateP99(), runs.referenceP99(), settings);
            assertThat(fails).isEqualTo(!verdict.passed());
            failures += fails ? 1 : 0;
        }
        assertThat(failures).as("the inputs exercise passing and failing gates").isBetween(20, 180);
    }

    @Test
    void badSettingsAreRejectedWithWhatToUse() {
        assertThatThrownBy(() -> DEFAULTS.withRepeats(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gate repeats 4 could never detect a regression at confidence 0.99: use at least 5 runs"
                        + " per side (10 recommended)");
        assertThatThrownBy(() -> DEFAULTS.withLimits(97, 1.05))
                .hasMessageContaining("minThroughputRatio must be in (0, 1], e.g. 0.97 to allow a 3% drop");
        assertThatThrownBy(() -> DEFAULTS.withLimits(0.97, 0.95))
                .hasMessageContaining("maxP99Ratio must be at least 1, e.g. 1.05 to allow a 5% rise");
        assertThatThrownBy(() -> RegressionGate.evaluate(new double[] {1, 2, 3}, new double[] {1, 2, 3},
                new double[] {1, 2, 3}, new double[] {1, 0, 3}, DEFAULTS))
                .hasMessageContaining("reference run 2 is 0.0: every run must yield a finite, positive value");
    }
}
