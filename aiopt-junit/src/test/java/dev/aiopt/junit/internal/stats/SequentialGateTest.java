package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Repeats until decided: the looks, the alpha each spends, and the false alarms over all of them. */
class SequentialGateTest {

    private final SequentialGate threeLooks = new SequentialGate(GateSettings.defaults(), 30);

    @Test
    void alphaIsSplitOverThePlannedLooks() {
        assertThat(threeLooks.plan().looks()).isEqualTo(3);
        assertThat(threeLooks.perLook().confidence()).isEqualTo(1 - 0.01 / 3);
        assertThat(SequentialGate.once(GateSettings.defaults()).perLook().confidence()).isEqualTo(0.99);
    }

    @Test
    void aConclusiveLookStopsAndAnInconclusiveOneAsksForABatchUntilTheCap() {
        double[] quiet = {100_000, 100_100, 99_900, 100_050, 99_950, 100_020, 99_980, 100_010, 99_990, 100_000};
        double[] p99 = {25.0, 25.1, 24.9, 25.05, 24.95, 25.02, 24.98, 25.01, 24.99, 25.0};
        SequentialGate.Look decided = threeLooks.look(Samples.of(quiet, quiet.clone()), Samples.of(p99, p99.clone()), null);
        assertThat(decided.done()).isTrue();
        assertThat(decided.verdict().looks().runsPerLook()).containsExactly(10);

        double[] noisyP99 = {20, 30, 25, 18, 33, 24, 27, 21, 29, 26};
        SequentialGate.Look first = threeLooks.look(Samples.of(quiet, quiet.clone()),
                Samples.of(noisyP99, noisyP99.clone()), null);
        assertThat(first.verdict().inconclusive()).isTrue();
        assertThat(first.moreRepeats()).isEqualTo(10);

        double[] quiet30 = repeat(quiet, 3);
        double[] noisy30 = repeat(noisyP99, 3);
        SequentialGate.Look last = threeLooks.look(Samples.of(quiet30, quiet30.clone()), Samples.of(noisy30, noisy30.clone()),
                first.verdict().looks().then(20));
        assertThat(last.done()).as("at the cap").isTrue();
        assertThat(last.verdict().looks().runsPerLook()).containsExactly(10, 20, 30);
        assertThat(last.verdict().message()).contains("runs used: 30 a side (looks at 10, 20, 30 runs; 3 planned");
    }

    @Test
    void aFailingLookStopsAtOnce() {
        double[] reference = {100_000, 100_100, 99_900, 100_050, 99_950, 100_020, 99_980, 100_010, 99_990, 100_000};
        double[] candidate = Arrays.stream(reference).map(v -> v * 0.9).toArray();
        double[] noisyP99 = {20, 30, 25, 18, 33, 24, 27, 21, 29, 26};

        SequentialGate.Look look = threeLooks.look(Samples.of(candidate, reference),
                Samples.of(noisyP99, noisyP99.clone()), null);

        assertThat(look.verdict().throughputFailed()).isTrue();
        assertThat(look.done()).isTrue();
    }

    @Test
    void falseAlarmsOverAllLooksStayBelowTheGatesAlpha() {
        // p99 CV 15%: most A/A gates are inconclusive at 10 runs, so most take all three looks
        NoiseModel noise = NoiseModel.fromCv("pipelining-off", 0.031, 0.15, -0.8);
        GateSettings perLook = threeLooks.perLook();
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(41L);
        int trials = 3000;
        int fails = 0;
        int extended = 0;
        for (int trial = 0; trial < trials; trial++) {
            NoiseModel.Runs all = noise.simulate(random, 30, 1.0, 1.0);
            for (int n = 10; n <= 30; n += 10) {
                double[] ct = Arrays.copyOf(all.candidateThroughput(), n);
                double[] rt = Arrays.copyOf(all.referenceThroughput(), n);
                double[] cp = Arrays.copyOf(all.candidateP99(), n);
                double[] rp = Arrays.copyOf(all.referenceP99(), n);
                if (RegressionGate.fails(ct, rt, cp, rp, perLook)) {
                    fails++;
                    break;
                }
                boolean inconclusive = DetectableRegression.of(Samples.of(cp, rp), Direction.LOWER_IS_BETTER,
                        perLook.maxP99Ratio(), 1 - perLook.confidence(), 0.8).inconclusive()
                        || DetectableRegression.of(Samples.of(ct, rt), Direction.HIGHER_IS_BETTER,
                                perLook.minThroughputRatio(), 1 - perLook.confidence(), 0.8).inconclusive();
                if (!inconclusive) {
                    break;
                }
                extended += n == 10 ? 1 : 0;
            }
        }
        assertThat(extended).as("the scenario exercises the later looks").isGreaterThan(trials / 2);
        assertThat((double) fails / trials).isLessThanOrEqualTo(0.01);
    }

    @Test
    void tooFewRepeatsForTheAlphaOfALookAreRejectedWithWhatToUse() {
        assertThatThrownBy(() -> new SequentialGate(GateSettings.defaults().withRepeats(5), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gate repeats 5 could never detect a regression with the paired signed-rank test of"
                        + " interleaved runs (smallest p 2 / 2^5) at the per-look alpha 0.00167")
                .hasMessageContaining("use at least 11 repeats or a lower maxRepeats");
        assertThatThrownBy(() -> new SequentialGate(GateSettings.defaults(), 9))
                .hasMessageContaining("maxRepeats (9) must be at least repeats (10)");
    }

    private static double[] repeat(double[] values, int times) {
        double[] all = new double[values.length * times];
        for (int i = 0; i < all.length; i++) {
            all[i] = values[i % values.length];
        }
        return all;
    }
}
