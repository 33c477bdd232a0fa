package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateResult;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.internal.stats.GateVerdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/**
 * How a gate judges beyond pass and fail, on the stand-in benchmark ({@code gate/faketree/bench.sh}): the
 * detectable regression on every verdict, INCONCLUSIVE when it exceeds a limit (failing or warning), more looks
 * while undecided, the report entries and {@code gate-verdict.json}, and the busy-machine guard.
 */
class GateJudgementTest {
    static final List<GateResult> VERDICTS = new CopyOnWriteArrayList<>();

    @TempDir
    Path output;

    @Gate(candidateSlice = "src/test/resources/gate/noisy.txt", referenceSlice = "src/test/resources/gate/noisy.txt",
            inconclusive = Gate.Inconclusive.FAIL)
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Noisy {
        @Test
        void gate(GateRun gate) {
            VERDICTS.add(gate.verdict());
            gate.check();
        }
    }

    @Gate(candidateSlice = "src/test/resources/gate/noisy.txt", referenceSlice = "src/test/resources/gate/noisy.txt",
            maxLooks = 1) // inconclusive = WARN by default
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class NoisyWarning {
        @Test
        void gate(GateRun gate) {
            gate.check();
        }
    }

    @Gate(candidateSlice = "src/test/resources/gate/same.txt")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Quiet {
        @Test
        void gate(GateRun gate) {
            gate.check();
        }
    }

    @Gate(candidateSlice = "src/test/resources/gate/same.txt", busyMachine = Gate.BusyMachine.REFUSE)
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Strict {
        @Test
        void gate(GateRun gate) {
            gate.check();
        }
    }

    @Test
    void aGateTooNoisyForItsLimitsTakesAllItsLooksThenFailsAsInconclusiveWhenAskedTo() {
        VERDICTS.clear();
        Events tests = run(Noisy.class).assertStatistics(stats -> stats.failed(1));

        assertThat(VERDICTS).singleElement().satisfies(verdict -> {
            assertThat(verdict.passed()).isTrue();
            assertThat(verdict.inconclusive()).isTrue();
            assertThat(verdict.runsPerLook()).containsExactly(10, 20, 30);
            assertThat(verdict.throughput().detectableRatio()).isLessThan(0.97);
            assertThat(verdict.p99().detectableRatio()).isGreaterThan(1.05);
            assertThat(verdict.throughput().runsForLimit()).isGreaterThan(30);
        });
        assertThat(failure(tests).getMessage()).contains("Regression gate INCONCLUSIVE: no regression beyond the limits"
                        + " was seen, but throughput and p99 could not have seen one at their limits",
                "throughput (higher is better), allowed ratio >= 0.97: pass, INCONCLUSIVE",
                "runs used: 30 a side (looks at 10, 20, 30 runs; 3 planned, alpha 0.01 spent as 0.00333 a look)",
                "runs a side would detect it", "inconclusive = FAIL");
    }

    @Test
    void byDefaultAnInconclusiveGatePassesMarkedInconclusiveWithTheDetectableRegression() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Events tests;
        try {
            tests = run(NoisyWarning.class).assertStatistics(stats -> stats.succeeded(1));
        } finally {
            System.setOut(console);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Gate NoisyWarning INCONCLUSIVE (inconclusive = WARN,"
                + " passing)", "1 look(s)", "p99 could detect +", "(limit +5.0%: INCONCLUSIVE, ");
        assertThat(entries(tests)).containsEntry("aiopt.gate.outcome", "INCONCLUSIVE")
                .containsEntry("aiopt.gate.runs", "runs used: 10 a side (one look)");
    }

    @Test
    void aQuietGatePassesConclusivelyAndReportsWhatItCouldSee() throws IOException {
        Events tests = run(Quiet.class).assertStatistics(stats -> stats.succeeded(1));

        Map<String, String> entries = entries(tests);
        assertThat(entries).containsEntry("aiopt.gate.outcome", "PASS").containsKeys("aiopt.gate.machine");
        assertThat(entries.get("aiopt.gate.throughput.detectable")).startsWith("could detect -")
                .contains("at 80% power (limit -3.0%: conclusive, ");
        assertThat(entries.get("aiopt.gate.p99.detectable")).contains("(limit +5.0%: conclusive, ");
        Path json;
        try (Stream<Path> files = Files.walk(output.resolve("runs"))) {
            json = files.filter(p -> p.getFileName().toString().equals("gate-verdict.json")).findFirst().orElseThrow();
        }
        assertThat(json).content().contains("\"outcome\" : \"PASS\"", "\"detectable_ratio\"", "\"runs_for_limit\"",
                "\"runs_per_look\" : [ 10 ]", "\"load_at_start\"", "\"cores\"");
    }

    @Test
    void aBusyMachineIsNamedInTheVerdict() {
        GateRunner runner = new GateRunner(plan(Quiet.class), new PrintStream(new ByteArrayOutputStream()),
                () -> new MachineState.Snapshot(3.2, 2, "unknown", 0, 0));

        GateVerdict verdict = runner.measuredVerdict();

        assertThat(verdict.message()).contains("WARNING: the machine was busy: load 3.2 on 2 cores",
                "load 3.20 -> 3.20 (1-minute average) on 2 cores, steal unknown, governor unknown");
        runner.check(); // WARN judges: the quiet A/A gate still passes
    }

    @Test
    void strictModeRefusesToJudgeOnABusyMachineWithoutBuilding() {
        GateRunner runner = new GateRunner(plan(Strict.class), new PrintStream(new ByteArrayOutputStream()),
                () -> new MachineState.Snapshot(3.2, 2, "performance", 0, 0));

        assertThatThrownBy(runner::check).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Gate Strict refuses to judge (busyMachine = REFUSE): the machine was busy: load"
                        + " 3.2 on 2 cores when it started");
        assertThat(output.resolve("runs")).doesNotExist();
    }

    @Test
    void strictModeJudgesOnAQuietMachine() {
        GateRunner runner = new GateRunner(plan(Strict.class), new PrintStream(new ByteArrayOutputStream()),
                () -> new MachineState.Snapshot(0.5, 2, "performance", 0, 0));

        runner.check();

        assertThat(runner.verdict().message()).contains("machine: load 0.50 -> 0.50 (1-minute average) on 2 cores");
    }

    private GatePlan plan(Class<?> gateClass) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("aiopt.outputDir", output.resolve("runs").toString());
        return new GateFactory(gateClass, key -> Optional.ofNullable(parameters.get(key))).plan();
    }

    private Events run(Class<?> gateClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(gateClass))
                .configurationParameter("aiopt.outputDir", output.resolve("runs").toString()).execute().testEvents();
    }

    private static Map<String, String> entries(Events events) {
        Map<String, String> entries = new HashMap<>();
        events.reportingEntryPublished().stream()
                .forEach(e -> entries.putAll(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()));
        return entries;
    }

    private static Throwable failure(Events events) {
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
