package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AiOptMetricFormatTest {
    @TempDir
    static Path dir;
    static NativeProgram bench;

    @BeforeAll
    static void build() throws Exception {
        bench = NativeProgram.build(Path.of("src/test/resources/metrics/aiopt-metric/tiny_metric.cc").toAbsolutePath(),
                dir);
    }

    @Test
    void aRealProgramsLinesGiveEveryMetricAndItsHistogram() throws Exception {
        NativeProgram.Output out = bench.run(dir, "20000");

        BenchRun run = BenchReader.read(out.stdout(), out.stderr(), Optional.empty(), BenchSpec.of("auto", "", "", ""));

        assertThat(run.format()).isEqualTo(BenchFormat.AIOPT_METRIC);
        assertThat(run.metrics()).containsKeys("ops_per_sec", "p99_us", "insert_us.p50", "insert_us.p99",
                "insert_us.p999");
        assertThat(run.metrics().get("size")).isEqualTo(20000.0);
        assertThat(run.metrics().get("insert_us.count")).isEqualTo(20000.0);
        assertThat(run.throughput()).isEqualTo(run.metrics().get("ops_per_sec")).isPositive();
        assertThat(run.latency().getAsDouble()).isEqualTo(run.metrics().get("p99_us"));
        LatencyHistogram histogram = run.histogram().orElseThrow();
        assertThat(histogram.count()).isEqualTo(20000);
        assertThat(histogram.unit()).isEqualTo("us");
        // The program's exact p99 lies inside (or at the edge of) the bucket the histogram's p99 falls in.
        double[] edges = histogram.edges();
        double p99 = run.metrics().get("insert_us.p99");
        int bucket = 0;
        while (edges[bucket + 1] < p99) {
            bucket++;
        }
        assertThat(run.metrics().get("p99_us")).isBetween(edges[bucket], edges[bucket + 1]);
    }

    @Test
    void theLatencyAxisCanBeTheHistogramsOwnPercentile() throws Exception {
        NativeProgram.Output out = bench.run(dir, "5000");

        BenchRun run = BenchReader.read(out.stdout(), out.stderr(), Optional.empty(),
                BenchSpec.of("aiopt-metric", "", "ops_per_sec", "insert_us.p99"));

        assertThat(run.latency().getAsDouble()).isEqualTo(run.metrics().get("insert_us.p99"));
        assertThat(run.histogram().orElseThrow().count()).isEqualTo(5000);
    }

    @Test
    void histogramsOfSeveralRunsMergeSampleBySample() throws Exception {
        LatencyHistogram merged = null;
        for (int n : new int[] {3000, 4000, 5000}) {
            NativeProgram.Output out = bench.run(dir, String.valueOf(n));
            LatencyHistogram one = BenchReader.read(out.stdout(), "", Optional.empty(), BenchSpec.of("", "", "", ""))
                    .histogram().orElseThrow();
            merged = merged == null ? one : merged.merge(one);
        }

        assertThat(merged.count()).isEqualTo(12000);
        assertThat(merged.percentile(99)).isPositive();
    }

    @Test
    void aMetricsJsonFileAddsToTheLines() throws Exception {
        Path json = java.nio.file.Files.writeString(dir.resolve("extra.json"), "{\"rss_mb\": 12.5}");
        NativeProgram.Output out = bench.run(dir, "1000");

        BenchRun run = BenchReader.read(out.stdout(), "", Optional.of(json), BenchSpec.of("auto", "", "", ""));

        assertThat(run.metrics()).containsEntry("rss_mb", 12.5).containsKey("ops_per_sec");
    }

    @Test
    void theSameMetricTwiceIsAnError() {
        String text = "aiopt-metric ops_per_sec=10\nwarming up\naiopt-metric ops_per_sec=12\n";

        assertThatThrownBy(() -> BenchReader.read(text, "", Optional.empty(), BenchSpec.of("", "", "", "none")))
                .isInstanceOf(MetricsException.class)
                .hasMessageContaining("metric 'ops_per_sec' is printed twice (lines 1 and 3)");
    }
}
