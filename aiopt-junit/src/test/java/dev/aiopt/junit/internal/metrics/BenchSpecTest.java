package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.metrics.MetricAxis.Direction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchSpecTest {

    @Test
    void blanksMeanAutoOpsPerSecAndP99() {
        BenchSpec spec = BenchSpec.of("", "fillrandom", "", "");

        assertThat(spec.format()).isEqualTo(BenchFormat.AUTO);
        assertThat(spec.throughput()).isEqualTo(new MetricAxis("ops_per_sec", Direction.HIGHER_IS_BETTER));
        assertThat(spec.latency()).contains(new MetricAxis("p99_us", Direction.LOWER_IS_BETTER));
    }

    @Test
    void axesTakeADirectionAndLatencyCanBeNone() {
        BenchSpec spec = BenchSpec.of("Google_Benchmark", "BM_x", "real_time_us:lower", "NONE");

        assertThat(spec.format()).isEqualTo(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(spec.throughput()).hasToString("real_time_us:lower");
        assertThat(spec.latency()).isEmpty();
        assertThat(BenchSpec.of("db-bench", "", "", "").format()).isEqualTo(BenchFormat.DB_BENCH);
    }

    @Test
    void wrongValuesAreNamedWithTheChoices() {
        assertThatThrownBy(() -> BenchSpec.of("json", "", "", "")).isInstanceOf(MetricsException.class)
                .hasMessage("unknown benchmark format 'json'; use one of db_bench, google-benchmark, aiopt-metric, auto");
        assertThatThrownBy(() -> BenchSpec.of("", "", "ops:faster", "")).hasMessageContaining("write 'higher' or 'lower'");
        assertThatThrownBy(() -> BenchSpec.of("", "", "ops per sec", "")).hasMessageContaining("without spaces");
    }

    @Test
    void detectionLooksAtStdoutThenTheJsonFile() {
        assertThat(BenchFormat.detect("note\n{\n \"context\": {}, \"benchmarks\": []}", Optional.empty()))
                .contains(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(BenchFormat.detect("x\n  aiopt-metric a=1\n", Optional.empty())).contains(BenchFormat.AIOPT_METRIC);
        assertThat(BenchFormat.detect("aiopt-metrics a=1\nfillseq : 1 micros/op 2 ops/sec;", Optional.empty()))
                .contains(BenchFormat.DB_BENCH);
        assertThat(BenchFormat.detect("Benchmark  Time  CPU", Optional.of("{\"benchmarks\": []}")))
                .contains(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(BenchFormat.detect("hello", Optional.of("{\"ops_per_sec\": 1}"))).isEmpty();
    }
}
