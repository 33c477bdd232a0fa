package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.metrics.BenchReader;
import dev.aiopt.junit.internal.metrics.BenchRun;
import dev.aiopt.junit.internal.metrics.MetricsException;
import dev.aiopt.junit.internal.stats.LatencyHistogram;
import dev.aiopt.junit.internal.process.CommandResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One self-contained unit of work: source in, result record out. Writes a program's source into a workspace,
 * builds it, runs the oracle, keeps its benchmark binaries, and benchmarks it against a reference, interleaved.
 * Nothing here knows about models or generations, so the same unit can later run elsewhere.
 *
 * <p>Public because it is used by {@code evolution}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Evaluator {
    /** Benchmarks never overlap anywhere in this JVM: they would measure each other. Builds may. */
    private static final ReentrantLock BENCH_LOCK = new ReentrantLock(true);
    /** The name every run's throughput axis has in the run's figures, whatever metric it was read from. */
    public static final String THROUGHPUT = "ops_per_sec";
    /** The name the latency axis has in the run's figures; absent when the benchmark has none. */
    public static final String P99 = "p99_us";

    private final Commands commands;
    private final CommandRunner runner;

    /** An evaluator whose commands run isolated as {@code isolation} says, on this machine. */
    public Evaluator(Commands commands, Isolation isolation) {
        this.commands = commands;
        this.runner = CommandRunner.using(isolation.policy());
    }

    /** The runner of this evaluator's commands, for profilers that run the same programs. */
    public CommandRunner runner() {
        return runner;
    }

    public Commands commands() {
        return commands;
    }

    /**
     * Writes {@code source} to {@code file} in the workspace, builds, verifies and keeps the binaries in
     * {@code programDir/kit}; logs go to {@code programDir}.
     *
     * @throws EvaluationFailure at the first stage that fails, with the evidence
     */
    public BuiltProgram buildAndVerify(String id, Workspace workspace, String file, String source, Path programDir) {
        createDirectories(programDir);
        workspace.write(file, source);
        Map<String, String> env = environment(workspace, id);
        CommandResult build = runner.shell(commands.build(), workspace.root(), env, commands.buildTimeout(),
                programDir.resolve("build"));
        if (!build.succeeded()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BUILD, "build " + failure(build), build.stderrFile(),
                    build.elapsed(), Duration.ZERO);
        }
        Duration verifyTime = Duration.ZERO;
        if (commands.verify().isPresent()) {
            CommandResult verify = runner.shell(commands.verify().get(), workspace.root(), env,
                    commands.verifyTimeout(), programDir.resolve("verify"));
            verifyTime = verify.elapsed();
            if (!verify.succeeded()) {
                throw new EvaluationFailure(EvaluationFailure.Stage.VERIFY, "verification " + failure(verify),
                        verify.stdoutFile(), build.elapsed(), verifyTime);
            }
        }
        Path kit = programDir.resolve("kit");
        copyBinaries(id, workspace, kit, build);
        return new BuiltProgram(id, kit, build.elapsed(), verifyTime);
    }

    /**
     * Builds the profiling variant of a program (debug information, fewer inlined frames) with
     * {@code profileBuild} and keeps its binaries in {@code programDir/profile-kit}; the benchmark kit is untouched.
     *
     * @throws EvaluationFailure when the profiling build fails
     */
    public Path buildProfileKit(String id, Workspace workspace, String file, String source, String profileBuild,
            Path programDir) {
        createDirectories(programDir);
        workspace.write(file, source);
        CommandResult build = runner.shell(profileBuild, workspace.root(), environment(workspace, id),
                commands.buildTimeout(), programDir.resolve("profile-build"));
        if (!build.succeeded()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BUILD, "profiling build " + failure(build),
                    build.stderrFile());
        }
        Path kit = programDir.resolve("profile-kit");
        copyBinaries(id, workspace, kit, build);
        return kit;
    }

    /**
     * Runs candidate and reference interleaved, {@code warmups} discarded pairs first, then {@code repeats}
     * measured pairs, holding the JVM-wide benchmark lock throughout.
     *
     * @throws EvaluationFailure when a run fails, hangs or prints no usable figures; the message says whose
     */
    public Measurement measure(BuiltProgram candidate, BuiltProgram reference, int repeats, int warmups, Path logDir,
            Path scratch) {
        createDirectories(logDir);
        List<Figures> candidateRuns = new ArrayList<>();
        List<Figures> referenceRuns = new ArrayList<>();
        long start = System.nanoTime();
        BENCH_LOCK.lock();
        try {
            for (int i = 0; i < warmups + repeats; i++) {
                boolean measured = i >= warmups;
                String label = measured ? "run" + (i - warmups + 1) : "warmup" + (i + 1);
                // Alternate who goes first so that neither side always runs on a warmer machine.
                boolean candidateFirst = i % 2 == 0;
                BuiltProgram first = candidateFirst ? candidate : reference;
                BuiltProgram second = candidateFirst ? reference : candidate;
                Figures a = runOnce(first, logDir.resolve(label + "-" + first.id()), scratch);
                Figures b = runOnce(second, logDir.resolve(label + "-" + second.id()), scratch);
                if (measured) {
                    candidateRuns.add(candidateFirst ? a : b);
                    referenceRuns.add(candidateFirst ? b : a);
                }
            }
        } finally {
            BENCH_LOCK.unlock();
        }
        return new Measurement(metrics(candidateRuns), metrics(referenceRuns), histograms(candidateRuns),
                histograms(referenceRuns), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Benchmarks N programs round-robin under one hold of the benchmark lock: {@code warmups} discarded rounds, then
     * {@code repeats} measured rounds, round r running programs r, r + 1, ... (mod N), so each position is taken by
     * each program equally often over N rounds. Returns each program's runs, in the programs' order.
     */
    public List<List<Map<String, Double>>> measureRoundRobin(List<BuiltProgram> programs, int repeats, int warmups,
            Path logDir, Path scratch) {
        createDirectories(logDir);
        int n = programs.size();
        List<List<Map<String, Double>>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(new ArrayList<>());
        }
        BENCH_LOCK.lock();
        try {
            for (int round = 0; round < warmups + repeats; round++) {
                boolean measured = round >= warmups;
                String label = measured ? "run" + (round - warmups + 1) : "warmup" + (round + 1);
                for (int k = 0; k < n; k++) {
                    int index = (round + k) % n;
                    BuiltProgram program = programs.get(index);
                    Map<String, Double> result = runOnce(program, logDir.resolve(label + "-" + program.id()), scratch)
                            .metrics();
                    if (measured) {
                        runs.get(index).add(result);
                    }
                }
            }
        } finally {
            BENCH_LOCK.unlock();
        }
        return runs;
    }

    /** Runs one program's benchmark {@code repeats} times on its own (baseline figures, gates). */
    public List<Map<String, Double>> measureAlone(BuiltProgram program, int repeats, Path logDir, Path scratch) {
        return metrics(measureAloneWithHistograms(program, repeats, logDir, scratch));
    }

    /**
     * As {@link #measureAlone}, with each run's latency histogram when its output carried one.
     */
    public List<Figures> measureAloneWithHistograms(BuiltProgram program, int repeats, Path logDir, Path scratch) {
        createDirectories(logDir);
        List<Figures> runs = new ArrayList<>();
        BENCH_LOCK.lock();
        try {
            for (int i = 0; i < repeats; i++) {
                runs.add(runOnce(program, logDir.resolve("run" + (i + 1) + "-" + program.id()), scratch));
            }
        } finally {
            BENCH_LOCK.unlock();
        }
        return runs;
    }

    /**
     * One run's figures: every metric the output held, the throughput axis as {@value #THROUGHPUT} and the
     * latency axis (unless {@code none}) as {@value #P99}, and the latency histogram when the output had one.
     */
    public record Figures(Map<String, Double> metrics, Optional<LatencyHistogram> histogram) {
        public Figures {
            metrics = Map.copyOf(metrics);
            Objects.requireNonNull(histogram, "histogram");
        }
    }

    private static List<Map<String, Double>> metrics(List<Figures> runs) {
        return runs.stream().map(Figures::metrics).toList();
    }

    // Every run's histogram, or none: a merged-tail test over some runs only would compare other samples.
    private static List<LatencyHistogram> histograms(List<Figures> runs) {
        return runs.stream().allMatch(f -> f.histogram().isPresent())
                ? runs.stream().map(f -> f.histogram().get()).toList() : List.of();
    }

    private Figures runOnce(BuiltProgram program, Path logPrefix, Path scratch) {
        Path runScratch = scratch.resolve("bench");
        try {
            Workspace.deleteRecursively(runScratch);
            Files.createDirectories(runScratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty benchmark scratch directory " + runScratch, e);
        }
        Map<String, String> env = Map.of("AIOPT_SCRATCH", runScratch.toString(), "AIOPT_PROGRAM", program.id());
        CommandResult run = runner.shell(commands.bench(), program.kit(), env, commands.benchTimeout(), logPrefix);
        if (run.timedOut()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BENCH, "benchmark of " + program.id()
                    + " hung: " + run.reason(), run.stdoutFile());
        }
        if (!run.succeeded()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BENCH, "benchmark of " + program.id() + " "
                    + failure(run), run.stderrFile());
        }
        try {
            BenchRun bench = BenchReader.read(run.stdout(), run.stderr(),
                    commands.metricsJson().map(program.kit()::resolve), commands.spec());
            Map<String, Double> metrics = new HashMap<>(bench.metrics());
            metrics.put(THROUGHPUT, bench.throughput());
            metrics.remove(P99); // a benchmark with latency = none has no latency axis, whatever else it printed
            bench.latency().ifPresent(latency -> metrics.put(P99, latency));
            return new Figures(metrics, bench.histogram());
        } catch (MetricsException | IllegalArgumentException e) {
            // A run that exited 0 may still have been capped (a gigabyte of output): the reason says so.
            String refused = run.refusals().isEmpty() ? "" : " (" + String.join("; ", run.refusals()) + ")";
            throw new EvaluationFailure(EvaluationFailure.Stage.BENCH, "benchmark of " + program.id()
                    + " printed no usable figures: " + e.getMessage() + refused, run.stdoutFile());
        }
    }

    private void copyBinaries(String id, Workspace workspace, Path kit, CommandResult build) {
        for (String binary : commands.binaries()) {
            Path from = workspace.root().resolve(binary);
            if (!Files.isRegularFile(from)) {
                throw new EvaluationFailure(EvaluationFailure.Stage.BUILD, "the build succeeded but did not produce "
                        + binary + " in the tree; fix @Bench(binaries) or the build command", build.stdoutFile());
            }
            try {
                Path to = kit.resolve(binary);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep " + binary + " for program " + id, e);
            }
        }
    }

    // "failed (exit 1): <refusals>; <compiler errors>" or "timed out (timed out after 30 s: killed at ...)".
    private static String failure(CommandResult result) {
        String reason = result.reason();
        if (result.timedOut()) {
            return "timed out (" + reason + ")";
        }
        String ending = "exit " + result.exitCode();
        return reason.startsWith(ending + ": ") ? "failed (" + ending + "): " + reason.substring(ending.length() + 2)
                : "failed (" + reason + ")";
    }

    private static Map<String, String> environment(Workspace workspace, String id) {
        return Map.of("AIOPT_WORKSPACE", workspace.root().toString(), "AIOPT_SCRATCH", workspace.scratch().toString(),
                "AIOPT_PROGRAM", id);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
