package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which p99 test the runs allow, and the gate's verdict with each. */
class TailRunsTest {
    private static final Samples P99 = Samples.of(new double[] {3, 3.1, 2.9}, new double[] {3, 3.05, 2.95});
    private static final Samples OPS = Samples.of(new double[] {100, 101, 99, 100, 100, 101, 99, 100, 100, 101},
            new double[] {100, 101, 99, 100, 100, 101, 99, 100, 100, 101});
    private static final LatencyHistogram A = new LatencyHistogram("us", new double[] {0, 1, 2, 3}, new long[] {10, 0, 10});
    private static final LatencyHistogram SPLITS_A = new LatencyHistogram("us", new double[] {0, 2, 3}, new long[] {10, 10});

    @Test
    void histogramsOnEveryRunMeanTheMergedTestElsePerRun() {
        assertThat(TailRuns.of(P99, List.of(A, A, A), List.of(A, A, A)).test()).isEqualTo(TailRuns.Test.MERGED_HISTOGRAMS);
        assertThat(TailRuns.of(P99, List.of(), List.of(A, A, A)).test()).isEqualTo(TailRuns.Test.PER_RUN);
        assertThat(TailRuns.of(P99, List.of(A, A, A), List.of(SPLITS_A, A, A)).test())
                .as("buckets that cannot be merged").isEqualTo(TailRuns.Test.PER_RUN);
        assertThat(TailRuns.none().test()).isEqualTo(TailRuns.Test.NONE);
        assertThatThrownBy(() -> new TailRuns(java.util.Optional.of(P99), List.of(A), List.of(A, A, A)))
                .hasMessageContaining("one per run");
    }

    @Test
    void withoutLatencyTheGateJudgesThroughputAloneAndSaysSo() {
        GateVerdict verdict = RegressionGate.evaluate(OPS, TailRuns.none(), GateSettings.defaults());

        assertThat(verdict.p99Test()).isEqualTo(TailRuns.Test.NONE);
        assertThat(verdict.p99Failed()).isFalse();
        assertThat(verdict.p99Runs()).isNull();
        assertThat(verdict.p99Inconclusive()).isFalse();
        assertThat(verdict.message()).contains("p99: not compared (the runs carry no latency figure; throughput alone"
                + " decides)").doesNotContain("p99 (lower is better)");
    }
}
