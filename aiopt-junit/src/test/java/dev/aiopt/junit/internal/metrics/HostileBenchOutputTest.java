package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad outputs from real processes: each gives a MetricsException that names the problem, never a figure. */
class HostileBenchOutputTest {
    private static final Path DB_BENCH = Path.of("src/test/resources/metrics/db_bench");
    private static final String RESULT = "fillrandom   :      10.000 micros/op 100000 ops/sec 0.200 seconds 20000"
            + " operations;   11.1 MB/s\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"auto", "db_bench", "google-benchmark", "aiopt-metric"})
    void aBenchmarkThatPrintsNothingAndExitsZero(String format) throws Exception {
        NativeProgram.Output out = NativeProgram.shell("exit 0", dir);

        rejected(out.stdout(), out.stderr(), BenchSpec.of(format, "fillrandom", "", ""))
                .hasMessageMatching("(?s).*(printed nothing|stdout is empty).*");
    }

    @Test
    void nothingOnStdoutButAnErrorOnStderrQuotesStderr() throws Exception {
        NativeProgram.Output out = NativeProgram.shell("echo 'cannot open /nope/db' >&2; exit 0", dir);

        rejected(out.stdout(), out.stderr(), BenchSpec.of("auto", "", "", ""))
                .hasMessageContaining("stdout is empty; last lines of stderr:").hasMessageContaining("cannot open /nope/db");
    }

    @Test
    void notANumberInEachFormat() throws Exception {
        rejected(run("echo 'aiopt-metric ops_per_sec=nan unit=ops/s'"), BenchSpec.of("auto", "", "", "none"))
                .hasMessageContaining("garbled aiopt-metric line 1").hasMessageContaining("is nan, not a finite number");
        rejected(run("echo 'fillrandom : nan micros/op 100 ops/sec;'"), BenchSpec.of("auto", "fillrandom", "", ""))
                .hasMessageContaining("garbled db_bench output at line 1").hasMessageContaining("'nan' is not a number");
        rejected(Files.readString(Path.of("src/test/resources/metrics/google-benchmark/nan_counter.json")), "",
                BenchSpec.of("auto", "", "", "p99_us"))
                .hasMessageContaining("\"p99_us\" of benchmark 'BM_Nan/min_time:0.010'")
                .hasMessageContaining("is NaN: not a finite number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "0", "0.0"})
    void aNegativeOrZeroThroughputIsNeverUsed(String value) throws Exception {
        rejected(run("echo 'aiopt-metric ops_per_sec=" + value + "'; echo 'aiopt-metric p99_us=3'"),
                BenchSpec.of("auto", "", "", ""))
                .hasMessageContaining("the throughput axis 'ops_per_sec' is " + Double.parseDouble(value))
                .hasMessageContaining("must be a finite number above 0");
        rejected(run("echo 'fillrandom : 1.0 micros/op " + value + " ops/sec;'"),
                BenchSpec.of("db_bench", "fillrandom", "", "none"))
                .hasMessageContaining("the throughput axis 'ops_per_sec' is " + Double.parseDouble(value));
    }

    @Test
    void missingHistogramLinesSayWhichFlagOrLineIsMissing() throws Exception {
        rejected(run("printf '" + RESULT + "'"), BenchSpec.of("auto", "fillrandom", "", ""))
                .hasMessageContaining("p99_us missing for benchmark 'fillrandom'")
                .hasMessageContaining("run db_bench with --histogram");
        rejected(run("printf '" + RESULT + "Microseconds per write:\\nCount: 20000 Average: 6.9790  StdDev: 117.54\\n'"),
                BenchSpec.of("auto", "fillrandom", "", ""))
                .hasMessageContaining("no 'Percentiles:' line after 'Microseconds per write:'")
                .hasMessageContaining("cut short");
        rejected(run("echo 'aiopt-metric ops_per_sec=100'"), BenchSpec.of("auto", "", "", ""))
                .hasMessageContaining("the latency axis 'p99_us' is not among the aiopt-metric metrics of this run;"
                        + " it has: ops_per_sec");
        rejected(run("echo 'aiopt-metric write_us=histogram unit=us'"), BenchSpec.of("auto", "", "", "none"))
                .hasMessageContaining("a histogram needs unit=<unit> and buckets=");
    }

    @Test
    void aDbBenchLatencyFromTheMetricsJsonNeedsNoHistogram() throws Exception {
        Path json = Files.writeString(dir.resolve("m.json"), "{\"p99_us\": 7.5}");

        BenchRun run = BenchReader.read(run("printf '" + RESULT + "'"), "", Optional.of(json),
                BenchSpec.of("auto", "fillrandom", "", ""));

        assertThat(run.latency().getAsDouble()).isEqualTo(7.5);
        assertThat(run.throughput()).isEqualTo(100000.0);
    }

    @Test
    void aDbBenchHistogramCutAfterItsPercentilesStillGivesThePercentilesButNoBuckets() throws IOException {
        String full = Files.readString(DB_BENCH.resolve("fillseq_readrandom_n20k_hist.stdout.txt"));
        String cut = full.substring(0, full.indexOf("-----", full.indexOf("Microseconds per write:")));

        BenchRun run = BenchReader.read(cut, "", Optional.empty(), BenchSpec.of("auto", "fillseq", "", ""));

        assertThat(run.latency().getAsDouble()).isEqualTo(9.14);
        assertThat(run.histogram()).isEmpty();
        assertThatThrownBy(() -> DbBenchReport.parse(cut).histogram("fillseq", "write"))
                .hasMessageContaining("no bucket rows");
    }

    @Test
    void nonUtf8BytesInAMetricLineAreNamedAndElsewhereHarmless() throws Exception {
        rejected(run("printf 'aiopt-metric ops_per_sec=12\\3773\\n'"), BenchSpec.of("auto", "", "", "none"))
                .hasMessageContaining("garbled aiopt-metric line 1")
                .hasMessageContaining("bytes that are not UTF-8");

        NativeProgram.Output noise = NativeProgram.shell("printf 'caf\\351 warm-up\\naiopt-metric ops_per_sec=12\\n'", dir);
        assertThat(noise.stdout()).contains("\uFFFD");
        assertThat(BenchReader.read(noise.stdout(), "", Optional.empty(), BenchSpec.of("auto", "", "", "none"))
                .throughput()).isEqualTo(12.0);
    }

    @Test
    void garbledLinesNameTheLineAndTheExpectedShape() throws Exception {
        rejected(run("echo 'starting'; echo 'aiopt-metric ops_per_sec 123'"), BenchSpec.of("auto", "", "", "none"))
                .hasMessageContaining("garbled aiopt-metric line 2: 'aiopt-metric ops_per_sec 123'")
                .hasMessageContaining("expected 'aiopt-metric <name>=<number> [unit=<unit>]'");
        rejected(run("echo 'aiopt-metric ops_per_sec=1 unti=ops'"), BenchSpec.of("auto", "", "", "none"))
                .hasMessageContaining("'unti=ops' is not unit=<unit> or buckets=");
        rejected(run("echo 'fillrandom : 10.0 micros/op'"), BenchSpec.of("auto", "fillrandom", "", ""))
                .hasMessageContaining("garbled db_bench output at line 1 (benchmark result line)");
        String json = Files.readString(Path.of("src/test/resources/metrics/google-benchmark/lookup_bench_repetitions3.json"));
        rejected(json.substring(0, json.length() / 2), "", BenchSpec.of("auto", "", "", ""))
                .hasMessageContaining("Google Benchmark JSON in stdout is not valid JSON")
                .hasMessageContaining("cut short");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "aiopt-metric"})
    void figuresOnStderrAreNamedAsSuch(String format) throws Exception {
        NativeProgram.Output out = NativeProgram.shell("echo 'aiopt-metric ops_per_sec=12' >&2", dir);

        rejected(out.stdout(), out.stderr(), BenchSpec.of(format, "", "", "none"))
                .hasMessageContaining("printed its figures on stderr").hasMessageContaining("print them to stdout");
    }

    @Test
    void outputOfNoKnownFormatIsQuoted() throws Exception {
        rejected(run("echo 'throughput: 1234 ops/s'"), BenchSpec.of("auto", "", "", ""))
                .hasMessageContaining("cannot tell the benchmark's output format")
                .hasMessageContaining("| throughput: 1234 ops/s").hasMessageContaining("set @Bench(format)");
    }

    @Test
    void aMissingJsonFileSaysWhoMustWriteIt() {
        rejected("", "", Optional.of(dir.resolve("gb.json")), BenchSpec.of("google-benchmark", "", "", ""))
                .hasMessageContaining("gb.json' does not exist").hasMessageContaining("--benchmark_out=gb.json");
    }

    private String run(String script) throws IOException, InterruptedException {
        return NativeProgram.shell(script, dir).stdout();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejected(String stdout, BenchSpec spec) {
        return rejected(stdout, "", spec);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejected(String stdout, String stderr, BenchSpec spec) {
        return rejected(stdout, stderr, Optional.empty(), spec);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejected(String stdout, String stderr,
            Optional<Path> json, BenchSpec spec) {
        return assertThatThrownBy(() -> BenchReader.read(stdout, stderr, json, spec)).isInstanceOf(MetricsException.class);
    }
}
