package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.Evaluation;
import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.LocalEvaluation;
import dev.aiopt.junit.internal.evaluation.SlurmEvaluation;
import dev.aiopt.junit.internal.executor.SlurmExecutor;
import dev.aiopt.junit.internal.evaluation.MeasurementPlan;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitProgram;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import dev.aiopt.junit.internal.runfile.RunFile.Causal;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.aiopt.junit.internal.judge.Levels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One run of an experiment, as plain calls: measure the {@linkplain #baseline() baseline}, {@linkplain
 * #planGeneration(int) plan a generation} (parents drawn from the program database), {@linkplain
 * #evaluate(Candidate) evaluate} each candidate (it lands in the run's state and files), and re-measure the
 * {@linkplain #champion() champion} against the baseline. The run is checkpointed after every candidate and can
 * be resumed. What it prints and publishes goes to a {@link RunListener}; the JUnit tree is the extension's.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class EvolutionRun implements AutoCloseable {
    static final String THROUGHPUT = Cascade.THROUGHPUT;
    static final String P99 = Cascade.P99;
    static final String BASELINE_ID = "g0-baseline";
    /** The run's journal in its directory; a run directory without one cannot be resumed. */
    public static final String JOURNAL = RunJournal.FILE_NAME;
    /** Where each attempt (session) of a run keeps its workspaces, one directory per attempt. */
    public static final String WORKSPACES = "workspaces";

    private ExperimentPlan plan; // its measurement changes once, when the calibration chose a run length
    private final RunRecord record;
    private final RunState state;
    private final RunJournal journal;
    private final RunBudget budget;
    private ProfileStage profiles;
    private Cascade cascade;
    private final Function<Workspace, Evaluation> evaluations;
    private final RunListener listener;
    private final boolean resumed;
    private final int parallelism;
    private final String label;
    private EliteMeasurement elites;
    private final BlockingQueue<Workspace> workspaces;
    private final Path attempt;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private volatile boolean stopped;
    private final RunProgress progress = RunProgress.wallClock();
    private volatile ChampionResult championResult;
    private final RunLock lock;
    private final Kits kits;
    private final FreeSpace freeSpace;

    /** A planned candidate's engine-side half: its slot and, with parallelism, its running evaluation. */
    private record Pending(Slot slot, Future<ProgramResult> future) {
    }

    /**
     * @param listener hears the console lines and report entries
     */
    public EvolutionRun(ExperimentPlan plan, RunListener listener) {
        this.plan = plan;
        this.listener = listener;
        this.resumed = plan.run().resume();
        this.state = resumed ? RunState.replay(plan)
                : new RunState(new ProgramDatabase(DatabaseConfig.defaults(plan.search().seed())
                        .withIslands(plan.search().islands())));
        this.lock = RunLock.acquire(plan.run().directory());
        try {
            plan.run().disk().keepRuns().ifPresent(keep -> OldRuns.prune(plan.run().directory(), keep).forEach(old ->
                    listener.line("[aiopt] aiopt.prune.keepRuns=" + keep + ": deleted the old run " + old)));
            this.journal = resumed ? RunJournal.reopen(plan.run().directory())
                    : RunJournal.create(plan.run().directory(), RunState.header(plan));
            this.budget = new RunBudget(plan.model().ledger(), state, journal, resumed);
            this.record = new RunRecord(plan, state);
            this.evaluations = evaluations(plan.run());
            this.label = plan.model().model().offline() ? "[aiopt offline replay]" : "[aiopt]";
            stages();
            this.parallelism = plan.search().parallelism();
            this.workspaces = new ArrayBlockingQueue<>(parallelism);
            this.attempt = Attempts.fresh(plan.run().directory().resolve(WORKSPACES));
            this.kits = new Kits(plan, state);
            this.freeSpace = new FreeSpace(plan, kits);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    // The stages that benchmark, built again when the calibration changed the plan's measurement.
    private void stages() {
        this.profiles = new ProfileStage(plan, state, new Profiling(plan), record::note, listener, label);
        Proposer proposer = new Proposer(plan, state, profiles, note -> {
            record.note(note);
            listener.line(label + " " + note);
        });
        this.cascade = new Cascade(plan, state, proposer, profiles, evaluations, plan.fitness());
        this.elites = new EliteMeasurement(plan, state, evaluations);
    }

    private void useCalibration(Calibration.Choice choice, boolean restored) {
        plan = plan.withMeasurement(plan.measurement().calibrated(choice.length(), choice.repeats()));
        stages();
        List<String> lines = choice.describe();
        record.note(lines.get(0));
        listener.line(label + " " + String.join("\n", lines) + (restored ? "\n    (resumed: the choice of "
                + Calibration.FILE + ")" : ""));
    }

    // aiopt.executor=slurm: one executor (one squeue poller) for the run's evaluations, whatever the workspace.
    private static Function<Workspace, Evaluation> evaluations(RunSettings run) {
        if (run.slurm().isEmpty()) {
            return LocalEvaluation::new;
        }
        SlurmEvaluation slurm = new SlurmEvaluation(new SlurmExecutor(run.slurm().get()), run.sourceRoot(),
                run.workspaceCommand(), run.slurmUnitTimeout());
        return workspace -> slurm;
    }

    /** What this run was resolved from. */
    public ExperimentPlan plan() {
        return plan;
    }

    /** The run directory, where {@code run.json} is. */
    public Path runDirectory() {
        return plan.run().directory();
    }

    /** Whether the run stopped for good (the baseline failed): nothing more is planned. */
    public boolean stopped() {
        return stopped;
    }

    /** Whether the baseline landed in an earlier session (a resumed run). */
    public boolean baselineLanded() {
        return state.result(BASELINE_ID).isPresent();
    }

    private void printHeader() {
        listener.line(label + " " + plan.experiment() + " / track " + plan.track().id() + " / model: "
                + plan.model().model().describe() + (resumed ? " / RESUMED from " + plan.run().directory() : ""));
        listener.line(label + " effective configuration:\n" + Setting.describe(plan.settings()));
        listener.line(label + " " + budget.describe(resumed));
        plan.measurement().isolation().runNotice().ifPresent(notice -> listener.line(label + " " + notice));
        listener.line(label + " slice: " + plan.slice().file() + " " + plan.slice().how() + " ("
                + plan.slice().length() + " lines); run directory " + plan.run().directory().toAbsolutePath());
    }

    private Workspace workspace(int index) {
        return Workspace.create(plan.run().sourceRoot(), attempt.resolve("w" + index),
                plan.run().workspaceCommand().orElse(null));
    }

    /**
     * Measures the unmodified slice (or, resumed, restores its result).
     *
     * @throws InfrastructureFault when the unmodified program does not build, verify or run: no candidate can be
     *     judged, and the run stops
     */
    public ProgramResult baseline() {
        printHeader();
        if (baselineLanded()) {
            workspaces.add(workspace(0));
            Calibration.read(plan.run().directory()).ifPresent(choice -> useCalibration(choice, true));
            ProgramResult baseline = state.result(BASELINE_ID).orElseThrow();
            listener.line(ResultLine.of(label, baseline) + " (resumed)");
            progress.baselineDone();
            return baseline;
        }
        String slice = plan.slice().text();
        try {
            freeSpace.requireBeforeBuilding(BASELINE_ID);
            Workspace workspace = workspace(0);
            workspaces.add(workspace);
            EvaluationUnit unit = new EvaluationUnit(BASELINE_ID, plan.measurement().commands(), List.of(
                    UnitProgram.toBuild(BASELINE_ID, plan.slice().file(), plan.slice().reassemble(slice),
                            programDir(BASELINE_ID))),
                    MeasurementPlan.fixed(plan.measurement().repeats(), 0, programDir(BASELINE_ID).resolve("bench")), plan.measurement().isolation());
            UnitResult evaluated = evaluations.apply(workspace).evaluate(unit);
            ProgramRun run = evaluated.first();
            if (run.reached() != ProgramRun.Reached.MEASURED) {
                String stage = switch (run.reached()) {
                    case BUILD_FAILED -> "BUILD";
                    case VERIFY_FAILED -> "VERIFY";
                    default -> "BENCH";
                };
                stop("infrastructure fault: the unmodified program fails " + stage);
                throw new InfrastructureFault("infrastructure fault: the unmodified program (baseline) fails at "
                        + stage + ", so no candidate can be judged. Fix the target or the commands first.\n"
                        + run.message() + (run.evidence() == null ? "" : "\nfull output: " + run.evidence()), null);
            }
            List<Map<String, Double>> runs = run.runs();
            state.built(run.built());
            Timings timings = Timings.NONE.withBuild(run.buildMillis(), run.verifyMillis())
                    .withBench(evaluated.benchMillis());
            if (plan.measurement().calibrates()) {
                long calibrationStart = System.nanoTime();
                Calibration.Choice choice = Calibration.run(plan, run.kit(), evaluations.apply(workspace),
                        programDir(BASELINE_ID).resolve("calibration"));
                useCalibration(choice, false);
                listener.line(String.format("%s calibrated in %.0f s (%d lengths x %d runs and a warm-up)", label,
                        (System.nanoTime() - calibrationStart) / 1e9, choice.options().size(),
                        plan.measurement().calibration().runsPerLength()));
                runs = choice.baselineRuns(); // its figures at the length every candidate is measured at
            }
            Causal causal = null;
            Optional<Profiling.Profiled> profiled = profiles.profile(BASELINE_ID, slice,
                    plan.slice().reassemble(slice), workspace);
            if (profiled.isPresent()) {
                causal = Profiling.causal(profiled.get(), 0.0, "the baseline: the reference of the causal level");
                timings = timings.withProfile(profiled.get().millis());
            }
            ProgramResult result = new ProgramResult(Origin.baseline(BASELINE_ID), new Outcome(Status.BASELINE, null),
                    slice, Program.sha256(slice), new Measured(Cascade.medians(runs), runs, Ratio.unity(BASELINE_ID),
                            Ratio.unity(BASELINE_ID), List.of(), Levels.BASELINE), plan.fitness().baseline(), causal, null, timings,
                    List.of()).placedOn(evaluated.placement());
            land(result, new RunJournal.DatabaseEntry(null, 0, true));
            progress.baselineDone();
            return result;
        } catch (InfrastructureFault e) {
            if (!stopped) {
                stop(e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            if (CommandRunner.shuttingDown()) {
                throw e; // stopped by a SIGTERM: the run is resumable, not faulty
            }
            stop("infrastructure fault: " + e.getMessage());
            throw e;
        }
    }

    private void stop(String reason) {
        stopped = true;
        record.stop(reason);
        record.write();
    }

    /** Why the run stopped for good, if it did (the baseline failed, the disk is full). */
    public Optional<String> stopReason() {
        return stopped ? Optional.ofNullable(record.stopReason()) : Optional.empty();
    }

    /** Why the run may not start more candidates (the budget is exhausted), if so; recorded in run.json. */
    public Optional<String> budgetStop() {
        Optional<String> budget = plan.model().ledger().exhausted().map(e -> e.message());
        budget.ifPresent(b -> record.stop("budget: " + b));
        return budget;
    }

    /**
     * Plans generation {@code number}: restores it when the checkpoint holds it, else draws its parents now. With
     * parallelism, its candidates start evaluating at once.
     */
    public Generation planGeneration(int number) {
        record.write();
        if (number < state.plannedGeneration()) {
            List<Candidate> done = state.results().stream().filter(r -> r.generation() == number)
                    .map(r -> new Candidate(r.id(), number, OptionalInt.empty(), r.parentId(), true)).toList();
            return new Generation(number, done, Optional.empty());
        }
        Optional<String> budget = budgetStop();
        List<Slot> slots;
        if (number == state.plannedGeneration()) {
            // A generation a kill interrupted: its candidates that had begun finish whatever the budget says.
            slots = restoreSlots().stream().filter(s -> budget.isEmpty() || state.wasStarted(s.id())
                    || state.result(s.id()).isPresent()).toList();
        } else {
            slots = budget.isPresent() ? List.of() : draw(number);
        }
        if (slots.isEmpty() && budget.isPresent()) {
            listener.line(label + " stopping: " + budget.get());
            return new Generation(number, List.of(), budget);
        }
        // Between generations nothing runs: the kits no reference needs any more go now.
        kits.keepOnly(kits.references(slots.stream().map(sl -> sl.parentResult().id()).toList()));
        listener.line(label + " " + progress.generationStarts(number, plan.search().generations(),
                plan.search().candidatesPerGeneration(), parallelism));
        List<Candidate> out = new ArrayList<>();
        for (Slot slot : slots) {
            boolean done = state.result(slot.id()).isPresent();
            pending.put(slot.id(), new Pending(slot, done ? null : start(slot)));
            out.add(new Candidate(slot.id(), number, OptionalInt.of(slot.island()), slot.parentResult().id(), done));
        }
        return new Generation(number, out, Optional.empty());
    }

    private List<Slot> draw(int generation) {
        RunState.Draw draw = state.draw(generation, plan);
        if (draw.migrants() > 0) {
            listener.line(label + " generation " + generation + ": " + draw.migrants() + " program(s) migrated "
                    + "between islands");
        }
        journal.append(new RunJournal.Plan(generation, draw.saved()));
        return draw.slots();
    }

    private List<Slot> restoreSlots() {
        ProgramDatabase database = state.database();
        List<Slot> slots = new ArrayList<>();
        for (RunState.PlannedSlot s : state.plannedSlots()) {
            Program parent = database.get(s.parentProgramId()).orElseThrow(() -> new IllegalStateException(
                    "checkpoint names parent " + s.parentProgramId() + ", which its database does not hold"));
            slots.add(new Slot(s.id(), s.generation(), s.island(), parent,
                    state.result(RunState.original(parent)).orElseThrow(), s.ordinalBase(),
                    s.inspirations().stream().map(database::get).flatMap(Optional::stream).toList(),
                    s.topPrograms().stream().map(database::get).flatMap(Optional::stream).toList()));
        }
        return slots;
    }

    // With aiopt.parallelism > 1 a generation's candidates run at once, each in its own workspace (builds may
    // overlap; the evaluator never lets two benchmarks overlap). Results still land in candidate order.
    private Future<ProgramResult> start(Slot slot) {
        if (parallelism == 1) {
            return null;
        }
        synchronized (this) {
            if (executor == null) {
                executor = Executors.newFixedThreadPool(parallelism, r -> {
                    Thread t = new Thread(r, "aiopt-candidate");
                    t.setDaemon(true);
                    return t;
                });
                for (int i = workspaces.size(); i < parallelism; i++) {
                    workspaces.add(workspace(i));
                }
            }
        }
        return executor.submit(() -> evaluateLeasing(slot));
    }

    // Null when the budget was spent before the candidate started: with parallelism, a queued candidate checks
    // when a worker takes it up, not when it was planned.
    private ProgramResult evaluateLeasing(Slot slot) throws InterruptedException {
        Workspace workspace = workspaces.take();
        try {
            freeSpace.requireBeforeBuilding(slot.id());
            if (!budget.begin(slot.id())) {
                return null;
            }
            return cascade.evaluate(slot, workspace);
        } finally {
            workspaces.add(workspace);
        }
    }

    /**
     * Evaluates a planned candidate and lands its result (or, resumed, restores it); call in candidate order.
     *
     * @return its result; empty when it was not started because the budget is exhausted ({@link #budgetStop()})
     */
    public Optional<ProgramResult> evaluate(Candidate candidate) throws Exception {
        if (candidate.resumed()) {
            ProgramResult result = state.result(candidate.id()).orElseThrow();
            listener.line(ResultLine.of(label, result) + " (resumed)");
            return Optional.of(result);
        }
        Pending p = pending.remove(candidate.id());
        if (p == null) {
            throw new IllegalStateException(candidate.id() + " was not planned by this run, or was evaluated already");
        }
        if (stopped && p.future() == null) {
            listener.line(label + " " + candidate.id() + " not started: the run stopped: " + record.stopReason());
            return Optional.empty();
        }
        if (p.future() == null && !state.wasStarted(candidate.id()) && budgetStop().isPresent()) {
            listener.line(label + " " + candidate.id() + " not started: " + budgetStop().get());
            return Optional.empty();
        }
        ProgramResult result;
        try {
            try {
                result = p.future() == null ? evaluateLeasing(p.slot()) : p.future().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        } catch (InfrastructureFault fault) {
            if (!stopped) {
                stop(fault.getMessage());
            }
            throw fault;
        }
        if (result == null) {
            listener.line(label + " " + candidate.id() + " not started: " + budgetStop().orElse("budget spent"));
            return Optional.empty();
        }
        Slot slot = p.slot();
        if (result.slice() != null && result.status() != Status.DUPLICATE) {
            // Candidates evaluated at once cannot see each other: the later one in candidate order becomes the
            // duplicate, as it would have been had they run one after the other.
            Optional<ProgramResult> earlier = state.duplicateOf(result.sliceSha256());
            if (earlier.isPresent()) {
                // Its job did run: where is kept, for the cluster's accounting.
                result = Cascade.duplicate(result.origin(), result.slice(), earlier.get(), result.timings(),
                        result.attempts()).placedOn(result.placement());
            }
        }
        if (elites.becomesIslandBest(result)) {
            Workspace workspace = workspaces.take();
            try {
                result = elites.measure(result, workspace, listener, label);
            } finally {
                workspaces.add(workspace);
            }
        }
        // A candidate the machinery could not evaluate says nothing about its code: it stays out of the database.
        RunJournal.DatabaseEntry entry = result.slice() != null && result.status() != Status.DUPLICATE
                && result.status() != Status.INFRA_FAILED ? new RunJournal.DatabaseEntry(slot.parent().id(), slot.island(), result.status().measured()) : null;
        land(result, entry);
        return Optional.of(result);
    }

    /** Re-measures the best program against the baseline, writes run.json and the report, and names the champion. */
    public ChampionResult champion() throws InterruptedException {
        ProgramResult best = record.best();
        if (best.status() == Status.BASELINE) {
            listener.line(label + " champion: no candidate beat the baseline; fitness "
                    + String.format("%.4f", best.fitness()));
            record.champion(best.id(), Ratio.unity(best.id()), Ratio.unity(best.id()), 0, best.fitness());
        } else {
            int repeats = 2 * plan.measurement().repeats();
            Workspace workspace = workspaces.take();
            Path again = plan.run().directory().resolve("champion");
            EvaluationUnit unit = new EvaluationUnit("champion", plan.measurement().commands(), List.of(
                    kits.reference(best, again.resolve(best.id())),
                    kits.reference(state.result(BASELINE_ID).orElseThrow(), again.resolve(BASELINE_ID))),
                    MeasurementPlan.fixed(repeats, plan.measurement().warmups(),
                            plan.run().directory().resolve("champion")), plan.measurement().isolation());
            UnitResult m;
            try {
                m = evaluations.apply(workspace).evaluate(unit);
            } finally {
                workspaces.add(workspace);
            }
            if (m.first().reached() != ProgramRun.Reached.MEASURED) {
                throw new InfrastructureFault("the champion's re-measurement failed: " + m.first().message(), null);
            }
            m.programs().stream().filter(r -> state.kitOf(r.id()).isEmpty()).forEach(r -> state.built(r.built()));
            ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.search().seed());
            Comparison t = Comparison.of(metric(m, 0, THROUGHPUT), metric(m, 1, THROUGHPUT), Direction.HIGHER_IS_BETTER,
                    settings);
            Comparison p = Judge.p99(m.programs().get(0).runs(), m.programs().get(1).runs(), settings);
            double fitness = new ScoreStage(plan.fitness(), state).championFitness(best, t, p);
            record.champion(best.id(), Ratio.of(t, BASELINE_ID), Ratio.of(p, BASELINE_ID), repeats, fitness);
            listener.line(String.format("%s champion %s re-measured against the baseline (%d runs each): throughput "
                    + "x%.3f [%.3f, %.3f] %s, %s, fitness %.4f", label, best.id(), repeats, t.ratio(), t.low(),
                    t.high(), t.decision(), Judge.describeP99(p, Judge.hasLatency(m.programs().get(0).runs())),
                    fitness));
        }
        // The run is over: only the baseline and the champion can be referenced again (by a tournament, from their
        // kits); the workspaces (a copy of the tree each, with its build outputs) are not used again.
        kits.keepOnly(new java.util.HashSet<>(List.of(BASELINE_ID, best.id()))); // the same when no candidate won
        if (plan.run().disk().keepKits() == DiskSettings.KeepKits.REFERENCES) {
            kits.deleteWorkspaces(attempt);
        }
        Path json = record.write();
        listener.line(label + " run.json: " + json.toAbsolutePath());
        if (best.status() != Status.BASELINE) {
            listener.line(ResultLine.championPatch(label, best.id(), plan));
        }
        double fitness = record.championFitness();
        listener.entries(Map.of("aiopt.champion", best.id(), "aiopt.fitness", String.format("%.4f", fitness),
                "aiopt.run", json.toAbsolutePath().toString()));
        championResult = new ChampionResult(best.id(), fitness, plan.fitness().baseline(), json);
        return championResult;
    }

    /** The champion {@link #champion()} named; empty before. */
    public Optional<ChampionResult> championResult() {
        return Optional.ofNullable(championResult);
    }

    /** Where a measured program's binaries are kept. */
    Path kit(String id) {
        return state.built(id).kit();
    }

    // One journal line: O(1) whatever the population. run.json is rewritten whole only between generations,
    // when the run stops, and at the end.
    private void land(ProgramResult result, RunJournal.DatabaseEntry entry) {
        state.land(result, entry);
        journal.append(new RunJournal.Landed(result, entry));
        budget.clock();
        listener.line(ResultLine.of(label, result));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("aiopt.status", result.status().name());
        if (result.fitness() != null) {
            entries.put("aiopt.fitness", String.format("%.4f", result.fitness()));
        }
        if (result.metrics() != null) {
            entries.put("aiopt.ops_per_sec", String.format("%.0f", result.metrics().get(THROUGHPUT)));
            if (result.metrics().get(P99) != null) {
                entries.put("aiopt.p99_us", String.format("%.2f", result.metrics().get(P99)));
            }
        }
        if (result.reason() != null) {
            entries.put("aiopt.reason", result.reason());
        }
        listener.entries(entries);
    }

    /** Stops the candidates still running. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        journal.close();
        lock.close();
    }

    private static double[] metric(UnitResult result, int program, String metric) {
        return result.programs().get(program).runs().stream().mapToDouble(r -> r.get(metric)).toArray();
    }

    private Path programDir(String id) {
        return plan.run().directory().resolve("programs").resolve(id);
    }
}
