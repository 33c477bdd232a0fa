package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final ComparisonSettings DEFAULTS = ComparisonSettings.defaults();

    /** n log-normal runs with median {@code median} and log-sd {@code sigma}. */
    static double[] runs(UniformRandomProvider random, int n, double median, double sigma) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(sigma * gaussian.sample());
        }
        return values;
    }

    @Test
    void clearThroughputImprovementIsBetter() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        double[] reference = runs(random, 10, 100_000, 0.03);
        double[] candidate = runs(random, 10, 110_000, 0.03);

        Comparison comparison = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS);

        assertThat(comparison.decision()).isEqualTo(Decision.BETTER);
        assertThat(comparison.ratio()).isBetween(comparison.low(), comparison.high());
        assertThat(comparison.low()).isGreaterThan(1.0);
        assertThat(comparison.pValue()).isLessThan(0.05);
        assertThat(comparison.candidateRuns()).isEqualTo(10);
        assertThat(comparison.referenceRuns()).isEqualTo(10);
    }

    @Test
    void clearThroughputRegressionIsWorse() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        double[] reference = runs(random, 10, 100_000, 0.03);
        double[] candidate = runs(random, 10, 90_000, 0.03);

        Comparison comparison = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS);

        assertThat(comparison.decision()).isEqualTo(Decision.WORSE);
        assertThat(comparison.high()).isLessThan(1.0);
    }

    @Test
    void lowerLatencyIsBetterAndHigherIsWorse() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        double[] reference = runs(random, 10, 25.0, 0.05);
        double[] faster = runs(random, 10, 20.0, 0.05);
        double[] slower = runs(random, 10, 30.0, 0.05);

        assertThat(Comparison.of(faster, reference, Direction.LOWER_IS_BETTER, DEFAULTS).decision())
                .isEqualTo(Decision.BETTER);
        assertThat(Comparison.of(slower, reference, Direction.LOWER_IS_BETTER, DEFAULTS).decision())
                .isEqualTo(Decision.WORSE);
        // the same numbers read as throughput flip the decision
        assertThat(Comparison.of(faster, reference, Direction.HIGHER_IS_BETTER, DEFAULTS).decision())
                .isEqualTo(Decision.WORSE);
    }

    @Test
    void identicalDistributionsAreNoDifferenceAtLeastAsOftenAsTheConfidence() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        int trials = 400;
        int decided = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] reference = runs(random, 10, 100_000, 0.03);
            double[] candidate = runs(random, 10, 100_000, 0.03);
            if (Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS).decision()
                    != Decision.NO_DIFFERENCE) {
                decided++;
            }
        }
        // alpha is 5%; allow two binomial standard deviations (1.1% each at 400 trials) above it
        assertThat((double) decided / trials).isLessThanOrEqualTo(0.05 + 0.022);
    }

    @Test
    void significantEffectBelowTheMinimumIsNoDifference() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        double[] reference = runs(random, 20, 100_000, 0.002);
        double[] candidate = runs(random, 20, 100_500, 0.002);

        Comparison withMinimum = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS);
        Comparison withoutMinimum = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER,
                DEFAULTS.withMinEffect(0.0));

        assertThat(withMinimum.pValue()).isLessThan(0.001);
        assertThat(withMinimum.decision()).isEqualTo(Decision.NO_DIFFERENCE);
        assertThat(withoutMinimum.decision()).isEqualTo(Decision.BETTER);
    }

    @Test
    void ratioIsOfMediansAndRankTestIsExact() {
        double[] candidate = {5, 6, 7, 8, 1000};
        double[] reference = {1, 2, 3, 4, 3.5};

        Comparison comparison = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS);

        assertThat(comparison.ratio()).isEqualTo(7.0 / 3.0);
        // complete separation of 5 against 5: two of C(10, 5) = 252 orderings are as extreme
        assertThat(comparison.pValue()).isCloseTo(2.0 / 252, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        double[] reference = runs(random, 8, 100, 0.05);
        double[] candidate = runs(random, 8, 103, 0.05);

        Comparison first = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS.withSeed(42));
        Comparison again = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS.withSeed(42));
        Comparison other = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, DEFAULTS.withSeed(43));

        assertThat(again).isEqualTo(first);
        assertThat(new double[] {other.low(), other.high()}).isNotEqualTo(new double[] {first.low(), first.high()});
    }

    @Test
    void sparingDecisionAgreesWithTheFullComparison() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        ComparisonSettings settings = DEFAULTS.withConfidence(0.9);
        int decidedSeen = 0;
        for (int trial = 0; trial < 300; trial++) {
            double effect = 0.94 + 0.12 * random.nextDouble();
            double[] reference = runs(random, 6, 100, 0.03);
            double[] candidate = runs(random, 6, 100 * effect, 0.03);
            for (Direction direction : Direction.values()) {
                Decision full = Comparison.of(candidate, reference, direction, settings).decision();
                assertThat(Comparison.decision(candidate, reference, direction, settings)).isEqualTo(full);
                decidedSeen += full == Decision.NO_DIFFERENCE ? 0 : 1;
            }
        }
        assertThat(decidedSeen).as("the inputs exercise decided and undecided cases").isBetween(50, 550);
    }

    @Test
    void summaryNamesRatioIntervalTestAndDecision() {
        Comparison comparison = new Comparison(0.9123, 0.9, 0.93, 0.95, 0.0003, Decision.WORSE,
                Direction.HIGHER_IS_BETTER, 10, 10);

        assertThat(comparison.summary())
                .isEqualTo("ratio 0.9123 [0.9000, 0.9300] 95% CI, Mann-Whitney p=0.000300, runs 10/10: WORSE");
    }

    @Test
    void badRunsAreRejectedWithTheRunNamed() {
        assertThatThrownBy(() -> Comparison.of(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3},
                Direction.HIGHER_IS_BETTER, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidate run 2 is NaN")
                .hasMessageContaining("check the metric parser");
        assertThatThrownBy(() -> Comparison.of(new double[] {1, 2, 3}, new double[] {1, -2, 3},
                Direction.LOWER_IS_BETTER, DEFAULTS))
                .hasMessageContaining("reference run 2 is -2.0");
        assertThatThrownBy(() -> Comparison.of(new double[] {1}, new double[] {1, 2, 3},
                Direction.LOWER_IS_BETTER, DEFAULTS))
                .hasMessageContaining("candidate has 1 run(s): a comparison needs at least 2 per side");
        assertThatThrownBy(() -> Comparison.of(null, new double[] {1, 2}, Direction.LOWER_IS_BETTER, DEFAULTS))
                .hasMessageContaining("must not be null");
    }

    @Test
    void badSettingsAreRejectedWithAnExample() {
        assertThatThrownBy(() -> new ComparisonSettings(95, 0.01, 2000, 1))
                .hasMessage("confidence must be in (0.5, 1), e.g. 0.95, but was 95.0");
        assertThatThrownBy(() -> DEFAULTS.withMinEffect(5))
                .hasMessage("minEffect is a fraction in [0, 1), e.g. 0.01 for 1%, but was 5.0");
        assertThatThrownBy(() -> new ComparisonSettings(0.95, 0.01, 10, 1))
                .hasMessageContaining("bootstrapResamples must be at least 100");
    }
}
