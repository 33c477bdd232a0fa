package dev.aiopt.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.Verify;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Shows that {@link WritePathGate}'s gate fires on a real regression: the candidate is a version of
 * {@code DB::Write} that adds an fdatasync every 256 writes ({@code versions/bad-regresses.cc}), measured against
 * the unchanged tree, and the gate must fail with a message that gives the ratios and the raw numbers.
 */
class SlowedWritePathGateTest {

    // This test is about the regression verdict, not the gate's power: pinned so that an inconclusive metric
    // never fails it, whatever the default.
    @Gate(candidateSlice = "src/test/resources/writepath/versions/bad-regresses.cc", inconclusive = Gate.Inconclusive.WARN)
    @EvolveBlock(root = "src/test/cpp/writepath", file = "writepath.cc")
    @Build(value = "g++ -std=c++17 -O2 -pthread writepath.cc -o writebench", timeoutSeconds = 120)
    @Verify(value = "./writebench --verify --num=20000 --threads=4 --db=$AIOPT_SCRATCH/verify", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./writebench --benchmarks=fillrandom --db=$AIOPT_SCRATCH/db",
            args = "--num=25000 --threads=4 --histogram=1", timeoutSeconds = 60)
    static class SlowedWritePathGate {
        @Test
        void gate(GateRun gate) {
            gate.check();
        }
    }

    @Test
    void gateFailsOnAnFdatasyncEvery256WritesWithARatioAndTheRawNumbers() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SlowedWritePathGate.class))
                .execute().testEvents().assertStatistics(stats -> stats.failed(1));

        Throwable failure = tests.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        System.out.println("The slowed write path fails the gate as it should:\n" + failure.getMessage());
        assertThat(failure).isInstanceOf(AssertionError.class);
        assertThat(failure.getMessage()).contains("Same-run comparison, interleaved",
                "candidate = slice src/test/resources/writepath/versions/bad-regresses.cc",
                "Regression gate FAILED", "regressed beyond the allowed limit",
                "test: paired: Wilcoxon signed-rank on ", "interleaved pairs", "Hodges-Lehmann ratio over the interleaved pairs",
                "candidate runs: ", "reference runs: ");
        assertThat(failure.getMessage()).containsPattern("(throughput|p99) \\((higher|lower) is better\\), allowed ratio "
                + "[<>]= [0-9.]+: FAIL, (paired ratio|merged p99) [+-][0-9.]+%");
    }
}
