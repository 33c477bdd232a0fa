package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.process.CommandRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real coz on the toy bottleneck ({@code toy.c}: {@code slow_work()} at line 16 runs under a global mutex).
 * Skipped where coz, gcc or {@code perf_event_open} is unavailable.
 */
@Tag("coz")
class CozRunnerTest {
    private static final SliceMapping TOY_SLICE = new SliceMapping("toy.c", 14, 11); // slow_work and fast_work

    @TempDir
    static Path dir;

    @BeforeAll
    static void compileToyAndCheckThatCozCanSample() throws Exception {
        assumeTrue(CozRunner.onPath("coz").isPresent(), "coz is not installed (apt-get install coz-profiler)");
        assumeTrue(CozRunner.onPath("gcc").isPresent(), "gcc is not installed");
        OptionalInt paranoid = PerfRunner.perfEventParanoid();
        assumeTrue(paranoid.isEmpty() || paranoid.getAsInt() <= 2,
                "perf_event_open is refused: /proc/sys/kernel/perf_event_paranoid is " + paranoid);
        Files.copy(TestResources.path("coz/toy.c"), dir.resolve("toy.c"));
        compile("toy", ProfilerException.BUILD_FLAGS.split(" "));
        GroupProcess.Outcome probe = GroupProcess.run(CommandRunner.defaults(), List.of("coz", "run", "-o", "probe.coz", "---", "/bin/true"),
                dir, java.util.Map.of(), Duration.ofSeconds(30), dir.resolve("probe.log"));
        String log = GroupProcess.fullLog(dir.resolve("probe.log"));
        assumeTrue(!log.contains("perf event") && !log.contains("perf_event"),
                "perf_event_open is refused here, coz cannot sample: " + probe.logTail());
    }

    private static void compile(String output, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc", "-O1"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", output, "toy.c", "-lpthread", "-ldl"));
        Process gcc = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as("gcc exit status").isZero();
    }

    @Test
    void findsTheCriticalSectionAmongTheTopHotspots() {
        CozRunResult result = CozRunner.using("coz").run(CozRunOptions.of(List.of("./toy", "1000000"),
                dir.resolve("plain.coz")).withDurationCap(Duration.ofSeconds(18)));

        assertThat(result.stoppedAtCap()).isTrue();
        assertThat(result.profile().experimentCount()).isGreaterThan(5);
        assertThat(CozRunner.rankLines(result.profile()).get(0)).endsWith("toy.c:16");
        CausalProfile analysis = result.profile().analyze(ViewerVariant.HEAD, 3);
        List<Hotspot> hotspots = analysis.hotspots(TOY_SLICE);
        assertThat(hotspots.stream().limit(3)).as(hotspots.toString())
                .anySatisfy(h -> assertThat(h.sliceLine()).hasValue(3));
        assertThat(FeedbackSummary.of(analysis, TOY_SLICE, "", 3).render()).contains("slice line 3");
    }

    @Test
    void fixedLineRunsExperimentOnlyOnThatLine() {
        RankedCozResult result = CozRunner.using("coz").fixedLineRuns(CozRunOptions.of(List.of("./toy", "1000000"),
                dir.resolve("fixed.coz")).withSourceScope("%/toy.c"), List.of("toy.c:16"), Duration.ofSeconds(6));

        assertThat(result.runs()).singleElement().satisfies(run -> {
            assertThat(run.profileFile()).hasFileName("fixed-line1.coz");
            assertThat(run.profile().records()).filteredOn(r -> r instanceof CozRecord.Experiment)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(((CozRecord.Experiment) r).selected()).endsWith("toy.c:16"));
        });
    }

    @Test
    void aBinaryWithoutDebugInformationFailsWithTheFlagsToBuildWith() throws Exception {
        compile("toy_nodebug");

        assertThatThrownBy(() -> CozRunner.using("coz").run(CozRunOptions.of(List.of("./toy_nodebug", "5"),
                dir.resolve("nodebug.coz")).withDurationCap(Duration.ofSeconds(30))))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("no debug information for " + dir.resolve("toy_nodebug"))
                .hasMessageContaining(ProfilerException.BUILD_FLAGS);
    }

    @Test
    void dwarf5FailsWithTheFlagsToBuildWith() throws Exception {
        compile("toy_dwarf5", "-g", "-gdwarf-5");

        assertThatThrownBy(() -> CozRunner.using("coz").run(CozRunOptions.of(List.of("./toy_dwarf5", "5"),
                dir.resolve("dwarf5.coz")).withDurationCap(Duration.ofSeconds(30))))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("DWARF")
                .hasMessageContaining(ProfilerException.BUILD_FLAGS);
    }

    @Test
    void perfRanksTheCriticalSectionFirst() {
        assumeTrue(CozRunner.onPath("perf").isPresent(), "perf is not installed (apt-get install linux-perf)");

        PerfReport report = PerfRunner.locate().recordAndReport(List.of("./toy", "40"), dir, dir.resolve("perf.data"),
                Duration.ofSeconds(30));

        assertThat(report.hasSourceLines()).isTrue();
        assertThat(report.rankedSourceLines().get(0).getKey()).endsWith("toy.c:16");
        assertThat(report.cpuShare().hasOffCpu()).isFalse();
    }
}
