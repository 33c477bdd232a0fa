package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleBenchmarkFormatTest {
    private static final Path SOURCES = Path.of("src/test/resources/metrics/google-benchmark");
    private static final String LOOKUP = "BM_LinearLookup/4096/min_time:0.020";
    private static final String ACCUMULATE = "BM_Accumulate/min_time:0.020";

    @TempDir
    static Path dir;
    static NativeProgram bench;

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/include/benchmark/benchmark.h")),
                "Google Benchmark is not installed (apt-get install libbenchmark-dev)");
        bench = NativeProgram.build(SOURCES.resolve("lookup_bench.cc").toAbsolutePath(), dir, "-lbenchmark",
                "-lpthread");
    }

    @Test
    void aRealRunWithRepetitionsGivesTheMeanAggregatesAndItsOwnPercentiles() throws Exception {
        NativeProgram.Output out = bench.run(dir, "--benchmark_format=json", "--benchmark_repetitions=3");

        BenchRun run = BenchReader.read(out.stdout(), out.stderr(), Optional.empty(),
                BenchSpec.of("auto", LOOKUP, "items_per_second", "p99_us"));

        assertThat(run.format()).isEqualTo(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(run.metrics()).containsKeys("real_time_us", "cpu_time_us", "iterations", "p50_us",
                "mean.items_per_second", "median.real_time_us", "stddev.real_time_us", "cv.real_time",
                "p99.real_time_us", "p99.p99_us");
        assertThat(run.metrics().get("repetitions")).isEqualTo(3.0);
        // Our mean of the three repetitions is Google Benchmark's own mean aggregate.
        assertThat(run.throughput()).isCloseTo(run.metrics().get("mean.items_per_second"),
                within(1e-6 * run.throughput()));
        assertThat(run.metrics().get("ops_per_sec")).isEqualTo(run.throughput());
        assertThat(run.latency().getAsDouble()).isEqualTo(run.metrics().get("p99_us")).isPositive();
        assertThat(run.metrics().get("p99_us")).isGreaterThanOrEqualTo(run.metrics().get("p50_us"));
        assertThat(run.histogram()).isEmpty();
    }

    @Test
    void withoutItemsThroughputIsIterationsPerSecondOfRealTime() throws Exception {
        NativeProgram.Output out = bench.run(dir, "--benchmark_format=json", "--benchmark_filter=BM_Accumulate");

        BenchRun run = BenchReader.read(out.stdout(), out.stderr(), Optional.empty(),
                BenchSpec.of("google-benchmark", "", "", "real_time_us"));

        assertThat(run.metrics()).doesNotContainKey("items_per_second");
        assertThat(run.throughput()).isCloseTo(1e6 / run.metrics().get("real_time_us"), within(1e-3));
        assertThat(run.latency().getAsDouble()).isEqualTo(run.metrics().get("real_time_us"));
    }

    @Test
    void aTimeAsThroughputAxisCountsItsReciprocal() throws Exception {
        BenchRun run = BenchReader.read(fixture("lookup_bench_repetitions3.json"), "", Optional.empty(),
                BenchSpec.of("google-benchmark", ACCUMULATE, "real_time_us:lower", "none"));

        assertThat(run.throughput()).isEqualTo(1.0 / run.metrics().get("real_time_us"));
        assertThat(run.latency()).isEmpty();
    }

    @Test
    void theBenchmarkOutFileIsReadWhenStdoutIsTheConsoleTable() throws Exception {
        Path file = dir.resolve("gb-out.json");
        NativeProgram.Output out = bench.run(dir, "--benchmark_out=" + file, "--benchmark_out_format=json",
                "--benchmark_repetitions=2", "--benchmark_filter=BM_LinearLookup");

        assertThat(out.stdout()).doesNotStartWith("{").contains("BM_LinearLookup");
        BenchRun run = BenchReader.read(out.stdout(), out.stderr(), Optional.of(file),
                BenchSpec.of("auto", LOOKUP, "items_per_second", "p99_us"));

        assertThat(run.format()).isEqualTo(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(run.metrics().get("repetitions")).isEqualTo(2.0);
    }

    @Test
    void aggregatesOnlyOutputUsesTheMeanRow() throws IOException {
        BenchRun run = BenchReader.read(fixture("lookup_bench_aggregates_only.json"), "", Optional.empty(),
                BenchSpec.of("auto", LOOKUP, "items_per_second", "p99_us"));

        assertThat(run.throughput()).isEqualTo(run.metrics().get("mean.items_per_second"));
        assertThat(run.metrics().get("repetitions")).isEqualTo(3.0);
    }

    @Test
    void theRunIsFoundByItsFullNameAndAMissingOneListsTheRest() throws IOException {
        String json = fixture("lookup_bench_repetitions3.json");

        assertThat(BenchReader.read(json, "", Optional.empty(), BenchSpec.of("auto", LOOKUP + "_mean",
                "items_per_second", "p99_us")).metrics()).containsKey("p99.p99_us");
        assertThatThrownBy(() -> BenchReader.read(json, "", Optional.empty(), BenchSpec.of("auto", "BM_Nope", "", "")))
                .isInstanceOf(MetricsException.class).hasMessageContaining("no benchmark 'BM_Nope'")
                .hasMessageContaining(LOOKUP).hasMessageContaining(ACCUMULATE);
        assertThatThrownBy(() -> BenchReader.read(json, "", Optional.empty(), BenchSpec.of("auto", "", "", "")))
                .hasMessageContaining("holds 2 benchmarks; name one (@Bench(value)");
    }

    @Test
    void aMissingAxisListsTheMetricsThereAre() throws IOException {
        String json = fixture("lookup_bench_repetitions3.json");

        assertThatThrownBy(() -> BenchReader.read(json, "", Optional.empty(),
                BenchSpec.of("auto", ACCUMULATE, "", "p99_us")))
                .hasMessageContaining("the latency axis 'p99_us' is not among the google-benchmark metrics")
                .hasMessageContaining("real_time_us");
    }

    @Test
    void anErrorReportedByTheBenchmarkIsItsReason() throws IOException {
        String json = fixture("lookup_bench_repetitions3.json").replaceFirst("\"iterations\": \\d+,",
                "\"error_occurred\": true, \"error_message\": \"db open failed\",");

        assertThatThrownBy(() -> BenchReader.read(json, "", Optional.empty(), BenchSpec.of("auto", LOOKUP, "", "")))
                .hasMessageContaining("reported an error").hasMessageContaining("db open failed");
    }

    static String fixture(String name) throws IOException {
        return Files.readString(SOURCES.resolve(name));
    }
}
