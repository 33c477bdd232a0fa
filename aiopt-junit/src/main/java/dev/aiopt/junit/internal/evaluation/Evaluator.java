package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.metrics.DbBenchReport;
import dev.aiopt.junit.internal.metrics.MetricsException;
import dev.aiopt.junit.internal.metrics.MetricsJson;
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
import java.util.concurrent.locks.ReentrantLock;

/**
 * One self-contained unit of work: source in, result record out. Writes a program's source into a workspace,
 * builds it, runs the oracle, keeps its benchmark binaries, and benchmarks it against a reference, interleaved.
 * Nothing here knows about models or generations, so the same unit can later run elsewhere.
 */
public final class Evaluator {
    /** Benchmarks never overlap anywhere in this JVM: they would measure each other. Builds may. */
    private static final ReentrantLock BENCH_LOCK = new ReentrantLock(true);
    private static final String REQUIRED_THROUGHPUT = "ops_per_sec";
    private static final String REQUIRED_P99 = "p99_us";

    private final Commands commands;

    public Evaluator(Commands commands) {
        this.commands = commands;
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
        CommandResult build = CommandRunner.run(commands.build(), workspace.root(), env, commands.buildTimeout(),
                programDir.resolve("build"));
        if (!build.succeeded()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BUILD, build.timedOut()
                    ? "build timed out after " + commands.buildTimeout().toSeconds() + " s (" + commands.build() + ")"
                    : "build failed (exit " + build.exitCode() + "): " + build.errorExcerpt(12), build.stderrFile());
        }
        Duration verifyTime = Duration.ZERO;
        if (commands.verify().isPresent()) {
            CommandResult verify = CommandRunner.run(commands.verify().get(), workspace.root(), env,
                    commands.verifyTimeout(), programDir.resolve("verify"));
            verifyTime = verify.elapsed();
            if (!verify.succeeded()) {
                throw new EvaluationFailure(EvaluationFailure.Stage.VERIFY, verify.timedOut()
                        ? "verification timed out after " + commands.verifyTimeout().toSeconds() + " s"
                        : "verification failed (exit " + verify.exitCode() + "): " + verify.errorExcerpt(6),
                        verify.stdoutFile());
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
        CommandResult build = CommandRunner.run(profileBuild, workspace.root(), environment(workspace, id),
                commands.buildTimeout(), programDir.resolve("profile-build"));
        if (!build.succeeded()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BUILD, "profiling build failed (exit "
                    + build.exitCode() + "): " + build.errorExcerpt(12), build.stderrFile());
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
        List<Map<String, Double>> candidateRuns = new ArrayList<>();
        List<Map<String, Double>> referenceRuns = new ArrayList<>();
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
                Map<String, Double> a = runOnce(first, logDir.resolve(label + "-" + first.id()), scratch);
                Map<String, Double> b = runOnce(second, logDir.resolve(label + "-" + second.id()), scratch);
                if (measured) {
                    candidateRuns.add(candidateFirst ? a : b);
                    referenceRuns.add(candidateFirst ? b : a);
                }
            }
        } finally {
            BENCH_LOCK.unlock();
        }
        return new Measurement(candidateRuns, referenceRuns, Duration.ofNanos(System.nanoTime() - start));
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
                    Map<String, Double> result = runOnce(program, logDir.resolve(label + "-" + program.id()), scratch);
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
        createDirectories(logDir);
        List<Map<String, Double>> runs = new ArrayList<>();
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

    private Map<String, Double> runOnce(BuiltProgram program, Path logPrefix, Path scratch) {
        Path runScratch = scratch.resolve("bench");
        try {
            Workspace.deleteRecursively(runScratch);
            Files.createDirectories(runScratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty benchmark scratch directory " + runScratch, e);
        }
        Map<String, String> env = Map.of("AIOPT_SCRATCH", runScratch.toString(), "AIOPT_PROGRAM", program.id());
        CommandResult run = CommandRunner.run(commands.bench(), program.kit(), env, commands.benchTimeout(), logPrefix);
        if (run.timedOut()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BENCH, "benchmark of " + program.id()
                    + " hung: killed after " + commands.benchTimeout().toSeconds() + " s", run.stdoutFile());
        }
        if (!run.succeeded()) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BENCH, "benchmark of " + program.id()
                    + " failed (exit " + run.exitCode() + "): " + run.tail(8), run.stderrFile());
        }
        try {
            DbBenchReport report = DbBenchReport.parse(run.stdout(), run.stderr());
            Map<String, Double> metrics = new HashMap<>(report.metrics(commands.benchmark()));
            for (String required : List.of(REQUIRED_THROUGHPUT, REQUIRED_P99)) {
                metrics.put(required, report.require(commands.benchmark(), required));
            }
            if (commands.metricsJson().isPresent()) {
                metrics.putAll(MetricsJson.read(program.kit().resolve(commands.metricsJson().get())));
            }
            return metrics;
        } catch (MetricsException e) {
            throw new EvaluationFailure(EvaluationFailure.Stage.BENCH, "benchmark of " + program.id()
                    + " printed no usable figures: " + e.getMessage(), run.stdoutFile());
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
