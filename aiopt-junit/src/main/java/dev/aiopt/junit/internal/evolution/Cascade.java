package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.evaluation.Evaluation;
import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.InfrastructureFailure;
import dev.aiopt.junit.internal.evaluation.MeasurementPlan;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitProgram;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.judge.CausalEvidence;
import dev.aiopt.junit.internal.judge.Judgement;
import dev.aiopt.junit.internal.runfile.RunFile.Causal;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One candidate's cascade, cheap and decisive first: propose (prompt, model, apply, re-asking with the reason
 * when a reply does not apply) → dedupe → build → verify → bench (an {@link EvaluationUnit} of the candidate
 * and its parent, measured interleaved and sequentially) → judge → profile (only what improved) → score.
 * Thread-safe: candidates of a generation may run at once, each in its own workspace.
 */
final class Cascade {
    static final String THROUGHPUT = "ops_per_sec";
    static final String P99 = "p99_us";

    private final ExperimentPlan plan;
    private final RunState state;
    private final Proposer proposer;
    private final ProfileStage profiles;
    private final Function<Workspace, Evaluation> evaluations;
    private final ScoreStage score;
    private final Kits kits;

    /**
     * @param evaluations the build/verify/bench stage for a workspace: a {@code LocalEvaluation} in the loop, a
     *     fake in tests
     * @param weights the fitness weights of the score stage
     */
    Cascade(ExperimentPlan plan, RunState state, Proposer proposer, ProfileStage profiles,
            Function<Workspace, Evaluation> evaluations, Fitness weights) {
        this.plan = plan;
        this.state = state;
        this.proposer = proposer;
        this.profiles = profiles;
        this.evaluations = evaluations;
        this.score = new ScoreStage(weights, state);
        this.kits = new Kits(plan, state);
    }

    ProgramResult evaluate(Slot s, Workspace workspace) {
        String id = s.id();
        ProgramResult parent = s.parentResult();
        Proposal proposal = proposer.propose(s, workspace);
        if (proposal.slice() == null) {
            return failed(s, proposal.failure(), proposal.reason(), null, null, proposal.timings(),
                    proposal.rejected());
        }
        String slice = proposal.slice();
        Timings timings = proposal.timings();
        List<String> rejected = proposal.rejected();
        Optional<ProgramResult> earlier = state.duplicateOf(Program.sha256(slice));
        if (earlier.isPresent()) {
            return duplicate(origin(s), slice, earlier.get(), timings, rejected);
        }
        String source = plan.slice().reassemble(slice);
        String diff = UnifiedDiff.of(plan.slice().file(), plan.slice().reassemble(parent.slice()), source);
        int repeats = plan.measurement().repeats();
        freshDirectory(programDir(id));
        SequentialPlan sequential = new SequentialPlan(repeats, repeats, 3 * repeats);
        UnitProgram reference = kits.reference(parent, programDir(id).resolve("parent"));
        EvaluationUnit unit = new EvaluationUnit(id, plan.measurement().commands(), List.of(
                UnitProgram.toBuild(id, plan.slice().file(), source, programDir(id)), reference),
                MeasurementPlan.sequential(repeats, plan.measurement().warmups(), sequential.maxRepeats(), THROUGHPUT,
                        plan.search().seed(), programDir(id).resolve("bench")), plan.measurement().isolation());
        UnitResult result;
        try {
            result = evaluations.apply(workspace).evaluate(unit);
        } catch (InfrastructureFailure e) {
            return failed(s, Status.INFRA_FAILED, "infrastructure, not the candidate: " + e.getMessage(), slice, diff,
                    timings, rejected);
        }
        if (reference.needsBuild()) {
            ProgramRun rebuilt = result.programs().get(1);
            if (rebuilt.reached() == ProgramRun.Reached.BUILD_FAILED
                    || rebuilt.reached() == ProgramRun.Reached.VERIFY_FAILED) {
                return failed(s, Status.INFRA_FAILED, "infrastructure, not the candidate: the parent " + parent.id()
                        + ", rebuilt from its slice because its kit was dropped (aiopt.keepKits), failed: "
                        + rebuilt.message(), slice, diff, timings, rejected);
            }
            if (rebuilt.kit() != null) {
                state.built(rebuilt.built()); // the parent's kit again, for its profile and its next children
            }
        }
        return judged(s, workspace, slice, source, diff, timings, rejected, sequential, result)
                .placedOn(result.placement());
    }

    private ProgramResult judged(Slot s, Workspace workspace, String slice, String source, String diff, Timings timings,
            List<String> rejected, SequentialPlan sequential, UnitResult result) {
        String id = s.id();
        ProgramResult parent = s.parentResult();
        ProgramRun run = result.first();
        switch (run.reached()) {
            case BUILD_FAILED, VERIFY_FAILED -> {
                Status status = run.reached() == ProgramRun.Reached.VERIFY_FAILED ? Status.VERIFY_FAILED
                        : Status.BUILD_FAILED;
                return failed(s, status, run.message(), slice, diff,
                        timings.withBuild(run.buildMillis(), run.verifyMillis()), rejected);
            }
            case RUN_FAILED -> {
                return failed(s, Status.RUN_FAILED, run.message(), slice, diff, timings
                        .withBuild(run.buildMillis(), run.verifyMillis()).withBench(result.benchMillis()), rejected);
            }
            case NOT_RUN -> throw new IllegalStateException("unit " + id + " did not run its candidate: " + run.message());
            case MEASURED -> {
            }
        }
        timings = timings.withBuild(run.buildMillis(), run.verifyMillis()).withBench(result.benchMillis());
        state.built(run.built());
        List<Map<String, Double>> candidateRuns = run.runs();
        Judge.Verdict verdict = Judge.compare(candidateRuns, result.programs().get(1).runs(), sequential,
                plan.search().seed());
        // Judged without causal evidence first: only what improves on the benchmark is profiled, on every track alike.
        Judgement judgement = score.judge(parent, verdict.throughput(), verdict.p99(),
                CausalEvidence.unknown("not profiled: only candidates that improve on the benchmark are"));
        Status status = ScoreStage.status(judgement.verdict());
        Ratio t = Ratio.of(verdict.throughput(), parent.id()).chain(parent.throughput(), EvolutionRun.BASELINE_ID);
        Ratio p = Ratio.of(verdict.p99(), parent.id()).chain(parent.p99(), EvolutionRun.BASELINE_ID);
        Causal causal = null;
        if (status != Status.IMPROVED && profiles.enabled()) {
            causal = new Causal(null, "not profiled: only candidates that pass the statistics stage (IMPROVED) are",
                    null, List.of(), null);
        }
        if (status == Status.IMPROVED && profiles.enabled()) {
            Optional<ProgramResult> baseline = state.result(EvolutionRun.BASELINE_ID);
            Optional<Profiling.Profiled> baselineProfile = baseline.flatMap(b -> profiles.profile(b.id(), b.slice(),
                    plan.slice().reassemble(b.slice()), workspace));
            Optional<Profiling.Profiled> parentProfile = profiles.profile(parent.id(), parent.slice(),
                    plan.slice().reassemble(parent.slice()), workspace);
            Optional<Profiling.Profiled> own = profiles.profile(id, slice, source, workspace);
            if (own.isPresent()) {
                CausalEvidence evidence = score.evidence(parent, baselineProfile, parentProfile, own.get(), diff);
                judgement = score.judge(parent, verdict.throughput(), verdict.p99(), evidence);
                status = ScoreStage.status(judgement.verdict());
                causal = Profiling.causal(own.get(), judgement.levels().causal(), "causal " + judgement.causal() + ": "
                        + evidence.note());
                timings = timings.withProfile(own.get().millis());
            }
        }
        double fitness = judgement.fitness();
        Map<String, Double> candidateMedians = medians(candidateRuns);
        Map<String, Double> referenceMedians = medians(result.programs().get(1).runs());
        String reason = String.format("vs %s: throughput x%.3f [%.3f, %.3f] %s (%.0f vs %.0f ops/sec, the medians of"
                + " the interleaved runs), %s (%d runs each)", parent.id(), verdict.throughput().ratio(),
                verdict.throughput().low(), verdict.throughput().high(), verdict.throughput().decision(),
                candidateMedians.get(THROUGHPUT), referenceMedians.get(THROUGHPUT),
                Judge.describeP99(verdict.p99(), Judge.hasLatency(candidateRuns)), candidateRuns.size());
        Measured measured = new Measured(candidateMedians, candidateRuns, t, p,
                List.of(Ratio.of(verdict.throughput(), parent.id()), Ratio.of(verdict.p99(), parent.id())),
                judgement.levels()).withReferenceMetrics(referenceMedians);
        return new ProgramResult(origin(s), new Outcome(status, reason), slice, Program.sha256(slice), measured,
                fitness, causal, diff, timings, rejected);
    }

    /** A candidate whose code an earlier program already has: not built again, the earlier result reused. */
    static ProgramResult duplicate(Origin origin, String slice, ProgramResult earlier, Timings timings,
            List<String> rejected) {
        String why = earlier.id().equals(origin.parentId()) ? "the reply changed nothing: same code as its parent "
                : "same code as ";
        Measured reused = earlier.measured() == null ? null : new Measured(earlier.metrics(), List.of(),
                earlier.throughput(), earlier.p99(), List.of(), earlier.measured().levels());
        return new ProgramResult(origin, new Outcome(Status.DUPLICATE, why + earlier.id()
                + "; not built or benchmarked again, its result is reused"), slice, Program.sha256(slice), reused,
                earlier.fitness(), null, null, timings, rejected);
    }

    static Origin origin(Slot s) {
        return new Origin(s.id(), s.generation(), s.parentResult().id(), s.island());
    }

    private static ProgramResult failed(Slot s, Status status, String reason, String slice, String diff,
            Timings timings, List<String> rejected) {
        return ProgramResult.failed(origin(s), status, reason, slice, slice == null ? null : Program.sha256(slice),
                diff, timings, rejected);
    }

    private Path programDir(String id) {
        return plan.run().directory().resolve("programs").resolve(id);
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

    // A run killed while this candidate was built left its logs and kit here: start from nothing.
    private static void freshDirectory(Path dir) {
        try {
            Workspace.deleteRecursively(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot empty " + dir + " left by an earlier attempt", e);
        }
    }
}
