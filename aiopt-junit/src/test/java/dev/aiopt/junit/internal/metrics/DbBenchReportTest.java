package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values below are read off the fixture files by hand; see src/test/resources/metrics/db_bench/README.md. */
class DbBenchReportTest {

    private static final String T8_STATS = "fillrandom_t8_n1M_hist_stats";
    private static final String T1_STATISTICS = "fillrandom_t1_n1M_hist_statistics";
    private static final String T2_STALL = "fillrandom_t2_nowal_stall_statistics";
    private static final String T8_SYNC = "fillrandom_t8_sync_n5k_hist";
    private static final String FILLSEQ_READRANDOM = "fillseq_readrandom_n20k_hist";
    private static final String READ_WRITE_MIX = "fillrandom_readrandomwriterandom_t2_n20k_hist";

    static String fixture(String name) {
        String path = "/metrics/db_bench/" + name;
        try (InputStream in = DbBenchReportTest.class.getResourceAsStream(path)) {
            assertThat(in).as("test resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DbBenchReport report(String sample) {
        return DbBenchReport.parse(fixture(sample + ".stdout.txt"), fixture(sample + ".stderr.txt"));
    }

    @Nested
    class RealOutputs {

        @Test
        void defaultCommandWithStatsAndLevelstats() {
            DbBenchReport report = report(T8_STATS);

            assertThat(report.benchmarks()).containsExactly("fillrandom");
            assertThat(report.rocksDbVersion()).contains("7.8.3");
            assertThat(report.metrics("fillrandom")).containsExactly(
                    entry("micros_per_op", 91.678), entry("ops_per_sec", 86736.0),
                    entry("elapsed_seconds", 92.233), entry("operations", 8000000.0), entry("mb_per_sec", 9.6),
                    entry("hist_count", 8000000.0), entry("hist_avg_us", 91.6895), entry("hist_stddev_us", 1047.84),
                    entry("hist_min_us", 2.0), entry("hist_median_us", 5.39), entry("hist_max_us", 444119.0),
                    entry("p50_us", 5.39), entry("p75_us", 62.85), entry("p99_us", 2103.79),
                    entry("p999_us", 8966.93), entry("p9999_us", 22058.51),
                    entry("write.hist_count", 8000000.0), entry("write.hist_avg_us", 91.6895),
                    entry("write.hist_stddev_us", 1047.84), entry("write.hist_min_us", 2.0),
                    entry("write.hist_median_us", 5.39), entry("write.hist_max_us", 444119.0),
                    entry("write.p50_us", 5.39), entry("write.p75_us", 62.85), entry("write.p99_us", 2103.79),
                    entry("write.p999_us", 8966.93), entry("write.p9999_us", 22058.51),
                    entry("l0_files", 0.0), entry("stall_seconds", 0.0), entry("stall_percent", 0.0));
        }

        @Test
        void statisticsRunKeepsTheWriteHistogramApartFromTheLevelReadHistogram() {
            DbBenchReport report = report(T1_STATISTICS);

            // The stats dump's "Level 0 read latency histogram" has P99: 26.00 and Count: 8.
            assertThat(report.require("fillrandom", "p99_us")).isEqualTo(21.74);
            assertThat(report.require("fillrandom", "hist_count")).isEqualTo(1000000.0);
            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 7.486), entry("ops_per_sec", 133580.0), entry("elapsed_seconds", 7.486),
                    entry("operations", 1000000.0), entry("mb_per_sec", 14.8),
                    entry("hist_avg_us", 7.4859), entry("hist_stddev_us", 263.96), entry("hist_min_us", 2.0),
                    entry("hist_median_us", 4.4189), entry("hist_max_us", 158817.0),
                    entry("p50_us", 4.42), entry("p75_us", 5.49), entry("p999_us", 66.53), entry("p9999_us", 4108.33),
                    entry("l0_files", 2.0), entry("stall_percent", 0.0), entry("stall_micros", 0.0));
        }

        @Test
        void statisticsTickersAndHistogramsByName() {
            Map<String, Double> metrics = report(T1_STATISTICS).metrics("fillrandom");

            assertThat(metrics).contains(
                    entry("stat.rocksdb.number.keys.written", 1000000.0),
                    entry("stat.rocksdb.bytes.written", 131000000.0),
                    entry("stat.rocksdb.flush.write.bytes", 50629487.0),
                    entry("stat.rocksdb.stall.micros", 0.0),
                    entry("stat.rocksdb.db.write.micros.p50", 3.891323),
                    entry("stat.rocksdb.db.write.micros.p95", 8.492777),
                    entry("stat.rocksdb.db.write.micros.p99", 20.898491),
                    entry("stat.rocksdb.db.write.micros.p100", 158808.0),
                    entry("stat.rocksdb.db.write.micros.count", 1000000.0),
                    entry("stat.rocksdb.db.write.micros.sum", 6975676.0),
                    entry("stat.rocksdb.async.prefetch.abort.micros.count", 0.0));
            // The block has 193 ticker lines and 58 histogram lines of 6 fields each.
            assertThat(metrics.keySet().stream().filter(k -> k.startsWith("stat.")))
                    .as("every ticker and every histogram field of the STATISTICS block")
                    .hasSize(193 + 58 * 6);
        }

        @Test
        void stallingRunTakesStallAndL0FromTheLastStdoutDumpNotFromStderr() {
            // stderr holds periodic dumps (last one: 15.8 percent, L0 2/0); the final stdout dump wins.
            DbBenchReport report = report(T2_STALL);

            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 16.459), entry("ops_per_sec", 117815.0), entry("elapsed_seconds", 8.488),
                    entry("operations", 1000000.0), entry("mb_per_sec", 13.0),
                    entry("hist_count", 1000000.0), entry("hist_avg_us", 16.4613), entry("hist_stddev_us", 535.16),
                    entry("hist_min_us", 0.0), entry("hist_median_us", 1.7711), entry("hist_max_us", 175585.0),
                    entry("p50_us", 1.77), entry("p75_us", 2.43), entry("p99_us", 5.92), entry("p999_us", 3969.31),
                    entry("p9999_us", 20242.42),
                    entry("stall_percent", 20.3), entry("stall_micros", 1724518.0), entry("l0_files", 3.0),
                    entry("stat.rocksdb.db.write.stall.p100", 111117.0),
                    entry("stat.rocksdb.db.write.stall.count", 154273.0));
            assertThat(report.require("fillrandom", "stall_seconds")).isCloseTo(1.725, offset(1e-9));
        }

        @Test
        void plainSyncRunHasResultAndHistogramOnly() {
            DbBenchReport report = report(T8_SYNC);

            assertThat(report.metrics("fillrandom")).containsOnlyKeys(
                    "micros_per_op", "ops_per_sec", "elapsed_seconds", "operations", "mb_per_sec",
                    "hist_count", "hist_avg_us", "hist_stddev_us", "hist_min_us", "hist_median_us", "hist_max_us",
                    "p50_us", "p75_us", "p99_us", "p999_us", "p9999_us",
                    "write.hist_count", "write.hist_avg_us", "write.hist_stddev_us", "write.hist_min_us",
                    "write.hist_median_us", "write.hist_max_us", "write.p50_us", "write.p75_us", "write.p99_us",
                    "write.p999_us", "write.p9999_us");
            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 481.347), entry("ops_per_sec", 16457.0), entry("elapsed_seconds", 2.430),
                    entry("operations", 40000.0), entry("mb_per_sec", 1.8),
                    entry("hist_count", 40000.0), entry("hist_avg_us", 484.0745), entry("hist_stddev_us", 831.67),
                    entry("hist_min_us", 125.0), entry("hist_median_us", 411.4626), entry("hist_max_us", 35483.0),
                    entry("p50_us", 411.46), entry("p75_us", 519.29), entry("p99_us", 2963.22),
                    entry("p999_us", 6580.18), entry("p9999_us", 35483.00));
        }

        @Test
        void twoRealBenchmarksKeepTheirOwnFiguresAndHistograms() {
            DbBenchReport report = report(FILLSEQ_READRANDOM);

            assertThat(report.benchmarks()).containsExactly("fillseq", "readrandom");
            assertThat(report.metrics("fillseq")).contains(
                    entry("micros_per_op", 6.983), entry("ops_per_sec", 143152.0), entry("elapsed_seconds", 0.140),
                    entry("operations", 20000.0), entry("mb_per_sec", 15.8),
                    entry("write.hist_count", 20000.0), entry("hist_avg_us", 6.9790), entry("hist_stddev_us", 117.54),
                    entry("hist_min_us", 2.0), entry("hist_median_us", 2.4644), entry("hist_max_us", 5629.0),
                    entry("p50_us", 2.46), entry("p75_us", 2.95), entry("p99_us", 9.14), entry("p999_us", 1085.00),
                    entry("p9999_us", 5500.00))
                    .doesNotContainKey("read.p99_us");
            // "(20000 of 20000 found)" follows MB/s on the readrandom line.
            assertThat(report.metrics("readrandom")).contains(
                    entry("micros_per_op", 2.490), entry("ops_per_sec", 401437.0), entry("elapsed_seconds", 0.050),
                    entry("operations", 20000.0), entry("mb_per_sec", 44.4),
                    entry("read.hist_count", 20000.0), entry("hist_avg_us", 2.4909), entry("hist_stddev_us", 71.05),
                    entry("hist_min_us", 0.0), entry("hist_median_us", 0.6739), entry("hist_max_us", 5065.0),
                    entry("p50_us", 0.67), entry("p75_us", 1.04), entry("read.p99_us", 3.27), entry("p999_us", 15.00),
                    entry("p9999_us", 4400.00))
                    .doesNotContainKey("write.p99_us");
        }

        @Test
        void benchmarkWithReadAndWriteHistogramsNeedsTheOperationNamed() {
            DbBenchReport report = report(READ_WRITE_MIX);

            assertThat(report.benchmarks()).containsExactly("fillrandom", "readrandomwriterandom");
            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 21.325), entry("ops_per_sec", 88152.0), entry("mb_per_sec", 9.8),
                    entry("p99_us", 20.28));
            assertThat(report.metrics("readrandomwriterandom")).contains(
                    entry("micros_per_op", 7.381), entry("ops_per_sec", 260515.0), entry("elapsed_seconds", 0.154),
                    entry("operations", 40000.0),
                    entry("read.hist_count", 36000.0), entry("read.p99_us", 5.72), entry("read.p9999_us", 8184.00),
                    entry("write.hist_count", 4000.0), entry("write.p99_us", 59.33), entry("write.hist_max_us", 4872.0))
                    .doesNotContainKeys("p99_us", "hist_count", "mb_per_sec");
            assertThatThrownBy(() -> report.require("readrandomwriterandom", "p99_us"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("p99_us missing for benchmark 'readrandomwriterandom': it has several histograms"
                            + " (read, write), name one: 'read.p99_us' or 'write.p99_us'");
            assertThatThrownBy(() -> report.require("readrandomwriterandom", "mb_per_sec"))
                    .hasMessageStartingWith("mb_per_sec missing for benchmark 'readrandomwriterandom': its result"
                            + " line has no 'MB/s' figure")
                    .hasMessageContaining("( reads:18000 writes:2000 total:20000 found:15857)");
        }

        @Test
        void repeatedBenchmarkIsNamedPerRun() {
            DbBenchReport report = DbBenchReport.parse(fixture("fillseq_readrandomX2_n10k_hist.stdout.txt"));

            assertThat(report.benchmarks()).containsExactly("fillseq", "readrandom#1", "readrandom#2");
            assertThat(report.require("readrandom#1", "ops_per_sec")).isEqualTo(1036376.0);
            assertThat(report.require("readrandom#2", "ops_per_sec")).isEqualTo(547765.0);
            assertThat(report.require("readrandom#2", "p99_us")).isEqualTo(1.88);
            assertThatThrownBy(() -> report.require("readrandom", "ops_per_sec"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("benchmark 'readrandom' ran 2 times in this db_bench output; name one run:"
                            + " readrandom#1, readrandom#2");
        }

        @Test
        void mergedStdoutAndStderrWithCarriageReturnProgress() {
            String merged = fixture("fillrandom_stats_n20k_hist.merged.txt");
            assertThat(merged).contains("\r");

            DbBenchReport report = DbBenchReport.parse(merged);

            assertThat(report.benchmarks()).containsExactly("fillrandom");
            assertThat(report.rocksDbVersion()).contains("7.8.3");
            // The compaction stats level table has no L0 row: RocksDB omits levels without files.
            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 12.553), entry("ops_per_sec", 79627.0), entry("mb_per_sec", 8.8),
                    entry("hist_count", 20000.0), entry("p99_us", 9.77), entry("p9999_us", 16084.00),
                    entry("l0_files", 0.0), entry("stall_percent", 0.0));
        }

        @Test
        void periodicStatsDumpsInMergedOutputLoseToTheLastDump() {
            // Six periodic dumps from --stats_interval_seconds=1 (stall 0.0 .. 19.0 percent, L0 2..4 files,
            // with level read-latency Percentiles lines) precede the result line; the final stats and
            // levelstats dumps come after it.
            DbBenchReport report = DbBenchReport.parse(fixture("fillrandom_t2_nowal_stall_interval_n300k.merged.txt"));

            assertThat(report.benchmarks()).containsExactly("fillrandom");
            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 21.647), entry("ops_per_sec", 90359.0), entry("elapsed_seconds", 6.640),
                    entry("operations", 600000.0), entry("mb_per_sec", 10.0),
                    entry("hist_count", 600000.0), entry("hist_avg_us", 21.6470), entry("hist_stddev_us", 516.47),
                    entry("hist_min_us", 0.0), entry("hist_median_us", 1.9031), entry("hist_max_us", 92347.0),
                    entry("p50_us", 1.90), entry("p75_us", 2.80), entry("p99_us", 8.73), entry("p999_us", 6712.34),
                    entry("p9999_us", 23543.86),
                    entry("stall_percent", 21.8), entry("l0_files", 4.0));
            assertThat(report.require("fillrandom", "stall_seconds")).isCloseTo(1.446, offset(1e-9));
        }

        @ParameterizedTest
        @ValueSource(strings = {T8_STATS, T1_STATISTICS, T2_STALL, T8_SYNC, FILLSEQ_READRANDOM, READ_WRITE_MIX})
        void stderrWithCarriageReturnProgressChangesNoMetric(String sample) {
            String stdout = fixture(sample + ".stdout.txt");
            String stderr = fixture(sample + ".stderr.txt");

            DbBenchReport withStderr = DbBenchReport.parse(stdout, stderr);
            DbBenchReport withoutStderr = DbBenchReport.parse(stdout);

            assertThat(withStderr.benchmarks()).isEqualTo(withoutStderr.benchmarks()).isNotEmpty();
            for (String benchmark : withStderr.benchmarks()) {
                assertThat(withStderr.metrics(benchmark)).isEqualTo(withoutStderr.metrics(benchmark));
            }
            assertThat(withStderr.rocksDbVersion()).contains("7.8.3");
            assertThat(withoutStderr.rocksDbVersion()).isEmpty();
        }
    }

    @Nested
    class EmbeddedBenchmarkFormat {

        // SYNTHETIC sample, not db_bench output: the minimal lines the embedded default benchmark prints,
        // in db_bench's formats, with made-up numbers.
        private static final String SYNTHETIC_MINIMAL = """
                fillrandom   :       2.345 micros/op 426439 ops/sec 1.2 seconds 500000 operations;   47.2 MB/s
                Microseconds per write:
                Count: 500000 Average: 2.3456  StdDev: 10.50
                Min: 1  Median: 1.8765  Max: 9876
                Percentiles: P50: 1.88 P75: 2.61 P99: 7.93 P99.9: 120.40 P99.99: 980.00
                """;

        @Test
        void minimalOutputParses() {
            DbBenchReport report = DbBenchReport.parse(SYNTHETIC_MINIMAL);

            assertThat(report.benchmarks()).containsExactly("fillrandom");
            assertThat(report.rocksDbVersion()).isEmpty();
            assertThat(report.metrics("fillrandom")).contains(
                    entry("micros_per_op", 2.345), entry("ops_per_sec", 426439.0), entry("elapsed_seconds", 1.2),
                    entry("operations", 500000.0), entry("mb_per_sec", 47.2),
                    entry("hist_count", 500000.0), entry("hist_avg_us", 2.3456), entry("hist_stddev_us", 10.50),
                    entry("hist_min_us", 1.0), entry("hist_median_us", 1.8765), entry("hist_max_us", 9876.0),
                    entry("p50_us", 1.88), entry("p75_us", 2.61), entry("p99_us", 7.93), entry("p999_us", 120.40),
                    entry("p9999_us", 980.00));
        }

        @Test
        void windowsLineEndingsParseTheSame() {
            DbBenchReport report = DbBenchReport.parse(SYNTHETIC_MINIMAL.replace("\n", "\r\n"));

            assertThat(report.metrics("fillrandom"))
                    .isEqualTo(DbBenchReport.parse(SYNTHETIC_MINIMAL).metrics("fillrandom"));
        }

        @Test
        void metricsAreReadOnly() {
            Map<String, Double> metrics = DbBenchReport.parse(SYNTHETIC_MINIMAL).metrics("fillrandom");

            assertThatThrownBy(() -> metrics.put("ops_per_sec", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class MissingFields {

        @Test
        void levelReadHistogramIsNotMistakenForTheMissingWriteHistogram() {
            // Derived from a real output: the "Microseconds per write:" block removed, as if run without
            // --histogram; the stats dump still has "Level N read latency histogram" Percentiles lines.
            String stdout = fixture(T2_STALL + ".stdout.txt");
            String withoutHistogram = stdout.substring(0, stdout.indexOf("Microseconds per write:"))
                    + stdout.substring(stdout.indexOf("** Compaction Stats"));
            assertThat(withoutHistogram).contains("Percentiles: P50: 0.54 P75: 0.81 P99: 2.75");

            DbBenchReport report = DbBenchReport.parse(withoutHistogram);

            assertThat(report.metrics("fillrandom")).doesNotContainKeys("p99_us", "hist_count", "write.p99_us")
                    .contains(entry("ops_per_sec", 117815.0), entry("stall_percent", 20.3));
            assertThatThrownBy(() -> report.require("fillrandom", "p99_us"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("p99_us missing for benchmark 'fillrandom': no 'Percentiles:' line after a"
                            + " 'Microseconds per <op>:' header following its result line — run db_bench with"
                            + " --histogram");
        }

        @Test
        void histogramCutShortNamesTheMissingLine() {
            String stdout = fixture(T8_SYNC + ".stdout.txt");
            String cut = stdout.substring(0, stdout.indexOf("Percentiles:"));

            DbBenchReport report = DbBenchReport.parse(cut);

            assertThat(report.require("fillrandom", "hist_max_us")).isEqualTo(35483.0);
            assertThatThrownBy(() -> report.require("fillrandom", "p99_us"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("p99_us missing for benchmark 'fillrandom': no 'Percentiles:' line after"
                            + " 'Microseconds per write:' — run db_bench with --histogram, and check that the output"
                            + " was not cut short");
        }

        @Test
        void histogramOfAnotherOperationIsNamedAsAbsent() {
            DbBenchReport report = report(FILLSEQ_READRANDOM);

            assertThatThrownBy(() -> report.require("readrandom", "write.p99_us"))
                    .hasMessage("write.p99_us missing for benchmark 'readrandom': no 'Microseconds per write:'"
                            + " histogram after its result line (it has: read) — run db_bench with --histogram");
        }

        @Test
        void dbWideFiguresSayWhichFlagProducesThem() {
            DbBenchReport report = report(T8_SYNC);

            assertThatThrownBy(() -> report.require("fillrandom", "stall_percent"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("stall_percent missing for benchmark 'fillrandom': no 'Cumulative stall:' line"
                            + " (the DB Stats dump) in the output — add 'stats' to --benchmarks, e.g."
                            + " --benchmarks=fillrandom,stats");
            assertThatThrownBy(() -> report.require("fillrandom", "l0_files"))
                    .hasMessageContaining("l0_files missing for benchmark 'fillrandom'")
                    .hasMessageContaining("--benchmarks=fillrandom,stats,levelstats");
            assertThatThrownBy(() -> report.require("fillrandom", "stall_micros"))
                    .hasMessage("stall_micros missing for benchmark 'fillrandom': no 'rocksdb.stall.micros COUNT : n'"
                            + " ticker in the output — run db_bench with --statistics");
            assertThatThrownBy(() -> report.require("fillrandom", "stat.rocksdb.db.write.micros.p99"))
                    .hasMessage("stat.rocksdb.db.write.micros.p99 missing for benchmark 'fillrandom': no"
                            + " 'STATISTICS:' block in the output — run db_bench with --statistics");
        }

        @Test
        void unknownStatisticIsReportedWithTheNamingScheme() {
            DbBenchReport report = report(T1_STATISTICS);

            assertThatThrownBy(() -> report.require("fillrandom", "stat.rocksdb.db.write.micros.p999"))
                    .hasMessageStartingWith("stat.rocksdb.db.write.micros.p999 missing for benchmark 'fillrandom':"
                            + " no ticker or histogram 'rocksdb.db.write.micros.p999' in the STATISTICS block")
                    .hasMessageContaining("(p50, p95, p99, p100, count, sum)");
        }

        @Test
        void unknownMetricListsTheMetricsThatExist() {
            DbBenchReport report = report(T8_SYNC);

            assertThatThrownBy(() -> report.require("fillrandom", "p99"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessageStartingWith("unknown metric 'p99' for benchmark 'fillrandom'; it has: micros_per_op,"
                            + " ops_per_sec,")
                    .hasMessageContaining("p99_us")
                    .hasMessageEndingWith("(and stat.<name> with --statistics)");
        }

        @Test
        void unknownBenchmarkListsTheBenchmarksFound() {
            DbBenchReport report = report(FILLSEQ_READRANDOM);

            assertThatThrownBy(() -> report.require("fillrandom", "ops_per_sec"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("no benchmark 'fillrandom' in the db_bench output; benchmarks found:"
                            + " [fillseq, readrandom]");
            assertThatThrownBy(() -> report.metrics("levelstats"))
                    .hasMessageStartingWith("'levelstats' in --benchmarks prints a dump, not a result line");
        }
    }

    @Nested
    class BadInput {

        @Test
        void emptyStdoutQuotesTheEndOfStderr() {
            String stderr = "RocksDB:    version 7.8.3\n... finished 100 ops     \r"
                    + "Invalid argument: unknown benchmark 'fillrandomm'\n";

            assertThatThrownBy(() -> DbBenchReport.parse("", stderr))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("db_bench stdout is empty: there is no benchmark result line to read metrics from;"
                            + " last lines of stderr:\n  | RocksDB:    version 7.8.3\n"
                            + "  | Invalid argument: unknown benchmark 'fillrandomm'");
        }

        @Test
        void nullIsReadAsEmpty() {
            assertThatThrownBy(() -> DbBenchReport.parse(null))
                    .isInstanceOf(MetricsException.class)
                    .hasMessageStartingWith("db_bench stdout is empty");
        }

        @Test
        void outputWithoutResultLineQuotesTheFirstLinesSeen() {
            // Real stderr given where stdout belongs.
            String stderr = fixture(T8_STATS + ".stderr.txt");

            assertThatThrownBy(() -> DbBenchReport.parse(stderr))
                    .isInstanceOf(MetricsException.class)
                    .hasMessageStartingWith("no db_bench result line ('<benchmark> : <x> micros/op <n> ops/sec ...')"
                            + " in the output; is this db_bench output? First lines seen:\n"
                            + "  | RocksDB:    version 7.8.3\n"
                            + "  | Date:       Tue Nov 24 04:32:15 2026\n");
        }

        @Test
        void garbledResultLine() {
            assertThatThrownBy(() -> DbBenchReport.parse("header\nfillrandom   :       2.345 micros/op -nan ops/sec"
                    + " 1.2 seconds 500000 operations;\n"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("garbled db_bench output at line 2 ('-nan' is not a number): 'fillrandom   :       2.345"
                            + " micros/op -nan ops/sec 1.2 seconds 500000 operations;'; expected a finite decimal"
                            + " number there");
            assertThatThrownBy(() -> DbBenchReport.parse("fillrandom : 2.345 micros/op\n"))
                    .hasMessageStartingWith("garbled db_bench output at line 1 (benchmark result line):"
                            + " 'fillrandom : 2.345 micros/op'; expected '<benchmark> : <x> micros/op");
        }

        @Test
        void garbledPercentilesLine() {
            String stdout = fixture(T8_SYNC + ".stdout.txt").replace("P99: 2963.22", "P99: 29x3.22");

            assertThatThrownBy(() -> DbBenchReport.parse(stdout))
                    .isInstanceOf(MetricsException.class)
                    .hasMessageStartingWith("garbled db_bench output at line 28 ('29x3.22' is not a number):"
                            + " 'Percentiles: P50: 411.46");
        }

        @Test
        void garbledStallLine() {
            String stdout = fixture(T2_STALL + ".stdout.txt")
                    .replace("Cumulative stall: 00:00:1.725 H:M:S, 20.3 percent", "Cumulative stall: 1.725 s");

            assertThatThrownBy(() -> DbBenchReport.parse(stdout))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage("garbled db_bench output at line 157 (unexpected shape): 'Cumulative stall: 1.725 s';"
                            + " expected 'Cumulative stall: <h>:<m>:<s> H:M:S, <x> percent'");
        }

        @Test
        void histogramBeforeAnyResultLine() {
            assertThatThrownBy(() -> DbBenchReport.parse("Microseconds per write:\nCount: 1 Average: 1.0  StdDev: 0.0\n"))
                    .isInstanceOf(MetricsException.class)
                    .hasMessageStartingWith("garbled db_bench output at line 1 (histogram header before any"
                            + " benchmark result line)");
        }
    }
}
