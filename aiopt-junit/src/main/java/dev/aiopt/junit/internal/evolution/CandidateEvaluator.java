package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.diff.DiffException;
import dev.aiopt.junit.internal.diff.Rewrite;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.EvaluationFailure;
import dev.aiopt.junit.internal.evaluation.Evaluator;
import dev.aiopt.junit.internal.evaluation.Measurement;
import dev.aiopt.junit.internal.model.MissingAnswerException;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.model.ReplayKey;
import dev.aiopt.junit.internal.prompt.Attempt;
import dev.aiopt.junit.internal.prompt.Prompt;
import dev.aiopt.junit.internal.prompt.PromptBuilder;
import dev.aiopt.junit.internal.prompt.PromptConfig;
import dev.aiopt.junit.internal.prompt.PromptInput;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One candidate's cascade, cheap and decisive first: prompt, model, apply (re-asking with the reason when a
 * reply does not apply), dedupe, reassemble, build, verify, interleaved benchmark against the parent with a
 * statistical decision, causal profile when it passed, fitness. Thread-safe: candidates of a generation may
 * run at once, each in its own workspace.
 */
final class CandidateEvaluator {
    static final String THROUGHPUT = "ops_per_sec";
    static final String P99 = "p99_us";

    /** A planned candidate: its parent as the database holds it on this island, and the prompt's context. */
    record Slot(String id, int generation, int island, Program parent, ProgramResult parentResult, int ordinalBase,
            List<Program> inspirations, List<Program> topPrograms) {
    }

    private final ExperimentPlan plan;
    private final RunState state;
    private final Evaluator evaluator;
    private final Profiling profiling;
    private final PromptBuilder prompts;
    private final boolean rewrite;
    private final Consumer<String> notes;
    private final String label;
    private final Map<String, Profiling.Profiled> profiles = new ConcurrentHashMap<>();
    private volatile String profilingUnavailable;

    CandidateEvaluator(ExperimentPlan plan, RunState state, Evaluator evaluator, Profiling profiling,
            Consumer<String> notes, String label) {
        this.plan = plan;
        this.state = state;
        this.evaluator = evaluator;
        this.profiling = profiling;
        this.rewrite = plan.configuration().find(dev.aiopt.junit.internal.config.Keys.MODE).orElse("diff").trim()
                .equalsIgnoreCase("rewrite");
        this.prompts = new PromptBuilder(PromptConfig.defaults()
                .withMode(rewrite ? PromptConfig.Mode.FULL_REWRITE : PromptConfig.Mode.DIFF));
        this.notes = notes;
        this.label = label;
    }

    static Attempt attempt(ProgramResult r) {
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

    private ModelRequest request(Slot slot, List<String> rejected, ReplayKey key, Workspace workspace) {
        // Earlier attempts on this parent from generations before this one: the same whatever order the
        // candidates of this generation finish in.
        List<Attempt> attempts = new ArrayList<>();
        for (ProgramResult earlier : state.childrenBefore(slot.parentResult().id(), slot.generation())) {
            attempts.add(attempt(earlier));
        }
        for (int i = 0; i < rejected.size(); i++) {
            attempts.add(new Attempt(slot.id() + " reply " + (i + 1), Attempt.Outcome.DIFF_NOT_APPLIED, "",
                    rejected.get(i)));
        }
        ProgramResult parent = slot.parentResult();
        Program current = Program.of(parent.id(), parent.parentId(), parent.generation(), slot.island(), parent.slice(),
                parent.metrics(), parent.fitness());
        PromptInput input = PromptInput.of(task(), current).withAttempts(attempts)
                .withTopPrograms(slot.topPrograms()).withInspirations(slot.inspirations());
        Optional<ProgramResult> grand = parent.parentId() == null ? Optional.empty() : state.result(parent.parentId());
        if (grand.isPresent() && grand.get().slice() != null && grand.get().metrics() != null) {
            ProgramResult g = grand.get();
            input = input.withCurrentParent(Program.of(g.id(), g.parentId(), g.generation(), slot.island(), g.slice(),
                    g.metrics(), g.fitness()));
        }
        if (parent.reason() != null) {
            input = input.withArtifacts(Map.of("evaluation", parent.reason()));
        }
        if (plan.track().profilerFeedback()) {
            Optional<Profiling.Profiled> profiled = profile(parent.id(), parent.slice(),
                    plan.slice().reassemble(parent.slice()), workspace);
            if (profiled.isPresent()) {
                input = input.withCausalProfile(profiled.get().summary());
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

    ProgramResult evaluate(Slot s, Workspace workspace) {
        String id = s.id();
        int generation = s.generation();
        ProgramResult parent = s.parentResult();
        int ordinalBase = s.ordinalBase();
        Timings timings = Timings.NONE;
        List<String> rejected = new ArrayList<>();
        String slice = null;
        for (int attempt = 0; attempt < plan.maxAttempts() && slice == null; attempt++) {
            ReplayKey key = new ReplayKey(parent.sliceSha256(), ordinalBase + attempt);
            ModelRequest request = request(s, rejected, key, workspace);
            long t0 = System.nanoTime();
            ModelReply reply;
            try {
                reply = plan.model().complete(request);
            } catch (MissingAnswerException e) {
                timings = timings.plusModel(millisSince(t0));
                if (!rejected.isEmpty()) {
                    // An offline re-ask with no answer: the candidate's outcome is still its rejected reply.
                    return failed(id, generation, parent, Status.APPLY_FAILED, "no reply applied in " + attempt
                            + " attempt(s); last: " + rejected.get(rejected.size() - 1) + "; no answer to the re-ask: "
                            + e.getMessage(), null, timings, rejected);
                }
                return failed(id, generation, parent, Status.MODEL_FAILED, "model: " + e.getMessage(), null, timings,
                        rejected);
            } catch (ModelException e) {
                timings = timings.plusModel(millisSince(t0));
                return failed(id, generation, parent, Status.MODEL_FAILED, "model: " + e.getMessage(), null, timings,
                        rejected);
            }
            timings = timings.plusModel(millisSince(t0));
            long t1 = System.nanoTime();
            try {
                slice = rewrite ? Rewrite.apply(parent.slice(), reply.content())
                        : DiffApplier.apply(parent.slice(), reply.content());
            } catch (DiffException e) {
                rejected.add("reply " + (attempt + 1) + ": " + e.getMessage());
            }
            timings = timings.plusApply(millisSince(t1));
        }
        if (slice == null) {
            return failed(id, generation, parent, Status.APPLY_FAILED, "no reply applied in " + plan.maxAttempts()
                    + " attempt(s); last: " + rejected.get(rejected.size() - 1), null, timings, rejected);
        }
        String sha = Program.sha256(slice);
        ProgramResult earlier = state.duplicateOf(sha).orElse(null);
        if (earlier != null) {
            return duplicate(id, generation, parent, slice, earlier, timings, rejected);
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
            BuiltProgram reference = state.built(parent.id());
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
        state.built(program);
        Status status = judge(throughput.decision(), p99.decision(),
                plan.fitness().score(throughput.ratio() * parent.throughput().ratio(),
                        p99.ratio() * parent.p99().ratio(), 0), parent.fitness());
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
                    plan.slice().reassemble(parent.slice()), workspace);
            Optional<Profiling.Profiled> own = profile(id, slice, source, workspace);
            if (own.isPresent()) {
                Optional<dev.aiopt.junit.internal.profile.CausalRealization> r = parentProfile
                        .map(pp -> Profiling.realization(pp, own.get()));
                realization = r.map(dev.aiopt.junit.internal.profile.CausalRealization::credit).orElse(0.0);
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

    /** A candidate whose code an earlier program already has: not built again, the earlier result reused. */
    static ProgramResult duplicate(String id, int generation, ProgramResult parent, String slice, ProgramResult earlier,
            Timings timings, List<String> rejected) {
        String why = earlier.id().equals(parent.id()) ? "the reply changed nothing: same code as its parent "
                : "same code as ";
        return new ProgramResult(id, generation, parent.id(), Status.DUPLICATE, why + earlier.id()
                + "; not built or benchmarked again, its result is reused", slice, Program.sha256(slice),
                earlier.metrics(), List.of(), earlier.throughput(), earlier.p99(), List.of(), earlier.fitness(), null, null,
                timings, rejected);
    }

    // Better on one axis and not worse on the other is an improvement, worse and not better a regression; a
    // trade-off (better on one, worse on the other) is settled by fitness against the parent. Null: no detectable
    // difference on either axis.
    private static Status judge(Decision throughput, Decision p99, double fitness, double parentFitness) {
        boolean better = throughput == Decision.BETTER || p99 == Decision.BETTER;
        boolean worse = throughput == Decision.WORSE || p99 == Decision.WORSE;
        if (better && worse) {
            return fitness > parentFitness ? Status.IMPROVED : Status.REGRESSED;
        }
        return better ? Status.IMPROVED : worse ? Status.REGRESSED : Status.NO_CHANGE;
    }

    private ProgramResult failed(String id, int generation, ProgramResult parent, Status status, String reason,
            String slice, Timings timings, List<String> rejected) {
        return failedWithDiff(id, generation, parent, status, reason, slice, null, timings, rejected);
    }

    private ProgramResult failedWithDiff(String id, int generation, ProgramResult parent, Status status, String reason,
            String slice, String diff, Timings timings, List<String> rejected) {
        Double fitness = status == Status.VERIFY_FAILED ? 0.0 : null;
        return new ProgramResult(id, generation, parent.id(), status, reason, slice,
                slice == null ? null : Program.sha256(slice), null, List.of(), null, null, List.of(), fitness, null, diff,
                timings, rejected);
    }

    // Profiles a measured program once (its profiling build when one is configured). A profiler that cannot run
    // here switches profiling off for the rest of the run, loudly: the causal term is then 0 everywhere.
    Optional<Profiling.Profiled> profile(String id, String slice, String source, Workspace workspace) {
        if (!profiling.enabled() || profilingUnavailable != null) {
            return Optional.empty();
        }
        Profiling.Profiled known = profiles.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Path kit = state.built(id).kit();
            Optional<String> profileBuild = plan.configuration().find(dev.aiopt.junit.internal.config.Keys.BCOZ_BUILD);
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
        } catch (dev.aiopt.junit.internal.profile.ProfilerException | EvaluationFailure e) {
            profilingUnavailable = e.getMessage();
            System.out.println(label + " causal profiling switched off for this run: " + e.getMessage());
            notes.accept("profiling unavailable: " + e.getMessage().lines().findFirst().orElse(""));
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
