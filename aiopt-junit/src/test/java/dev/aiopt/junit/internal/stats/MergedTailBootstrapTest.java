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

        assertThat(shape.total()).isEqualTo(1_000_000);
        // Percentiles: P50: 4.42 P75: 5.49 P99: 21.74 P99.9: 66.53 (fillrandom_t1_n1M_hist_statistics.stdout.txt)
        assertThat(shape.percentile(0.50)).isCloseTo(4.42, within(0.01));
        assertThat(shape.percentile(0.99)).isCloseTo(21.74, within(0.01));
        assertThat(shape.percentile(0.999)).isCloseTo(66.53, within(0.01));
    }

    @Test
    void mergingAddsCountsAndRefusesOtherBuckets() {
        LatencyHistogram a = new LatencyHistogram(new double[] {1, 2, 4}, new long[] {10, 0, 0});
        LatencyHistogram b = new LatencyHistogram(new double[] {1, 2, 4}, new long[] {0, 0, 10});

        LatencyHistogram merged = LatencyHistogram.merge(List.of(a, b));

        assertThat(merged.counts()).containsExactly(10, 0, 10);
        assertThat(merged.percentile(0.75)).isCloseTo(3.0, within(1e-12));
        assertThatThrownBy(() -> LatencyHistogram.merge(List.of(a, new LatencyHistogram(new double[] {1, 3}, new long[] {1, 1}))))
                .hasMessageContaining("different bucket bounds");
    }

    @Test
    void aTwentyPercentSlowerTailFailsAndTheSameRunsDoNot() {
        LatencyHistogram shape = TailTestSimulation.shape();
        double[] bounds = TailTestSimulation.bounds(shape.upperBounds());
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
