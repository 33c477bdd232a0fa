package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    private static final Path DB_BENCH = Path.of("src/test/resources/metrics/db_bench");

    @Test
    void percentilesInterpolateInsideTheBucket() {
        LatencyHistogram h = new LatencyHistogram("us", new double[] {0, 1, 2, 4}, new long[] {50, 40, 10});

        assertThat(h.percentile(50)).isEqualTo(1.0);
        assertThat(h.percentile(70)).isCloseTo(1.5, within(1e-12));
        assertThat(h.percentile(95)).isCloseTo(3.0, within(1e-12));
        assertThat(h.count()).isEqualTo(100);
    }

    @Test
    void dbBenchBucketTablesAreReadAndTheirP99MatchesDbBenchsOwn() throws IOException {
        DbBenchReport report = DbBenchReport.parse(Files.readString(DB_BENCH.resolve("fillseq_readrandom_n20k_hist.stdout.txt")));

        LatencyHistogram write = report.histogram("fillseq", "write");

        assertThat(write.count()).isEqualTo(20000);
        assertThat(write.unit()).isEqualTo("us");
        assertThat(write.percentile(99)).isCloseTo(report.require("fillseq", "p99_us"), within(0.01));
        assertThat(write.percentile(50)).isCloseTo(report.require("fillseq", "p50_us"), within(0.01));
    }

    @Test
    void runsWithDifferentEmptyBucketsMergeButNotSplitSamples() {
        LatencyHistogram a = new LatencyHistogram("us", new double[] {0, 1, 2, 10}, new long[] {5, 5, 0});
        LatencyHistogram b = new LatencyHistogram("us", new double[] {0, 1, 5, 10}, new long[] {3, 0, 2});
        LatencyHistogram c = new LatencyHistogram("us", new double[] {0, 1.5, 10}, new long[] {3, 2});

        LatencyHistogram merged = a.merge(b);

        assertThat(merged.edges()).containsExactly(0, 1, 2, 5, 10);
        assertThat(merged.counts()).containsExactly(8, 5, 0, 2);
        assertThatThrownBy(() -> a.merge(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the bucket (1.0, 2.0] us holds 5 samples");
        assertThatThrownBy(() -> a.merge(new LatencyHistogram("ms", new double[] {0, 1}, new long[] {1})))
                .hasMessageContaining("in us with one in ms");
    }

    @Test
    void anEmptyOrDisorderedHistogramCannotBeMade() {
        assertThatThrownBy(() -> new LatencyHistogram("us", new double[] {0, 1}, new long[] {0}))
                .hasMessageContaining("no sample");
        assertThatThrownBy(() -> new LatencyHistogram("us", new double[] {0, 2, 1}, new long[] {1, 1}))
                .hasMessageContaining("must increase");
        assertThatThrownBy(() -> new LatencyHistogram("us", new double[] {0, 1}, new long[] {-1}))
                .hasMessageContaining("cannot be negative");
    }
}
