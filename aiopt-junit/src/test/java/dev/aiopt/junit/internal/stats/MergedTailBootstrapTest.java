package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Merged-histogram percentiles against db_bench's own figures, and the run-level bootstrap. */
class MergedTailBootstrapTest {

    @Test
    void percentilesOfARealHistogramMatchWhatDbBenchPrinted() {
        LatencyHistogram shape = TailTestSimulation.shape();

        assertThat(shape.count()).isEqualTo(1_000_000);
        // Percentiles: P50: 4.42 P75: 5.49 P99: 21.74 P99.9: 66.53 (fillrandom_t1_n1M_hist_statistics.stdout.txt)
        assertThat(shape.percentile(50)).isCloseTo(4.42, within(0.01));
        assertThat(shape.percentile(99)).isCloseTo(21.74, within(0.01));
        assertThat(shape.percentile(99.9)).isCloseTo(66.53, within(0.01));
    }

    @Test
    void runsWithOtherEmptyBucketsAreCountedOnTheUnionOfEdges() {
        // db_bench leaves empty buckets out, so two runs of one binary print different edges
        LatencyHistogram a = new LatencyHistogram("us", new double[] {0, 1, 2, 3}, new long[] {10, 0, 10});
        LatencyHistogram b = new LatencyHistogram("us", new double[] {0, 1, 2, 4, 6}, new long[] {10, 5, 0, 5});
        LatencyHistogram c = new LatencyHistogram("us", new double[] {0, 2, 3}, new long[] {10, 10});

        double[] same = MergedTailBootstrap.ratio(List.of(a, b), List.of(b, a), 0.99, 0.99, 200, 1L);
        double[] slower = MergedTailBootstrap.ratio(List.of(b, b), List.of(a, a), 0.99, 0.99, 200, 1L);

        assertThat(same[0]).isCloseTo(1.0, within(1e-12));
        // p99 of b: 19.8 of 20 samples, inside (4, 6] -> 5.92; of a: inside (2, 3] -> 2.98
        assertThat(slower[0]).isCloseTo(5.92 / 2.98, within(1e-9));
        assertThatThrownBy(() -> MergedTailBootstrap.ratio(List.of(a, a), List.of(c, c), 0.99, 0.99, 200, 1L))
                .hasMessageContaining("holds 10 samples");
    }

    @Test
    void aTwentyPercentSlowerTailFailsAndTheSameRunsDoNot() {
        LatencyHistogram shape = TailTestSimulation.shape();
        double[] bounds = TailTestSimulation.bounds(TailTestSimulation.upper(shape));
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        List<LatencyHistogram> reference = new ArrayList<>();
        List<LatencyHistogram> slower = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reference.add(TailTestSimulation.run(shape, bounds, Math.exp(0.03 * gaussian.sample()), 100_000, random, gaussian));
            slower.add(TailTestSimulation.run(shape, bounds, 1.2 * Math.exp(0.03 * gaussian.sample()), 100_000, random, gaussian));
        }

        double[] worse = MergedTailBootstrap.ratio(slower, reference, 0.99, 0.99, 2000, 1L);
        double[] same = MergedTailBootstrap.ratio(reference, reference, 0.99, 0.99, 2000, 1L);

        assertThat(worse[0]).as("bucket interpolation bends the ratio").isBetween(1.1, 1.5);
        assertThat(MergedTailBootstrap.fails(worse, 1.05)).isTrue();
        assertThat(same[0]).isEqualTo(1.0);
        assertThat(MergedTailBootstrap.fails(same, 1.05)).isFalse();
    }
}
