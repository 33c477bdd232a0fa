package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SequentialPlanTest {

    @Test
    void looksCountTheInitialLookAndEveryBatchUpToTheCap() {
        assertThat(new SequentialPlan(5, 5, 15).looks()).isEqualTo(3);
        assertThat(new SequentialPlan(5, 4, 15).looks()).isEqualTo(4); // 5, 9, 13, 15
        assertThat(new SequentialPlan(10, 5, 10).looks()).isEqualTo(1);
    }

    @Test
    void eachLookSpendsAnEvenShareOfAlpha() {
        ComparisonSettings perLook = SequentialPlan.defaults().perLook(ComparisonSettings.defaults());

        assertThat(perLook.alpha()).isCloseTo(0.05 / 3, within(1e-12));
        assertThat(perLook.minEffect()).isEqualTo(ComparisonSettings.defaults().minEffect());
    }

    @Test
    void undecidedLookAsksForAnotherBatchUntilTheCap() {
        SequentialPlan plan = new SequentialPlan(5, 5, 12);
        double[] same = {100, 101, 99, 100.5, 99.5};

        SequentialPlan.Step first = plan.next(same, same.clone(), Direction.HIGHER_IS_BETTER, ComparisonSettings.defaults());

        assertThat(first.comparison().decision()).isEqualTo(Decision.NO_DIFFERENCE);
        assertThat(first.moreRepeats()).isEqualTo(5);
        assertThat(plan.moreRepeats(Decision.NO_DIFFERENCE, 10)).isEqualTo(2);
        assertThat(plan.moreRepeats(Decision.NO_DIFFERENCE, 12)).isZero();
    }

    @Test
    void decidedLookStops() {
        SequentialPlan plan = SequentialPlan.defaults();
        double[] reference = {100, 101, 99, 100.5, 99.5};
        double[] candidate = {120, 121, 119, 120.5, 119.5};

        SequentialPlan.Step step = plan.next(candidate, reference, Direction.HIGHER_IS_BETTER, ComparisonSettings.defaults());

        assertThat(step.comparison().decision()).isEqualTo(Decision.BETTER);
        assertThat(step.done()).isTrue();
        assertThat(step.comparison().confidence()).isCloseTo(1 - 0.05 / 3, within(1e-12));
    }

    @Test
    void aLookPairsItsRunsOnceTheSignedRankTestCanReachTheLooksAlpha() {
        SequentialPlan plan = new SequentialPlan(4, 4, 12); // three looks: alpha 0.05 / 3 each
        ComparisonSettings overall = ComparisonSettings.defaults();

        assertThat(plan.pairing(6, overall)).as("2 / 2^6 = 0.031 > 0.0167").isEqualTo(Pairing.INDEPENDENT);
        assertThat(plan.pairing(7, overall)).as("2 / 2^7 = 0.0156").isEqualTo(Pairing.INTERLEAVED_PAIRS);
        assertThat(plan.describeTests(overall)).isEqualTo("Mann-Whitney at 4 a side, paired signed-rank at 8 and 12 pairs");
        assertThat(new SequentialPlan(10, 10, 30).describeTests(overall)).isEqualTo("paired signed-rank at 10, 20 and 30 pairs");
    }

    @Test
    void pairedLooksSeeAShiftThatTheDriftHidesFromTheUnpairedTest() {
        // Each pair shares a level that drifts by +-20%; the candidate is 3% below the reference in every pair.
        double[] levels = {100, 120, 85, 110, 95, 125, 80, 105, 115, 90, 100, 118};
        double[] reference = levels.clone();
        double[] candidate = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            candidate[i] = levels[i] * (i % 2 == 0 ? 0.965 : 0.975);
        }
        SequentialPlan plan = new SequentialPlan(12, 12, 12);

        Comparison paired = plan.compare(Samples.of(candidate, reference), Direction.HIGHER_IS_BETTER,
                ComparisonSettings.defaults());
        Comparison unpaired = Comparison.of(candidate, reference, Direction.HIGHER_IS_BETTER, ComparisonSettings.defaults());

        assertThat(paired.decision()).isEqualTo(Decision.WORSE);
        assertThat(paired.ratio()).isBetween(0.965, 0.975);
        assertThat(unpaired.decision()).isEqualTo(Decision.NO_DIFFERENCE);
    }

    @Test
    void sequentialFalseAlarmsStayWithinTheOverallAlpha() {
        NoiseModel noise = NoiseModel.fromCv("pipelining-off", 0.031, 0.15, -0.8);
        // the simulation runs the plan's own steps through the bootstrap-sparing decision
        GateSimulation.SequentialRates rates = GateSimulation.sequential(noise, SequentialPlan.defaults(),
                ComparisonSettings.defaults(), 1.0, 1500, 11L);

        assertThat(rates.better() + rates.worse()).isLessThanOrEqualTo(0.05);
        assertThat(rates.meanRuns()).isGreaterThan(SequentialPlan.defaults().initialRepeats());
    }

    @Test
    void planThatCanNeverReachSignificanceIsRejected() {
        assertThatThrownBy(() -> new SequentialPlan(2, 1, 3).perLook(ComparisonSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRepeats 3 can never reach significance")
                .hasMessageContaining("raise maxRepeats or lower the confidence");
        assertThatThrownBy(() -> new SequentialPlan(5, 5, 4))
                .hasMessage("maxRepeats (4) must be at least initialRepeats (5)");
        assertThatThrownBy(() -> new SequentialPlan(1, 5, 10)).hasMessageContaining("initialRepeats must be at least 2");
    }

    @Test
    void smallestPValueIsTwoOverTheNumberOfOrderings() {
        assertThat(SequentialPlan.smallestPValue(5)).isCloseTo(2.0 / 252, within(1e-15));
        assertThat(SequentialPlan.smallestPValue(2)).isCloseTo(2.0 / 6, within(1e-15));
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        double[] low = ComparisonTest.runs(random, 6, 10, 0.01);
        double[] high = ComparisonTest.runs(random, 6, 20, 0.01);
        assertThat(Comparison.pValue(high, low)).isCloseTo(SequentialPlan.smallestPValue(6), within(1e-12));
    }
}
