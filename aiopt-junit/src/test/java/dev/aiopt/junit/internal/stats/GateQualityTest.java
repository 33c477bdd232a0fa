package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate's quality claims, checked by simulation with a fixed seed under the noise fitted to db_bench
 * (the full table comes from {@link GateSimulation}).
 */
class GateQualityTest {

    private static final int TRIALS = 5000;

    private final List<NoiseModel> scenarios =
            GateSimulation.scenarios(NoiseFit.load("pipelined"), NoiseFit.load("unpipelined"));

    @Test
    void falseAlarmRateBetweenIdenticalBuildsIsAtMostOnePercentAtTheDefaults() {
        GateSettings defaults = GateSettings.defaults();
        // every interleaved scenario: quiet, pipelining off, 8 threads, busy machine, heavy tails with contention
        for (NoiseModel model : scenarios.stream().filter(NoiseModel::interleaved).toList()) {
            int fails = GateSimulation.gateFailures(model, defaults, 1.0, 1.0, TRIALS, 7L);
            assertThat((double) fails / TRIALS).as(model.name()).isLessThanOrEqualTo(0.01);
        }
    }

    @Test
    void tenPercentThroughputRegressionIsCaughtOnAQuietMachine() {
        NoiseModel pipeliningOff = scenarios.get(1);
        int fails = GateSimulation.gateFailures(pipeliningOff, GateSettings.defaults(), 0.90, 1.0, 300, 8L);

        assertThat((double) fails / 300).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void noiseModelReproducesItsCoefficientOfVariation() {
        NoiseModel quiet = scenarios.get(0);
        NoiseModel.Runs runs = quiet.simulate(
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(9L), 20_000, 1.0, 1.0);
        double[] values = runs.referenceThroughput();
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double sd = org.apache.commons.statistics.descriptive.StandardDeviation.of(values).getAsDouble();

        assertThat(sd / mean).isCloseTo(0.027, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void fitReadsTheRealRepeats() {
        NoiseFit fit = NoiseFit.load("unpipelined");

        assertThat(fit.runs()).isEqualTo(15);
        assertThat(fit.correlation()).as("a slow run has a high p99").isNegative();
        assertThat(fit.slowdownDepth()).isBetween(0.0, 1.0);
    }
}
