package dev.aiopt.junit.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm executor against a real three-node cluster on this machine ({@link LocalSlurmCluster}): units
 * spread over the nodes, a failing job, a hanging job, a lost node, a killed submitting JVM.
 */
@Tag("slurm")
class SlurmExecutorTest {
    private static LocalSlurmCluster cluster;

    @TempDir
    Path shared;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalSlurmCluster.ensureRunning();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.stopIfStartedHere();
        }
    }

    private SlurmSettings.Builder settings() {
        return SlurmSettings.builder(shared).slurmConf(LocalSlurmCluster.slurmConf()).memory("300M")
                .leaseTimeout(Duration.ofSeconds(10));
    }

    @Test
    void spreadsUnitsOverTheNodesAndReturnsTheirResultsInOrder() {
        List<Unit> units = IntStream.rangeClosed(1, 6).mapToObj(i -> CommandUnit.of("u" + i,
                List.of("sh", "-c", "sleep 2; echo unit " + i + " on $AIOPT_NODE"), Duration.ofSeconds(120),
                Duration.ofSeconds(60), true)).toList();
        List<UnitOutcome> outcomes;
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            outcomes = executor.runAll(units);
        }
        assertThat(outcomes).extracting(UnitOutcome::unitId).containsExactly("u1", "u2", "u3", "u4", "u5", "u6");
        for (int i = 0; i < 6; i++) {
            UnitOutcome outcome = outcomes.get(i);
            assertThat(outcome.completed()).as(outcome.failureReason()).isTrue();
            assertThat(outcome.output().orElseThrow().path("exitCode").asInt()).isZero();
            assertThat(outcome.output().orElseThrow().path("log").asText())
                    .isEqualTo("unit " + (i + 1) + " on " + outcome.node());
            Attempt attempt = outcome.attempts().get(0);
            assertThat(attempt.jobId()).matches("[0-9]+");
            assertThat(attempt.node()).isEqualTo(outcome.node());
            assertThat(attempt.end()).isEqualTo(AttemptEnd.COMPLETED);
            assertThat(attempt.ran()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        // --exclusive: three nodes, one benchmark each at a time, so both waves use every node.
        assertThat(outcomes.stream().map(UnitOutcome::node).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("n1", "n2", "n3");
        assertThat(shared.resolve("u4/outcome.json")).content().contains("\"queueWaitMillis\"");
    }

    @Test
    void theJobCompletionLogAnswersForJobsSqueueMayHaveForgotten() throws Exception {
        SlurmCli cli = new SlurmCli(Optional.of(LocalSlurmCluster.slurmConf()));
        LocalSlurmCluster.Result job = LocalSlurmCluster.run(List.of("sbatch", "--parsable", "--mem=50M", "-o",
                "/dev/null", "--wrap", "exit 5"));
        String id = job.output().strip();
        awaitInactive(id);
        // No slurmdbd here: plain sacct fails and the executor falls back to sacct -c (jobcomp/filetxt).
        await(() -> cli.account(List.of(id)).containsKey(id), Duration.ofSeconds(20));
        JobState state = cli.account(List.of(id)).get(id);
        assertThat(state.state()).isEqualTo("FAILED");
        assertThat(state.node()).matches("n[123]");
        assertThat(state.active()).isFalse();
    }

    @Test
    void aCommandThatFailsIsTheUnitsResultNotAnInfrastructureFailure() {
        UnitOutcome outcome;
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            outcome = executor.runAll(List.of(CommandUnit.of("exit3", List.of("sh", "-c", "echo broken; exit 3"),
                    Duration.ofSeconds(60)))).get(0);
        }
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.attempts()).hasSize(1);
        assertThat(outcome.output().orElseThrow().path("exitCode").asInt()).isEqualTo(3);
        assertThat(outcome.output().orElseThrow().path("log").asText()).isEqualTo("broken");
    }

    @Test
    void aJobThatDiesIsRetriedOnAnotherNodeThenReportedWithSlurmsReason() {
        Unit halting = new Unit("halts", "halt", UnitFiles.JSON.createObjectNode(), Duration.ofSeconds(60), false);
        UnitOutcome outcome;
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            outcome = executor.runAll(List.of(halting)).get(0);
        }
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.attempts()).extracting(Attempt::end).containsExactly(AttemptEnd.FAILED, AttemptEnd.FAILED);
        assertThat(outcome.attempts().get(1).node()).isNotEqualTo(outcome.attempts().get(0).node());
        assertThat(outcome.failureReason()).startsWith("infrastructure failure of unit halts")
                .contains("Slurm: FAILED NonZeroExitCode on " + outcome.attempts().get(0).node());
    }

    @Test
    void aHangingJobIsCancelledAtTheUnitsTimeoutOnTwoNodes() throws Exception {
        Unit hanging = CommandUnit.of("hangs", List.of("sh", "-c", "echo $$ > sh.pid; exec sleep 300"),
                Duration.ofSeconds(3));
        UnitOutcome outcome;
        long start = System.nanoTime();
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            outcome = executor.runAll(List.of(hanging)).get(0);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.attempts()).extracting(Attempt::end)
                .containsExactly(AttemptEnd.TIMED_OUT, AttemptEnd.TIMED_OUT);
        assertThat(outcome.attempts().get(1).node()).isNotEqualTo(outcome.attempts().get(0).node());
        assertThat(outcome.failureReason()).contains("cancelled after the unit's timeout of 3 s");
        for (Attempt attempt : outcome.attempts()) {
            // Under load the job's JVM may still be starting when the timeout strikes: no command to outlive it.
            Path pid = shared.resolve("hangs/attempt-" + attempt.number() + "/sh.pid");
            if (Files.exists(pid)) {
                awaitGone(pid);
            }
            awaitInactive(attempt.jobId());
            assertThat(LocalSlurmCluster.jobState(attempt.jobId())).startsWith("CANCELLED|");
        }
    }

    @Test
    void aJobLostWithItsNodeIsRetriedOnAnotherNode() throws Exception {
        // The first attempt marks the unit and hangs until its node is lost; the retry finds the mark and ends.
        Unit unit = CommandUnit.of("lost", List.of("sh", "-c", "if [ ! -e ../lost-once ]; then touch ../lost-once;"
                + " exec sleep 300; fi; echo survived on $AIOPT_NODE"), Duration.ofSeconds(120));
        CompletableFuture<UnitOutcome> outcome;
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            outcome = CompletableFuture.supplyAsync(() -> executor.runAll(List.of(unit)).get(0));
            Path started = shared.resolve("lost/attempt-1/started.json");
            await(() -> Files.exists(shared.resolve("lost/lost-once")), Duration.ofSeconds(60));
            var job = UnitFiles.readJson(started).orElseThrow();
            LocalSlurmCluster.loseNode(job.path("node").asText(), job.path("jobId").asText());
            UnitOutcome result = outcome.get(120, TimeUnit.SECONDS);

            assertThat(result.completed()).as(result.failureReason()).isTrue();
            assertThat(result.attempts()).extracting(Attempt::end)
                    .containsExactly(AttemptEnd.NODE_LOST, AttemptEnd.COMPLETED);
            assertThat(result.attempts().get(0).node()).isEqualTo(job.path("node").asText());
            assertThat(result.attempts().get(0).detail()).contains("NODE_FAIL");
            assertThat(result.node()).isNotEqualTo(job.path("node").asText());
            assertThat(result.output().orElseThrow().path("log").asText()).isEqualTo("survived on " + result.node());
        } finally {
            LocalSlurmCluster.restoreNodes();
        }
        assertThat(LocalSlurmCluster.nodeStates()).containsOnlyKeys("n1", "n2", "n3").doesNotContainValue("down*");
    }

    @Test
    void aPreemptedJobIsRetriedOnAnotherNode() throws Exception {
        // The first attempt marks the unit and waits; a job of the higher-tier partition "urgent" then needs its
        // node, and Slurm cancels ours (PreemptMode=CANCEL). The retry finds the mark and ends.
        Unit unit = CommandUnit.of("preempted", List.of("sh", "-c", "if [ ! -e ../preempted-once ]; then"
                + " touch ../preempted-once; exec sleep 300; fi; echo survived on $AIOPT_NODE"), Duration.ofSeconds(120),
                Duration.ofSeconds(300), true);
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            CompletableFuture<UnitOutcome> outcome = executor.submit(unit);
            await(() -> Files.exists(shared.resolve("preempted/preempted-once")), Duration.ofSeconds(60));
            String node = UnitFiles.readJson(shared.resolve("preempted/attempt-1/started.json")).orElseThrow()
                    .path("node").asText();
            LocalSlurmCluster.Result urgent = LocalSlurmCluster.run(List.of("sbatch", "--parsable", "-p", "urgent",
                    "--exclusive", "--mem=100M", "-w", node, "-o", "/dev/null", "--wrap", "sleep 1"));
            assertThat(urgent.exitCode()).as(urgent.output()).isZero();
            UnitOutcome result = outcome.get(120, TimeUnit.SECONDS);

            assertThat(result.attempts()).extracting(Attempt::end)
                    .containsExactly(AttemptEnd.PREEMPTED, AttemptEnd.COMPLETED);
            assertThat(result.attempts().get(0).detail()).contains("Slurm: PREEMPTED on " + node);
            assertThat(result.node()).isNotEqualTo(node);
            assertThat(result.output().orElseThrow().path("log").asText()).isEqualTo("survived on " + result.node());
        }
    }

    @Test
    void aKilledJvmLeavesNoJobBehindAndAResumeAdoptsFinishedResults() throws Exception {
        // Lease of 3 s: once the submitting JVM is killed, the slow job ends itself.
        Process first = submitter(3);
        Path slowStarted = shared.resolve("slow/attempt-1/sh.pid");
        await(() -> Files.exists(shared.resolve("quick/attempt-1/exit-status")) && Files.exists(slowStarted),
                Duration.ofSeconds(60));
        String slowJob = UnitFiles.readJson(shared.resolve("slow/attempt-1/submitted.json")).orElseThrow()
                .path("jobId").asText();
        first.destroyForcibly().waitFor();
        await(() -> Files.exists(shared.resolve("slow/attempt-1/exit-status")), Duration.ofSeconds(30));
        assertThat(shared.resolve("slow/attempt-1/exit-status")).content().startsWith("3 lease lapsed");
        awaitGone(slowStarted);
        awaitInactive(slowJob);

        // Lease of 60 s: the job outlives the killed JVM, and the resume must cancel it.
        Process second = submitter(60);
        Path slowAgain = shared.resolve("slow/attempt-2/sh.pid");
        await(() -> Files.exists(slowAgain), Duration.ofSeconds(60));
        String orphan = UnitFiles.readJson(shared.resolve("slow/attempt-2/submitted.json")).orElseThrow()
                .path("jobId").asText();
        second.destroyForcibly().waitFor();
        assertThat(LocalSlurmCluster.jobState(orphan)).startsWith("RUNNING|");

        Files.createFile(shared.resolve("go"));
        List<UnitOutcome> resumed;
        try (SlurmExecutor executor = new SlurmExecutor(settings().build())) {
            resumed = executor.runAll(SubmitterMain.units());
        }
        assertThat(LocalSlurmCluster.jobState(orphan)).startsWith("CANCELLED|");
        UnitOutcome quick = resumed.get(0);
        assertThat(quick.adopted()).isTrue();
        assertThat(quick.attempts()).isEmpty();
        assertThat(new UnitFiles(shared.resolve("quick")).lastAttempt()).isEqualTo(1);
        UnitOutcome slow = resumed.get(1);
        assertThat(slow.adopted()).isFalse();
        assertThat(slow.attempts()).extracting(Attempt::number).containsExactly(3);
        assertThat(slow.output().orElseThrow().path("log").asText()).startsWith("slow on n");

        String env = Files.readString(shared.resolve("quick/attempt-1/env.txt"));
        assertThat(env).contains("AIOPT_ALLOWED=passed").doesNotContain("sk-must-not-leak");
    }

    private Process submitter(int leaseSeconds) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SubmitterMain.class.getName(), shared.toString(), LocalSlurmCluster.slurmConf().toString(),
                String.valueOf(leaseSeconds)).redirectErrorStream(true)
                .redirectOutput(shared.resolve("submitter-" + leaseSeconds + ".log").toFile());
        builder.environment().put("OPENAI_API_KEY", "sk-must-not-leak");
        builder.environment().put("AIOPT_ALLOWED", "passed");
        return builder.start();
    }

    private static void awaitGone(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), Duration.ofSeconds(20));
    }

    private static void awaitInactive(String jobId) throws Exception {
        Set<String> active = Set.of("PENDING", "RUNNING", "COMPLETING", "CONFIGURING");
        await(() -> !active.contains(LocalSlurmCluster.jobState(jobId).split("\\|")[0]), Duration.ofSeconds(30));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited " + limit.toSeconds() + " s in vain").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
