package dev.aiopt.junit.evolution;

import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.database.DatabaseConfig;
import dev.aiopt.junit.database.Program;
import dev.aiopt.junit.database.ProgramDatabase;
import dev.aiopt.junit.prompt.Attempt;
import dev.aiopt.junit.prompt.Prompt;
import dev.aiopt.junit.prompt.PromptBuilder;
import dev.aiopt.junit.prompt.PromptConfig;
import dev.aiopt.junit.prompt.PromptInput;
import dev.aiopt.junit.report.ReportWriter;
import dev.aiopt.junit.diff.DiffApplier;
import dev.aiopt.junit.diff.DiffException;
import dev.aiopt.junit.evaluation.BuiltProgram;
import dev.aiopt.junit.evaluation.EvaluationFailure;
import dev.aiopt.junit.evaluation.Evaluator;
import dev.aiopt.junit.evaluation.Measurement;
import dev.aiopt.junit.model.ModelException;
import dev.aiopt.junit.model.ModelReply;
import dev.aiopt.junit.model.ModelRequest;
import dev.aiopt.junit.model.ReplayKey;
import dev.aiopt.junit.stats.Comparison;
import dev.aiopt.junit.stats.ComparisonSettings;
import dev.aiopt.junit.stats.Decision;
import dev.aiopt.junit.stats.Direction;
import dev.aiopt.junit.stats.SequentialPlan;
import dev.aiopt.junit.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * One run of an experiment: generation 0 measures the unmodified slice, each later generation asks the model
 * for candidates derived from the best programs so far, and a last test re-measures the champion against the
 * baseline and checks {@code minFitness}. Every candidate is a dynamic test: it passes when measured, is
 * aborted (with the reason) when it fails to apply, build, verify or run, and fails only for infrastructure
 * faults.
 */
public final class EvolutionRun implements Evolution {
    static final String THROUGHPUT = "ops_per_sec";
    static final String P99 = "p99_us";
    private static final int INSPIRATIONS = 2;
    private static final int TOP_PROGRAMS = 2;

    private final ExperimentPlan plan;
    private final Evaluator evaluator;
    private final RunRecord record;
    private final ProgramDatabase database;
    private final PromptBuilder prompts = new PromptBuilder(PromptConfig.defaults());
    private final Map<String, ProgramResult> results = new ConcurrentHashMap<>();
    private final Map<String, List<Attempt>> history = new ConcurrentHashMap<>();
    private final Map<String, Profiling.Profiled> profiles = new ConcurrentHashMap<>();
    private final Profiling profiling;
    private volatile String profilingUnavailable;
    private final Map<String, BuiltProgram> built = new ConcurrentHashMap<>();
    private final Map<String, ProgramResult> bySha = new ConcurrentHashMap<>();
    private final Map<String, Integer> ordinals = new ConcurrentHashMap<>();
    private final String label;
    private Workspace workspace;
    private boolean stopped;

    public EvolutionRun(ExperimentPlan plan) {
        this(plan, false);
    }

    /** @param allTracks whether this run is one of {@code -Dtrack=all}, which profiles every track alike */
    public EvolutionRun(ExperimentPlan plan, boolean allTracks) {
        this.plan = plan;
        this.profiling = new Profiling(plan, allTracks);
        this.evaluator = new Evaluator(plan.commands());
        this.record = new RunRecord(plan);
        this.database = new ProgramDatabase(DatabaseConfig.defaults(plan.seed()).withIslands(plan.islands()));
        this.label = plan.model().offline() ? "[aiopt offline replay]" : "[aiopt]";
    }

    /** The run directory, where {@code run.json} is. */
    public Path runDirectory() {
        return plan.runDirectory();
    }

    @Override
    public Stream<DynamicNode> generations() {
        Iterator<DynamicNode> nodes = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return !stopped && next <= plan.generations() + 1;
            }

            @Override
            public DynamicNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int generation = next++;
                if (generation == 0) {
                    return DynamicContainer.dynamicContainer("generation 0 (baseline)",
                            Stream.of(DynamicTest.dynamicTest("g0-baseline: the unmodified slice", EvolutionRun.this::baseline)));
                }
                if (generation <= plan.generations()) {
                    return generation(generation);
                }
                return DynamicTest.dynamicTest(plan.hasMinFitness()
                        ? String.format("champion re-measured against the baseline, fitness >= %.4f", plan.minFitness())
                        : "champion re-measured against the baseline", EvolutionRun.this::champion);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(nodes, 0), false);
    }

    private void baseline() {
        System.out.println(label + " " + plan.experiment() + " / track " + plan.track().id() + " / model: "
                + plan.model().describe());
        System.out.println(label + " effective configuration:\n" + plan.configuration().describe());
        System.out.println(label + " slice: " + plan.slice().file() + " " + plan.slice().how() + " ("
                + plan.slice().length() + " lines); run directory " + plan.runDirectory().toAbsolutePath());
        String id = "g0-baseline";
        String slice = plan.slice().text();
        try {
            workspace = Workspace.create(plan.sourceRoot(), plan.runDirectory().resolve("workspaces/w0"),
                    plan.configuration().find(dev.aiopt.junit.config.Keys.WORKSPACE_CMD).orElse(null));
            BuiltProgram program = evaluator.buildAndVerify(id, workspace, plan.slice().file(),
                    plan.slice().reassemble(slice), programDir(id));
            List<Map<String, Double>> runs = evaluator.measureAlone(program, plan.repeats(),
                    programDir(id).resolve("bench"), workspace.scratch());
            built.put(id, program);
            Timings timings = Timings.NONE.withBuild(program.buildTime().toMillis(), program.verifyTime().toMillis());
            System.out.println(label + " " + profiling.describe());
            Map<String, Object> causal = null;
            Optional<Profiling.Profiled> profiled = profile(id, slice, plan.slice().reassemble(slice));
            if (profiled.isPresent()) {
                causal = Profiling.causal(profiled.get(), Optional.empty());
                timings = timings.withProfile(profiled.get().millis());
            }
            ProgramResult result = new ProgramResult(id, 0, null, Status.BASELINE, null, slice, Hashes.sha256(slice),
                    medians(runs), runs, Ratio.unity(id), Ratio.unity(id), List.of(), plan.fitness().baseline(), causal,
                    null, timings, List.of());
            land(result);
            database.addInitial(Program.of(id, null, 0, 0, slice, result.metrics(), result.fitness()));
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

    private DynamicNode generation(int generation) {
        Optional<String> budget = plan.ledger().exhausted().map(e -> e.message());
        if (budget.isPresent()) {
            record.stop("budget: " + budget.get());
            return DynamicTest.dynamicTest("generation " + generation + " not started: budget exhausted", () -> {
                System.out.println(label + " stopping: " + budget.get());
                Assumptions.abort("budget exhausted: " + budget.get());
            });
        }
        List<Program> migrants = database.migrateIfDue(generation);
        if (!migrants.isEmpty()) {
            System.out.println(label + " generation " + generation + ": " + migrants.size() + " program(s) migrated "
                    + "between islands");
        }
        List<DynamicTest> tests = new ArrayList<>();
        // Parents are drawn for the whole generation, in candidate order, before any candidate runs: the draw
        // depends only on the seed and earlier generations.
        for (int c = 1; c <= plan.candidatesPerGeneration(); c++) {
            int island = (c - 1) % plan.islands();
            Program parent = database.sampleParent(island).program();
            ProgramResult parentResult = results.get(original(parent));
            String id = "g" + generation + "-c" + c;
            int ordinalBase = ordinals.merge(parentResult.sliceSha256(), plan.maxAttempts(), Integer::sum)
                    - plan.maxAttempts();
            Slot slot = new Slot(id, generation, island, parent, parentResult, ordinalBase,
                    database.inspirations(parent, INSPIRATIONS), database.topPrograms(island, TOP_PROGRAMS));
            tests.add(DynamicTest.dynamicTest(id + " from " + parentResult.id()
                    + (plan.islands() > 1 ? " (island " + island + ")" : ""), () -> candidate(slot)));
        }
        return DynamicContainer.dynamicContainer("generation " + generation, tests.stream());
    }

    /** One planned candidate: its parent (as the database holds it on this island) and the prompt's context. */
    private record Slot(String id, int generation, int island, Program parent, ProgramResult parentResult,
            int ordinalBase, List<Program> inspirations, List<Program> topPrograms) {
    }

    private static String original(Program program) {
        return program.isCopy() ? program.copyOf() : program.id();
    }

    private void candidate(Slot slot) {
        Optional<String> budget = plan.ledger().exhausted().map(e -> e.message());
        if (budget.isPresent()) {
            record.stop("budget: " + budget.get());
            Assumptions.abort("not started, the budget is exhausted: " + budget.get());
        }
        ProgramResult result = evaluate(slot);
        land(result);
        if (result.slice() != null && result.status() != Status.DUPLICATE) {
            database.add(Program.of(result.id(), slot.parent().id(), slot.generation(), slot.island(), result.slice(),
                    result.metrics() == null ? Map.of() : result.metrics(),
                    result.fitness() == null ? 0 : result.fitness()),
                    result.status().measured() ? ProgramDatabase.Status.SUCCEEDED : ProgramDatabase.Status.FAILED);
        }
        history.computeIfAbsent(slot.parentResult().id(), k -> new ArrayList<>()).add(attempt(result));
        if (!result.status().measured()) {
            Assumptions.abort(result.status() + ": " + result.reason());
        }
    }

    private static Attempt attempt(ProgramResult r) {
        Attempt.Outcome outcome = switch (r.status()) {
            case IMPROVED -> Attempt.Outcome.IMPROVED;
            case NO_CHANGE, BASELINE -> Attempt.Outcome.NO_SIGNIFICANT_CHANGE;
            case REGRESSED -> Attempt.Outcome.REGRESSED;
            case APPLY_FAILED -> Attempt.Outcome.DIFF_NOT_APPLIED;
            case BUILD_FAILED -> Attempt.Outcome.COMPILE_ERROR;
            case VERIFY_FAILED -> Attempt.Outcome.VERIFICATION_FAILED;
            case RUN_FAILED -> Attempt.Outcome.CRASHED;
            case DUPLICATE -> Attempt.Outcome.DUPLICATE;
            case MODEL_FAILED -> Attempt.Outcome.REJECTED;
        };
        return new Attempt(r.id(), outcome, r.diff(), r.reason());
    }

    private ModelRequest request(Slot slot, List<String> rejected, ReplayKey key) {
        List<Attempt> attempts = new ArrayList<>(history.getOrDefault(slot.parentResult().id(), List.of()));
        for (int i = 0; i < rejected.size(); i++) {
            attempts.add(new Attempt(slot.id() + " reply " + (i + 1), Attempt.Outcome.DIFF_NOT_APPLIED, "",
                    rejected.get(i)));
        }
        ProgramResult parent = slot.parentResult();
        Program current = Program.of(parent.id(), parent.parentId(), parent.generation(), slot.island(), parent.slice(),
                parent.metrics(), parent.fitness());
        PromptInput input = PromptInput.of(task(), current).withAttempts(attempts)
                .withTopPrograms(slot.topPrograms()).withInspirations(slot.inspirations());
        if (parent.parentId() != null && results.containsKey(parent.parentId())) {
            ProgramResult grand = results.get(parent.parentId());
            input = input.withCurrentParent(Program.of(grand.id(), grand.parentId(), grand.generation(), slot.island(),
                    grand.slice(), grand.metrics(), grand.fitness()));
        }
        if (parent.reason() != null) {
            input = input.withArtifacts(Map.of("evaluation", parent.reason()));
        }
        if (plan.track().profilerFeedback()) {
            profile(parent.id(), parent.slice(), plan.slice().reassemble(parent.slice()));
            Profiling.Profiled profiled = profiles.get(parent.id());
            if (profiled != null) {
                input = input.withCausalProfile(profiled.summary());
            }
        }
        Prompt prompt = prompts.build(input);
        return new ModelRequest(prompt.system(), prompt.user(), key);
    }

    private String task() {
        return "Make " + plan.slice().how() + " of " + plan.slice().file() + " faster: higher throughput ("
                + THROUGHPUT + ") and lower tail latency (" + P99 + ", per benchmark run), without changing what it"
                + " does. Every acknowledged write must stay durable, ordered and readable: a verification oracle"
                + " rejects any program that loses, reorders or corrupts writes, also across a crash.";
    }

    private ProgramResult evaluate(Slot s) {
        String id = s.id();
        int generation = s.generation();
        ProgramResult parent = s.parentResult();
        int ordinalBase = s.ordinalBase();
        Timings timings = Timings.NONE;
        List<String> rejected = new ArrayList<>();
        String slice = null;
        for (int attempt = 0; attempt < plan.maxAttempts() && slice == null; attempt++) {
            ReplayKey key = new ReplayKey(parent.sliceSha256(), ordinalBase + attempt);
            ModelRequest request = request(s, rejected, key);
            long t0 = System.nanoTime();
            ModelReply reply;
            try {
                reply = plan.model().complete(request);
            } catch (ModelException e) {
                timings = timings.plusModel(millisSince(t0));
                return failed(id, generation, parent, Status.MODEL_FAILED, "model: " + e.getMessage(), null, timings,
                        rejected);
            }
            timings = timings.plusModel(millisSince(t0));
            long t1 = System.nanoTime();
            try {
                slice = DiffApplier.apply(parent.slice(), reply.content());
            } catch (DiffException e) {
                rejected.add("reply " + (attempt + 1) + ": " + e.getMessage());
            }
            timings = timings.plusApply(millisSince(t1));
        }
        if (slice == null) {
            return failed(id, generation, parent, Status.APPLY_FAILED, "no reply applied in " + plan.maxAttempts()
                    + " attempt(s); last: " + rejected.get(rejected.size() - 1), null, timings, rejected);
        }
        String sha = Hashes.sha256(slice);
        ProgramResult earlier = bySha.get(sha);
        if (earlier == null) {
            earlier = database.duplicateOf(sha).map(p -> results.get(original(p))).orElse(null);
        }
        if (earlier != null) {
            String why = earlier.id().equals(parent.id()) ? "the reply changed nothing: same code as its parent "
                    : "same code as ";
            return new ProgramResult(id, generation, parent.id(), Status.DUPLICATE, why + earlier.id()
                    + "; not built or benchmarked again, its result is reused", slice, sha, earlier.metrics(),
                    List.of(), earlier.throughput(), earlier.p99(), List.of(), earlier.fitness(), null, null, timings,
                    rejected);
        }
        String source = plan.slice().reassemble(slice);
        String diff = UnifiedDiff.of(plan.slice().file(), plan.slice().reassemble(parent.slice()), source);
        BuiltProgram program;
        long buildStart = System.nanoTime();
        try {
            program = evaluator.buildAndVerify(id, workspace, plan.slice().file(), source, programDir(id));
        } catch (EvaluationFailure e) {
            // Build and oracle time of a failed candidate, together: it is the time the failure cost.
            timings = timings.withBuild(millisSince(buildStart), 0);
            Status status = e.stage() == EvaluationFailure.Stage.VERIFY ? Status.VERIFY_FAILED : Status.BUILD_FAILED;
            return failedWithDiff(id, generation, parent, status, e.getMessage(), slice, diff, timings, rejected);
        }
        timings = timings.withBuild(program.buildTime().toMillis(), program.verifyTime().toMillis());
        long t2 = System.nanoTime();
        Measurement measurement;
        Comparison throughput;
        Comparison p99;
        try {
            BuiltProgram reference = built.get(parent.id());
            SequentialPlan sequential = new SequentialPlan(plan.repeats(), plan.repeats(), 3 * plan.repeats());
            ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.seed());
            measurement = evaluator.measure(program, reference, plan.repeats(), plan.warmups(),
                    programDir(id).resolve("bench"), workspace.scratch());
            SequentialPlan.Step step = sequential.next(measurement.candidate(THROUGHPUT),
                    measurement.reference(THROUGHPUT), Direction.HIGHER_IS_BETTER, settings);
            while (!step.done()) {
                measurement = measurement.plus(evaluator.measure(program, reference, step.moreRepeats(), 0,
                        programDir(id).resolve("bench-more" + measurement.candidate().size()), workspace.scratch()));
                step = sequential.next(measurement.candidate(THROUGHPUT), measurement.reference(THROUGHPUT),
                        Direction.HIGHER_IS_BETTER, settings);
            }
            throughput = step.comparison();
            p99 = Comparison.of(measurement.candidate(P99), measurement.reference(P99), Direction.LOWER_IS_BETTER,
                    sequential.perLook(settings));
        } catch (EvaluationFailure e) {
            timings = timings.withBench(millisSince(t2));
            return failedWithDiff(id, generation, parent, Status.RUN_FAILED, e.getMessage(), slice, diff, timings,
                    rejected);
        }
        timings = timings.withBench(millisSince(t2));
        built.put(id, program);
        Status status = judge(throughput.decision(), p99.decision());
        Ratio t = Ratio.of(throughput, parent.id()).chain(parent.throughput(), "g0-baseline");
        Ratio p = Ratio.of(p99, parent.id()).chain(parent.p99(), "g0-baseline");
        Map<String, Object> causal = null;
        double realization = 0;
        if (status != Status.IMPROVED && profiling.enabled()) {
            causal = new LinkedHashMap<>();
            causal.put("realization", null);
            causal.put("reason", "not profiled: only candidates that pass the statistics stage (IMPROVED) are");
        }
        if (status == Status.IMPROVED && profiling.enabled()) {
            // Only candidates that passed the statistics stage are profiled, on every track alike.
            Optional<Profiling.Profiled> parentProfile = profile(parent.id(), parent.slice(),
                    plan.slice().reassemble(parent.slice()));
            Optional<Profiling.Profiled> own = profile(id, slice, source);
            if (own.isPresent()) {
                Optional<dev.aiopt.junit.profile.CausalRealization> r = parentProfile
                        .map(pp -> Profiling.realization(pp, own.get()));
                realization = r.map(dev.aiopt.junit.profile.CausalRealization::credit).orElse(0.0);
                causal = Profiling.causal(own.get(), r);
                timings = timings.withProfile(own.get().millis());
            }
        }
        // "No detectable difference" keeps the parent's fitness: noise never promotes a program.
        double fitness = status == Status.NO_CHANGE ? parent.fitness()
                : plan.fitness().score(t.ratio(), p.ratio(), realization);
        String reason = String.format("vs %s: throughput x%.3f [%.3f, %.3f] %s, p99 x%.3f [%.3f, %.3f] %s (%d runs each)",
                parent.id(), throughput.ratio(), throughput.low(), throughput.high(), throughput.decision(), p99.ratio(),
                p99.low(), p99.high(), p99.decision(), measurement.candidate().size());
        return new ProgramResult(id, generation, parent.id(), status, reason, slice, sha,
                medians(measurement.candidate()), measurement.candidate(), t, p,
                List.of(Ratio.of(throughput, parent.id()), Ratio.of(p99, parent.id())), fitness, causal, diff, timings,
                rejected);
    }

    // Better on one axis and not worse on the other is an improvement; a trade-off is judged by fitness later.
    private static Status judge(Decision throughput, Decision p99) {
        boolean better = throughput == Decision.BETTER || p99 == Decision.BETTER;
        boolean worse = throughput == Decision.WORSE || p99 == Decision.WORSE;
        if (better && !worse) {
            return Status.IMPROVED;
        }
        if (worse && !better) {
            return Status.REGRESSED;
        }
        if (better) {
            return throughput == Decision.BETTER ? Status.IMPROVED : Status.REGRESSED;
        }
        return Status.NO_CHANGE;
    }

    private void champion() {
        ProgramResult best = record.best();
        if (best.status() == Status.BASELINE) {
            System.out.println(label + " champion: no candidate beat the baseline; fitness "
                    + String.format("%.4f", best.fitness()));
            record.champion(best.id(), Ratio.unity(best.id()), Ratio.unity(best.id()), 0, best.fitness());
        } else {
            int repeats = 2 * plan.repeats();
            Measurement m = evaluator.measure(built.get(best.id()), built.get("g0-baseline"), repeats, plan.warmups(),
                    plan.runDirectory().resolve("champion"), workspace.scratch());
            ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.seed());
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
        Path report = ReportWriter.writeRunReport(plan.runDirectory());
        Path index = ReportWriter.writeIndex(plan.runDirectory().getParent().getParent().getParent());
        System.out.println(label + " report: " + report.toAbsolutePath() + " (all runs: " + index.toAbsolutePath() + ")");
        double fitness = record.championFitness();
        ReportEntries.publish(Map.of("aiopt.champion", best.id(), "aiopt.fitness", String.format("%.4f", fitness),
                "aiopt.run", json.toAbsolutePath().toString()));
        if (plan.hasMinFitness() && !(fitness >= plan.minFitness())) {
            throw new AssertionFailedError(String.format("minFitness not reached: the champion %s scores %.4f "
                    + "after re-measurement against the baseline, below minFitness %.4f (baseline scores %.4f). "
                    + "See %s", best.id(), fitness, plan.minFitness(), plan.fitness().baseline(), json.toAbsolutePath()),
                    plan.minFitness(), fitness);
        }
    }

    private ProgramResult failed(String id, int generation, ProgramResult parent, Status status, String reason,
            String slice, Timings timings, List<String> rejected) {
        return failedWithDiff(id, generation, parent, status, reason, slice, null, timings, rejected);
    }

    private ProgramResult failedWithDiff(String id, int generation, ProgramResult parent, Status status, String reason,
            String slice, String diff, Timings timings, List<String> rejected) {
        Double fitness = status == Status.VERIFY_FAILED ? 0.0 : null;
        return new ProgramResult(id, generation, parent.id(), status, reason, slice,
                slice == null ? null : Hashes.sha256(slice), null, List.of(), null, null, List.of(), fitness, null, diff,
                timings, rejected);
    }

    private void land(ProgramResult result) {
        if (result.sliceSha256() != null && result.status().measured()) {
            bySha.putIfAbsent(result.sliceSha256(), result);
        }
        results.put(result.id(), result);
        record.add(result);
        record.write();
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

    // Profiles a measured program once (its profiling build when one is configured). A profiler that cannot run
    // here switches profiling off for the rest of the run, loudly: the causal term is then 0 everywhere.
    private Optional<Profiling.Profiled> profile(String id, String slice, String source) {
        if (!profiling.enabled() || profilingUnavailable != null) {
            return Optional.empty();
        }
        Profiling.Profiled known = profiles.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Path kit = built.get(id).kit();
            Optional<String> profileBuild = plan.configuration().find(dev.aiopt.junit.config.Keys.BCOZ_BUILD);
            if (profileBuild.isPresent()) {
                kit = evaluator.buildProfileKit(id, workspace, plan.slice().file(), source, profileBuild.get(),
                        programDir(id));
            }
            Profiling.Profiled profiled = profiling.profile(id, kit, slice, workspace.scratch(),
                    plan.runDirectory().resolve("profiles"), workspace.root());
            profiles.put(id, profiled);
            System.out.println(label + " causal profile of " + id + " (" + profiled.millis() / 1000 + " s):\n"
                    + profiled.summary().indent(4).stripTrailing());
            return Optional.of(profiled);
        } catch (dev.aiopt.junit.profile.ProfilerException | EvaluationFailure e) {
            profilingUnavailable = e.getMessage();
            System.out.println(label + " causal profiling switched off for this run: " + e.getMessage());
            record.note("profiling unavailable: " + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }

    private Path programDir(String id) {
        return plan.runDirectory().resolve("programs").resolve(id);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static Map<String, Double> medians(List<Map<String, Double>> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : runs.get(0).keySet()) {
            double[] values = runs.stream().filter(r -> r.containsKey(key)).mapToDouble(r -> r.get(key)).sorted()
                    .toArray();
            if (values.length == runs.size()) {
                int n = values.length;
                out.put(key, n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
            }
        }
        return out;
    }
}
