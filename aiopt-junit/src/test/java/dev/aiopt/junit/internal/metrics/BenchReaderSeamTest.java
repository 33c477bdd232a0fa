package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aiopt.junit.internal.process.CommandResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call the loop makes: a bench command through CommandRunner, its output through BenchReader. */
class BenchReaderSeamTest {
    private static final Path RESOURCES = Path.of("src/test/resources/metrics").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aGoogleBenchmarkCommandWritingItsOutFileIntoTheScratchDirectory() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/include/benchmark/benchmark.h")),
                "Google Benchmark is not installed (apt-get install libbenchmark-dev)");
        NativeProgram.build(RESOURCES.resolve("google-benchmark/lookup_bench.cc"), dir, "-lbenchmark", "-lpthread");
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        CommandResult run = CommandRunner.run("./lookup_bench --benchmark_filter=BM_LinearLookup"
                + " --benchmark_repetitions=2 --benchmark_out=$AIOPT_SCRATCH/gb.json --benchmark_out_format=json",
                dir, Map.of("AIOPT_SCRATCH", scratch.toString()), Duration.ofSeconds(120), dir.resolve("run1"));
        BenchRun parsed = BenchReader.read(run.stdout(), run.stderr(), Optional.of(scratch.resolve("gb.json")),
                BenchSpec.of("auto", "BM_LinearLookup/4096/min_time:0.020", "items_per_second", "p99_us"));

        assertThat(run.succeeded()).isTrue();
        assertThat(parsed.format()).isEqualTo(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(parsed.metrics().get("repetitions")).isEqualTo(2.0);
        assertThat(parsed.throughput()).isEqualTo(parsed.metrics().get("items_per_second")).isPositive();
    }

    @Test
    void anAiOptMetricCommandWhoseWrapperPrintsOtherLinesToo() throws Exception {
        NativeProgram.build(RESOURCES.resolve("aiopt-metric/tiny_metric.cc"), dir);

        CommandResult run = CommandRunner.run("printf 'warming up \\377\\n'; ./tiny_metric 3000; echo done >&2", dir,
                Map.of(), Duration.ofSeconds(60), dir.resolve("run1"));
        BenchRun parsed = BenchReader.read(run.stdout(), run.stderr(), Optional.empty(), BenchSpec.of("", "", "", ""));

        assertThat(parsed.format()).isEqualTo(BenchFormat.AIOPT_METRIC);
        assertThat(parsed.histogram().orElseThrow().count()).isEqualTo(3000);
        assertThat(parsed.latency().getAsDouble()).isEqualTo(parsed.metrics().get("p99_us"));
    }
}
