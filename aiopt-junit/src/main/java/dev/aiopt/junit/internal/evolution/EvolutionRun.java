package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.EvaluationFailure;
import dev.aiopt.junit.internal.evaluation.Evaluator;
import dev.aiopt.junit.internal.evaluation.Measurement;
import dev.aiopt.junit.internal.report.ReportWriter;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * One run of an experiment: generation 0 measures the unmodified slice, each later generation asks the model
 * for candidates derived from parents drawn from the program database, and a last test re-measures the
 * champion against the baseline and checks {@code minFitness}. Every candidate is a dynamic test: it passes
 * when measured, is aborted (with the reason) when it fails to apply, build, verify or run, and fails only for
 * infrastructure faults. The run is checkpointed after every candidate and can be resumed.
 */
public final class EvolutionRun implements Evolution {
    static final String THROUGHPUT = CandidateEvaluator.THROUGHPUT;
    static final String P99 = CandidateEvaluator.P99;
    private static final String BASELINE_ID = "g0-baseline";
    private static final int INSPIRATIONS = 2;
    private static final int TOP_PROGRAMS = 2;

    private final ExperimentPlan plan;
    private final Evaluator evaluator;
    private final RunRecord record;
    private final RunState state;
    private final CandidateEvaluator candidates;
    private final boolean resumed;
    private final int parallelism;
    private final String label;
    private final BlockingQueue<Workspace> workspaces;
    private ExecutorService executor;
    private boolean stopped;

    /**
     * @param allTracks whether this run is one of {@code -Dtrack=all}, which profiles every track alike
     */
    public EvolutionRun(ExperimentPlan plan, boolean allTracks) {
        this.plan = plan;
        this.evaluator = new Evaluator(plan.measurement().commands());
        this.resumed = plan.run().resume();
        this.state = resumed ? RunState.restore(plan)
                : new RunState(new ProgramDatabase(DatabaseConfig.defaults(plan.search().seed()).withIslands(plan.search().islands())));
        this.record = new RunRecord(plan, state);
        this.label = plan.model().model().offline() ? "[aiopt offline replay]" : "[aiopt]";
        this.candidates = new CandidateEvaluator(plan, state, evaluator, new Profiling(plan, allTracks), record::note,
                label);
        this.parallelism = plan.search().parallelism();
        this.workspaces = new ArrayBlockingQueue<>(parallelism);
    }

    /** The run directory, where {@code run.json} is. */
    public Path runDirectory() {
        return plan.run().directory();
    }

    @Override
    public Stream<DynamicNode> generations() {
        Iterator<DynamicNode> nodes = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return !stopped && next <= plan.search().generations() + 1;
            }

            @Override
            public DynamicNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int generation = next++;
                if (generation == 0) {
                    boolean done = state.result(BASELINE_ID).isPresent();
                    return DynamicContainer.dynamicContainer("generation 0 (baseline)", Stream.of(DynamicTest.dynamicTest(
                            BASELINE_ID + ": the unmodified slice" + (done ? " (resumed)" : ""),
                            done ? EvolutionRun.this::resumeBaseline : EvolutionRun.this::baseline)));
                }
                if (generation <= plan.search().generations()) {
                    return generation(generation);
                }
                return DynamicTest.dynamicTest(plan.search().hasMinFitness()
                        ? String.format("champion re-measured against the baseline, fitness >= %.4f", plan.search().minFitness())
                        : "champion re-measured against the baseline", EvolutionRun.this::champion);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(nodes, 0), false).onClose(this::close);
    }

    private void printHeader() {
        System.out.println(label + " " + plan.experiment() + " / track " + plan.track().id() + " / model: "
                + plan.model().model().describe() + (resumed ? " / RESUMED from " + plan.run().directory() : ""));
        System.out.println(label + " effective configuration:\n" + Setting.describe(plan.settings()));
        System.out.println(label + " slice: " + plan.slice().file() + " " + plan.slice().how() + " ("
                + plan.slice().length() + " lines); run directory " + plan.run().directory().toAbsolutePath());
    }

    private Workspace workspace(int index) {
        return Workspace.create(plan.run().sourceRoot(), plan.run().directory().resolve("workspaces/w" + index),
                plan.run().workspaceCommand().orElse(null));
    }

    private void baseline() {
        printHeader();
        String slice = plan.slice().text();
        try {
            Workspace workspace = workspace(0);
            workspaces.add(workspace);
            BuiltProgram program = evaluator.buildAndVerify(BASELINE_ID, workspace, plan.slice().file(),
                    plan.slice().reassemble(slice), programDir(BASELINE_ID));
            List<Map<String, Double>> runs = evaluator.measureAlone(program, plan.measurement().repeats(),
                    programDir(BASELINE_ID).resolve("bench"), workspace.scratch());
            state.built(program);
            Timings timings = Timings.NONE.withBuild(program.buildTime().toMillis(), program.verifyTime().toMillis());
            Map<String, Object> causal = null;
            Optional<Profiling.Profiled> profiled = candidates.profile(BASELINE_ID, slice,
                    plan.slice().reassemble(slice), workspace);
            if (profiled.isPresent()) {
                causal = Profiling.causal(profiled.get(), Optional.empty());
                timings = timings.withProfile(profiled.get().millis());
            }
            ProgramResult result = new ProgramResult(BASELINE_ID, 0, null, Status.BASELINE, null, slice,
                    Program.sha256(slice), CandidateEvaluator.medians(runs), runs, Ratio.unity(BASELINE_ID),
                    Ratio.unity(BASELINE_ID), List.of(), plan.fitness().baseline(), causal, null, timings, List.of());
            state.database().addInitial(Program.of(BASELINE_ID, null, 0, 0, slice, result.metrics(), result.fitness()));
            land(result);
        } catch (EvaluationFailure e) {
            stopped = true;
            record.stop("infrastructure fault: the unmodified program fails " + e.stage());
            record.write();
            throw new AssertionFailedError("infrastructure fault: the unmodified program (baseline) fails at "
                    + e.stage() + ", so no candidate can be judged. Fix the target or the commands first.\n"
                    + e.getMessage() + (e.evidence() == null ? "" : "\nfull output: " + e.evidence()));
        } catch (RuntimeException e) {
            stopped = true;
            record.stop("infrastructure fault: " + e.getMessage());
            record.write();
            throw e;
        }
    }

    private void resumeBaseline() {
        printHeader();
        workspaces.add(workspace(0));
        ProgramResult baseline = state.result(BASELINE_ID).orElseThrow();
        System.out.println(line(baseline) + " (resumed)");
    }

    private DynamicNode generation(int generation) {
        if (generation < state.plannedGeneration()) {
            List<DynamicTest> tests = state.results().stream().filter(r -> r.generation() == generation)
                    .map(r -> DynamicTest.dynamicTest(r.id() + " from " + r.parentId() + " (resumed)", () -> replay(r)))
                    .toList();
            return DynamicContainer.dynamicContainer("generation " + generation, tests.stream());
        }
        Optional<String> budget = plan.model().ledger().exhausted().map(e -> e.message());
        if (budget.isPresent()) {
            record.stop("budget: " + budget.get());
            return DynamicTest.dynamicTest("generation " + generation + " not started: budget exhausted", () -> {
                System.out.println(label + " stopping: " + budget.get());
                Assumptions.abort("budget exhausted: " + budget.get());
            });
        }
        List<CandidateEvaluator.Slot> slots = generation == state.plannedGeneration() ? restoreSlots() : plan(generation);
        List<Future<ProgramResult>> futures = new ArrayList<>();
        for (CandidateEvaluator.Slot slot : slots) {
            Optional<ProgramResult> done = state.result(slot.id());
            futures.add(done.isPresent() ? CompletableFuture.completedFuture(done.get()) : start(slot));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            CandidateEvaluator.Slot slot = slots.get(i);
            Future<ProgramResult> future = futures.get(i);
            boolean done = state.result(slot.id()).isPresent();
            tests.add(DynamicTest.dynamicTest(slot.id() + " from " + slot.parentResult().id()
                    + (plan.search().islands() > 1 ? " (island " + slot.island() + ")" : "") + (done ? " (resumed)" : ""),
                    () -> candidate(slot, future, done)));
        }
        return DynamicContainer.dynamicContainer("generation " + generation, tests.stream());
    }

    // Parents are drawn for the whole generation, in candidate order, before any candidate runs: the draws
    // depend only on the seed and on earlier generations, never on which candidate finishes first.
    private List<CandidateEvaluator.Slot> plan(int generation) {
        ProgramDatabase database = state.database();
        List<Program> migrants = database.migrateIfDue(generation);
        if (!migrants.isEmpty()) {
            System.out.println(label + " generation " + generation + ": " + migrants.size() + " program(s) migrated "
                    + "between islands");
        }
        List<CandidateEvaluator.Slot> slots = new ArrayList<>();
        List<RunState.PlannedSlot> saved = new ArrayList<>();
        for (int c = 1; c <= plan.search().candidatesPerGeneration(); c++) {
            int island = (c - 1) % plan.search().islands();
            Program parent = database.sampleParent(island).program();
            ProgramResult parentResult = state.result(RunState.original(parent)).orElseThrow();
            String id = "g" + generation + "-c" + c;
            int ordinalBase = state.reserveOrdinals(parentResult.sliceSha256(), plan.search().maxAttempts());
            List<Program> inspirations = database.inspirations(parent, INSPIRATIONS);
            List<Program> top = database.topPrograms(island, TOP_PROGRAMS);
            slots.add(new CandidateEvaluator.Slot(id, generation, island, parent, parentResult, ordinalBase, inspirations,
                    top));
            saved.add(new RunState.PlannedSlot(id, generation, island, parent.id(), ordinalBase,
                    inspirations.stream().map(Program::id).toList(), top.stream().map(Program::id).toList()));
        }
        state.planned(generation, saved);
        state.save(plan);
        return slots;
    }

    private List<CandidateEvaluator.Slot> restoreSlots() {
        ProgramDatabase database = state.database();
        List<CandidateEvaluator.Slot> slots = new ArrayList<>();
        for (RunState.PlannedSlot s : state.plannedSlots()) {
            Program parent = database.get(s.parentProgramId()).orElseThrow(() -> new IllegalStateException(
                    "checkpoint names parent " + s.parentProgramId() + ", which its database does not hold"));
            slots.add(new CandidateEvaluator.Slot(s.id(), s.generation(), s.island(), parent,
                    state.result(RunState.original(parent)).orElseThrow(), s.ordinalBase(),
                    s.inspirations().stream().map(database::get).flatMap(Optional::stream).toList(),
                    s.topPrograms().stream().map(database::get).flatMap(Optional::stream).toList()));
        }
        return slots;
    }

    // With aiopt.parallelism > 1 a generation's candidates run at once, each in its own workspace (builds may
    // overlap; the evaluator never lets two benchmarks overlap). Results still land in candidate order.
    private Future<ProgramResult> start(CandidateEvaluator.Slot slot) {
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

    private ProgramResult evaluateLeasing(CandidateEvaluator.Slot slot) throws InterruptedException {
        Workspace workspace = workspaces.take();
        try {
            return candidates.evaluate(slot, workspace);
        } finally {
            workspaces.add(workspace);
        }
    }

    private void candidate(CandidateEvaluator.Slot slot, Future<ProgramResult> future, boolean resumedResult)
            throws Exception {
        if (resumedResult) {
            replay(state.result(slot.id()).orElseThrow());
            return;
        }
        Optional<String> budget = plan.model().ledger().exhausted().map(e -> e.message());
        if (budget.isPresent() && future == null) {
            record.stop("budget: " + budget.get());
            Assumptions.abort("not started, the budget is exhausted: " + budget.get());
        }
        ProgramResult result;
        try {
            result = future == null ? evaluateLeasing(slot) : future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (result.slice() != null && result.status() != Status.DUPLICATE) {
            // Candidates evaluated at once cannot see each other: the later one in candidate order becomes the
            // duplicate, as it would have been had they run one after the other.
            Optional<ProgramResult> earlier = state.duplicateOf(result.sliceSha256());
            if (earlier.isPresent()) {
                result = CandidateEvaluator.duplicate(result.id(), result.generation(), slot.parentResult(),
                        result.slice(), earlier.get(), result.timings(), result.attempts());
            }
        }
        if (result.slice() != null && result.status() != Status.DUPLICATE) {
            state.database().add(Program.of(result.id(), slot.parent().id(), slot.generation(), slot.island(),
                    result.slice(), result.metrics() == null ? Map.of() : result.metrics(),
                    result.fitness() == null ? 0 : result.fitness()),
                    result.status().measured() ? ProgramDatabase.Status.SUCCEEDED : ProgramDatabase.Status.FAILED);
        }
        land(result);
        if (!result.status().measured()) {
            Assumptions.abort(result.status() + ": " + result.reason());
        }
    }

    private void replay(ProgramResult result) {
        System.out.println(line(result) + " (resumed)");
        if (!result.status().measured()) {
            Assumptions.abort(result.status() + " (resumed): " + result.reason());
        }
    }

    private void champion() throws InterruptedException {
        ProgramResult best = record.best();
        if (best.status() == Status.BASELINE) {
            System.out.println(label + " champion: no candidate beat the baseline; fitness "
                    + String.format("%.4f", best.fitness()));
            record.champion(best.id(), Ratio.unity(best.id()), Ratio.unity(best.id()), 0, best.fitness());
        } else {
            int repeats = 2 * plan.measurement().repeats();
            Workspace workspace = workspaces.take();
            Measurement m;
            try {
                m = evaluator.measure(state.built(best.id()), state.built(BASELINE_ID), repeats, plan.measurement().warmups(),
                        plan.run().directory().resolve("champion"), workspace.scratch());
            } finally {
                workspaces.add(workspace);
            }
            ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.search().seed());
            Comparison t = Comparison.of(m.candidate(THROUGHPUT), m.reference(THROUGHPUT), Direction.HIGHER_IS_BETTER,
                    settings);
            Comparison p = Comparison.of(m.candidate(P99), m.reference(P99), Direction.LOWER_IS_BETTER, settings);
            boolean detected = t.decision() == Decision.BETTER || p.decision() == Decision.BETTER;
            double fitness = detected ? plan.fitness().score(t.ratio(), p.ratio(), 0) : plan.fitness().baseline();
            record.champion(best.id(), Ratio.of(t, "g0-baseline"), Ratio.of(p, "g0-baseline"), repeats, fitness);
            System.out.printf("%s champion %s re-measured against the baseline (%d runs each): throughput x%.3f "
                    + "[%.3f, %.3f] %s, p99 x%.3f [%.3f, %.3f] %s, fitness %.4f%n", label, best.id(), repeats, t.ratio(),
                    t.low(), t.high(), t.decision(), p.ratio(), p.low(), p.high(), p.decision(), fitness);
        }
        Path json = record.write();
        System.out.println(label + " run.json: " + json.toAbsolutePath());
        Path report = ReportWriter.writeRunReport(plan.run().directory());
        Path index = ReportWriter.writeIndex(plan.run().directory().getParent().getParent().getParent());
        System.out.println(label + " report: " + report.toAbsolutePath() + " (all runs: " + index.toAbsolutePath() + ")");
        double fitness = record.championFitness();
        ReportEntries.publish(Map.of("aiopt.champion", best.id(), "aiopt.fitness", String.format("%.4f", fitness),
                "aiopt.run", json.toAbsolutePath().toString()));
        if (plan.search().hasMinFitness() && !(fitness >= plan.search().minFitness())) {
            throw new AssertionFailedError(String.format("minFitness not reached: the champion %s scores %.4f "
                    + "after re-measurement against the baseline, below minFitness %.4f (baseline scores %.4f). "
                    + "See %s", best.id(), fitness, plan.search().minFitness(), plan.fitness().baseline(), json.toAbsolutePath()),
                    plan.search().minFitness(), fitness);
        }
    }

    private void land(ProgramResult result) {
        state.land(result);
        record.write();
        state.save(plan);
        System.out.println(line(result));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("aiopt.status", result.status().name());
        if (result.fitness() != null) {
            entries.put("aiopt.fitness", String.format("%.4f", result.fitness()));
        }
        if (result.metrics() != null) {
            entries.put("aiopt.ops_per_sec", String.format("%.0f", result.metrics().get(THROUGHPUT)));
            entries.put("aiopt.p99_us", String.format("%.2f", result.metrics().get(P99)));
        }
        if (result.reason() != null) {
            entries.put("aiopt.reason", result.reason());
        }
        ReportEntries.publish(entries);
    }

    private String line(ProgramResult r) {
        StringBuilder out = new StringBuilder(label).append(' ').append(r.id());
        if (r.parentId() != null) {
            out.append(" from ").append(r.parentId());
        }
        out.append(' ').append(r.status());
        if (r.fitness() != null) {
            out.append(String.format(" fitness %.4f", r.fitness()));
        }
        if (r.metrics() != null) {
            out.append(String.format(" | %.0f ops/sec (x%.3f vs baseline), p99 %.2f us (x%.3f)",
                    r.metrics().get(THROUGHPUT), r.throughput().ratio(), r.metrics().get(P99), r.p99().ratio()));
        }
        out.append(" | ").append(r.timings().describe());
        if (r.reason() != null && !r.status().measured()) {
            String reason = r.reason().lines().findFirst().orElse("");
            out.append("\n    ").append(reason);
        }
        return out.toString();
    }

    private void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private Path programDir(String id) {
        return plan.run().directory().resolve("programs").resolve(id);
    }
}
