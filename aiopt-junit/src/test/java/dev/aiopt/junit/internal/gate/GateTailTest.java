package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateResult;
import dev.aiopt.junit.internal.stats.GateVerdict;
import dev.aiopt.junit.internal.stats.Pairing;
import dev.aiopt.junit.internal.stats.TailRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Which p99 test a gate runs: merged histograms when every run carries one ({@code gate/histtree}), per-run p99
 * otherwise ({@code gate/faketree}), none when stored runs carry no latency; the verdict names it.
 */
class GateTailTest {
    private static final Supplier<MachineState.Snapshot> QUIET = () -> new MachineState.Snapshot(0.1, 2, "unknown", 0, 0);

    @TempDir
    Path output;

    @Gate(candidateSlice = "src/test/resources/gate/hist-same.txt",
            referenceSlice = "src/test/resources/gate/hist-same.txt", maxLooks = 1)
    @EvolveBlock(root = "src/test/resources/gate/histtree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "writes", command = "./fakebench", format = "aiopt-metric", latency = "write_us.p99")
    static class HistogramsAa {
    }

    @Gate(candidateSlice = "src/test/resources/gate/hist-tail30.txt",
            referenceSlice = "src/test/resources/gate/hist-same.txt", maxLooks = 1)
    @EvolveBlock(root = "src/test/resources/gate/histtree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "writes", command = "./fakebench", format = "aiopt-metric", latency = "write_us.p99")
    static class HistogramsSlowerTail {
    }

    @Gate(candidateSlice = "src/test/resources/gate/slower20.txt",
            referenceSlice = "src/test/resources/gate/same.txt", maxLooks = 1)
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class PerRun {
    }

    @Gate(candidateSlice = "src/test/resources/gate/same.txt", baselineJson = "src/test/resources/gate/ops-only.json")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class ThroughputOnlyHistory {
    }

    @Test
    void runsThatAllCarryAHistogramAreJudgedOnTheMergedTail() {
        GateVerdict same = runner(HistogramsAa.class).measuredVerdict();
        GateRunner slower = runner(HistogramsSlowerTail.class);
        GateVerdict worse = slower.measuredVerdict();

        assertThat(same.p99Test()).isEqualTo(TailRuns.Test.MERGED_HISTOGRAMS);
        assertThat(same.passed()).as(same.message()).isTrue();
        assertThat(same.message()).contains("p99 test: merged latency histograms, bootstrap over runs + permutation"
                + " test; ratio of merged p99 ");
        assertThat(worse.p99Test()).isEqualTo(TailRuns.Test.MERGED_HISTOGRAMS);
        assertThat(worse.p99Failed()).as(worse.message()).isTrue();
        assertThat(worse.throughputFailed()).isFalse();
        assertThat(worse.p99().ratio()).as("the merged p99 moves with SCALE 1.3").isBetween(1.2, 1.4);
        assertThat(worse.message()).contains("Regression gate FAILED: p99 regressed", "one-sided permutation p=");
        assertThatThrownBy(slower::check).isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void runsWithoutHistogramsKeepThePerRunP99Test() {
        GateVerdict verdict = runner(PerRun.class).measuredVerdict();

        assertThat(verdict.p99Test()).isEqualTo(TailRuns.Test.PER_RUN);
        assertThat(verdict.p99Failed()).as(verdict.message()).isTrue();
        assertThat(verdict.pairing()).isEqualTo(Pairing.INTERLEAVED_PAIRS);
        assertThat(verdict.message()).contains("p99 test: per-run p99, paired: Wilcoxon signed-rank on 10 interleaved"
                + " pairs, bootstrap over pairs of the Hodges-Lehmann ratio", "paired signed-rank p=");
    }

    @Test
    void storedRunsWithoutLatencySkipTheP99ComparisonAndSaySo() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        GateRunner runner = new GateRunner(plan(ThroughputOnlyHistory.class, Map.of()),
                new PrintStream(printed, true, StandardCharsets.UTF_8), QUIET);

        runner.check();
        GateResult result = runner.verdict();

        assertThat(runner.measuredVerdict().p99Test()).isEqualTo(TailRuns.Test.NONE);
        assertThat(runner.measuredVerdict().pairing()).as("stored runs were measured apart").isEqualTo(Pairing.INDEPENDENT);
        assertThat(result.throughput().test()).startsWith("unpaired: Mann-Whitney U on 10/");
        assertThat(result.passed()).isTrue();
        assertThat(result.p99().failed()).isFalse();
        // Relative stored-run paths resolve against the test class's module (newcomer UX), so the message names it whole.
        assertThat(result.message()).contains("p99: not compared (the stored runs in "
                + Path.of("src/test/resources/gate/ops-only.json").toAbsolutePath()
                + " carry no p99; throughput alone decides)");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("p99 not compared (no latency in the runs)");
        assertThat(GateReport.entries(runner.measuredVerdict(), null))
                .containsEntry("aiopt.gate.p99", "not compared: none: the runs carry no latency")
                .doesNotContainKey("aiopt.gate.p99.detectable");
    }

    private GateRunner runner(Class<?> gateClass) {
        return new GateRunner(plan(gateClass, Map.of()), new PrintStream(new ByteArrayOutputStream()), QUIET);
    }

    private GatePlan plan(Class<?> gateClass, Map<String, String> more) {
        Map<String, String> parameters = new HashMap<>(more);
        parameters.put("aiopt.outputDir", output.resolve("runs").toString());
        return new GateFactory(gateClass, key -> Optional.ofNullable(parameters.get(key))).plan();
    }
}
