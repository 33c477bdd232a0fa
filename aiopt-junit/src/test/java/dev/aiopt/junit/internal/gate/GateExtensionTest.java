package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.GateResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * Runs gates through the JUnit engine on a stand-in benchmark ({@code gate/faketree/bench.sh}) whose figures
 * each slice sets, so that every verdict is known in advance: real builds, real processes, no timing.
 */
class GateExtensionTest {
    static final List<GateResult> VERDICTS = new CopyOnWriteArrayList<>();

    @TempDir
    Path output;

    @Gate(candidateSlice = "src/test/resources/gate/same.txt")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class SameSource {
        @Test
        void gate(GateRun gate) {
            VERDICTS.add(gate.verdict());
            gate.check();
        }
    }

    @Gate(candidateSlice = "src/test/resources/gate/slower20.txt")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class TwentyPercentSlower {
        @Test
        void gate(GateRun gate) {
            gate.check();
        }
    }

    @Gate(baselineJson = "src/test/resources/gate/does-not-exist.json")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class History {
        @Test
        void gate(GateRun gate) {
            VERDICTS.add(gate.verdict());
            gate.check();
        }
    }

    @Gate(baselineJson = "stored.json", referenceSlice = "src/test/resources/gate/same.txt")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class BothReferences {
        @Test
        void gate(GateRun gate) {
            gate.check();
        }
    }

    @Test
    void sameRunPassesWhenCandidateAndReferenceAreEqual() {
        VERDICTS.clear();

        run(SameSource.class, Map.of()).assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(VERDICTS).singleElement().satisfies(verdict -> {
            assertThat(verdict.passed()).isTrue();
            assertThat(verdict.throughput().candidateRuns()).isEqualTo(10);
            assertThat(verdict.throughput().ratio()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.005));
            assertThat(verdict.throughput().test()).startsWith("paired: Wilcoxon signed-rank on 10 interleaved pairs");
            assertThat(verdict.p99().test()).startsWith("per-run p99, paired: Wilcoxon signed-rank on 10");
            assertThat(verdict.message()).contains("Same-run comparison, interleaved",
                    "candidate = slice src/test/resources/gate/same.txt",
                    "reference = the tree as given (the same source: an A/A check)");
        });
    }

    @Test
    void sameRunFailsOnATwentyPercentSlowdownWithRatioAndRawNumbers() {
        Events tests = run(TwentyPercentSlower.class, Map.of()).assertStatistics(stats -> stats.failed(1));

        String message = failure(tests).getMessage();
        // the Hodges-Lehmann estimate of the per-pair ratios; the reference's wobble runs three steps ahead
        assertThat(message).contains("Regression gate FAILED: throughput and p99 regressed",
                "throughput (higher is better), allowed ratio >= 0.97: FAIL, paired ratio -19.8%",
                "test: paired: Wilcoxon signed-rank on 10 interleaved pairs, bootstrap over pairs of the Hodges-Lehmann",
                "paired signed-rank p=0.00195, runs 10/10: WORSE",
                "p99 (lower is better), allowed ratio <= 1.05: FAIL, paired ratio +24.8%",
                "candidate runs: 79680, 80800, 80160", "reference runs: 99400, 100800, 100000", "Same-run comparison");
    }

    @Test
    void historyModeIsLabelledCrossRunAndUsesTheStoredNumbers() throws IOException {
        Path stored = output.resolve("stored.json");
        Files.writeString(stored, """
                {"ops_per_sec": [125000, 125500, 124500, 125200, 124800, 125100, 124900, 125300, 124700, 125000],
                 "p99_us": [8.0, 8.1, 7.9, 8.0, 8.05, 7.95, 8.0, 8.02, 7.98, 8.0]}
                """);

        Events tests = run(History.class, Map.of("aiopt.gate.baselineJson", stored.toString()))
                .assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("CROSS-RUN comparison against stored numbers from " + stored
                        + " (not interleaved; machine drift is not controlled)",
                "Regression gate FAILED", "reference runs: 125000, 125500", "test: unpaired: Mann-Whitney U on 10/",
                "Mann-Whitney p=");
    }

    @Test
    void recordedRunsServeAsTheBaselineOfALaterCrossRunGate() {
        Path recorded = output.resolve("baseline/gate.json");
        run(SameSource.class, Map.of("aiopt.gate.record", recorded.toString()))
                .assertStatistics(stats -> stats.succeeded(1));
        assertThat(recorded).exists().content().contains("\"ops_per_sec\"", "\"p99_us\"");
        VERDICTS.clear();

        run(History.class, Map.of("aiopt.gate.baselineJson", recorded.toString()))
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(VERDICTS).singleElement().satisfies(verdict -> {
            assertThat(verdict.passed()).isTrue();
            assertThat(verdict.throughput().referenceRuns()).isEqualTo(10);
            assertThat(verdict.message()).startsWith("Gate History: CROSS-RUN comparison against stored numbers from "
                    + recorded);
        });
    }

    @Test
    void missingBaselineJsonIsAClearError() {
        Events tests = run(History.class, Map.of()).assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("baseline JSON",
                Path.of("src/test/resources/gate/does-not-exist.json").toAbsolutePath().toString(), "does not exist",
                "-Daiopt.gate.record=");
    }

    @Test
    void baselineJsonAndReferenceSliceTogetherAreAClearError() {
        Events tests = run(BothReferences.class, Map.of()).assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("set either baselineJson", "from @Gate(baselineJson)",
                "or referenceSlice", "from @Gate(referenceSlice)", "not both");
    }

    @Test
    void aBaselineJsonFromAStrongerLayerSwitchesASameRunGateToHistoryMode() throws IOException {
        Path stored = output.resolve("stored.json");
        Files.writeString(stored, "{\"ops_per_sec\": [100000, 100100, 99900], \"p99_us\": [10.0, 10.1, 9.9]}");
        VERDICTS.clear();

        run(SameSource.class, Map.of("aiopt.gate.baselineJson", stored.toString()))
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(VERDICTS).singleElement().satisfies(verdict -> {
            assertThat(verdict.throughput().referenceRuns()).isEqualTo(3);
            assertThat(verdict.message()).contains("CROSS-RUN comparison against stored numbers from " + stored);
        });
    }

    @Test
    void aMissingSliceFileIsAClearError() {
        Events tests = run(SameSource.class, Map.of("aiopt.gate.candidateSlice", "no/such-slice.txt"))
                .assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("slice file", "no/such-slice.txt", "does not exist",
                "junit-platform.properties");
    }

    @Test
    void tooFewStoredRunsForTheConfidenceAreAClearError() throws IOException {
        Path stored = output.resolve("two.json");
        Files.writeString(stored, "{\"ops_per_sec\": [100000, 100100], \"p99_us\": [10.0, 10.1]}");

        Events tests = run(History.class, Map.of("aiopt.gate.baselineJson", stored.toString()))
                .assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("holds 2 stored runs", "against 10 candidate runs",
                "could never detect a regression at confidence 0.99", "Store at least 3 runs");
    }

    @Test
    void tooFewRepeatsForTheConfidenceAreAClearError() {
        Events tests = run(SameSource.class, Map.of("aiopt.gate.repeats", "3")).assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("gate SameSource", "gate repeats 3 could never detect",
                "use at least");
    }

    @Test
    void aCandidateThatDoesNotBuildFailsTheGateWithTheCompilerOutput() {
        Events tests = run(SameSource.class, Map.of("aiopt.build.cmd", "echo 'bench.sh:3: error: no fake compiler' >&2; exit 3"))
                .assertStatistics(stats -> stats.failed(1));

        assertThat(failure(tests).getMessage()).contains("Gate SameSource: the candidate",
                "cannot be measured: build failed (exit 3)", "no fake compiler");
    }

    private Events run(Class<?> gateClass, Map<String, String> parameters) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(gateClass))
                .configurationParameter("aiopt.outputDir", output.resolve("runs").toString());
        parameters.forEach(request::configurationParameter);
        return request.execute().testEvents();
    }

    private static Throwable failure(Events tests) {
        return tests.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
