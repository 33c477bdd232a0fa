package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates units in one workspace of this machine with the {@link Evaluator}: each program to build is written
 * into the workspace, built, verified and its binaries kept; then all are benchmarked under the JVM-wide
 * benchmark lock. Not thread-safe: one workspace, one unit at a time.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class LocalEvaluation implements Evaluation {
    private final Workspace workspace;

    public LocalEvaluation(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public UnitResult evaluate(EvaluationUnit unit) {
        Evaluator evaluator = new Evaluator(unit.commands(), unit.isolation());
        List<BuiltProgram> built = new ArrayList<>();
        for (UnitProgram program : unit.programs()) {
            if (!program.needsBuild()) {
                built.add(new BuiltProgram(program.id(), program.kit(), Duration.ZERO,
                        Duration.ZERO));
                continue;
            }
            long start = System.nanoTime();
            try {
                built.add(evaluator.buildAndVerify(program.id(), workspace, program.file(), program.source(),
                        program.directory()));
            } catch (EvaluationFailure e) {
                // Build and oracle time of a failed program, each as measured; a failure that did not say how
                // long its phases took (binaries missing after the build) costs the whole time as build.
                ProgramRun.Reached reached = e.stage() == EvaluationFailure.Stage.VERIFY
                        ? ProgramRun.Reached.VERIFY_FAILED : ProgramRun.Reached.BUILD_FAILED;
                boolean split = !e.buildTime().isZero() || !e.verifyTime().isZero();
                ProgramRun failed = ProgramRun.failed(program.id(), reached, e.getMessage(), e.evidence(), null,
                        split ? e.buildTime().toMillis() : millisSince(start), e.verifyTime().toMillis());
                return new UnitResult(unit.id(), others(unit, program.id(), failed, built), 0);
            }
        }
        MeasurementPlan plan = unit.plan();
        long start = System.nanoTime();
        try {
            List<List<Map<String, Double>>> runs = measure(evaluator, built, plan);
            List<ProgramRun> out = new ArrayList<>();
            for (int i = 0; i < built.size(); i++) {
                BuiltProgram b = built.get(i);
                out.add(ProgramRun.measured(b.id(), b.kit(), b.buildTime().toMillis(), b.verifyTime().toMillis(),
                        runs.get(i)));
            }
            return new UnitResult(unit.id(), out, millisSince(start));
        } catch (EvaluationFailure e) {
            List<ProgramRun> out = new ArrayList<>();
            for (BuiltProgram b : built) {
                out.add(ProgramRun.failed(b.id(), ProgramRun.Reached.RUN_FAILED, e.getMessage(), e.evidence(), b.kit(),
                        b.buildTime().toMillis(), b.verifyTime().toMillis()));
            }
            return new UnitResult(unit.id(), out, millisSince(start));
        }
    }

    private List<List<Map<String, Double>>> measure(Evaluator evaluator, List<BuiltProgram> built,
            MeasurementPlan plan) {
        Path logs = plan.logDirectory();
        if (built.size() == 1) {
            return List.of(evaluator.measureAlone(built.get(0), plan.repeats(), logs, workspace.scratch()));
        }
        if (built.size() > 2) {
            return evaluator.measureRoundRobin(built, plan.repeats(), plan.warmups(), logs, workspace.scratch());
        }
        return measurePair(evaluator, built.get(0), built.get(1), plan, workspace.scratch());
    }

    /**
     * Benchmarks a candidate and its reference interleaved as {@code plan} says: a fixed number of pairs, or batches
     * while the plan's looks at its stop metric decide nothing. Returns the candidate's runs, then the reference's.
     */
    public static List<List<Map<String, Double>>> measurePair(Evaluator evaluator, BuiltProgram a, BuiltProgram b,
            MeasurementPlan plan, Path scratch) {
        Path logs = plan.logDirectory();
        Measurement m = evaluator.measure(a, b, plan.repeats(), plan.warmups(), logs, scratch);
        if (plan.isSequential()) {
            SequentialPlan sequential = new SequentialPlan(plan.repeats(), plan.repeats(), plan.maxRepeats());
            ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.seed());
            String metric = plan.stopMetric();
            SequentialPlan.Step step = sequential.next(m.candidate(metric), m.reference(metric),
                    Direction.HIGHER_IS_BETTER, settings);
            while (!step.done()) {
                m = m.plus(evaluator.measure(a, b, step.moreRepeats(), 0,
                        logs.resolveSibling(logs.getFileName() + "-more" + m.candidate().size()), scratch));
                step = sequential.next(m.candidate(metric), m.reference(metric), Direction.HIGHER_IS_BETTER, settings);
            }
        }
        return List.of(m.candidate(), m.reference());
    }

    // The programs after a failed build are not run; those before it built and keep their kits.
    private static List<ProgramRun> others(EvaluationUnit unit, String failedId, ProgramRun failed,
            List<BuiltProgram> built) {
        List<ProgramRun> out = new ArrayList<>();
        for (UnitProgram program : unit.programs()) {
            if (program.id().equals(failedId)) {
                out.add(failed);
                continue;
            }
            BuiltProgram b = built.stream().filter(p -> p.id().equals(program.id())).findFirst().orElse(null);
            out.add(ProgramRun.failed(program.id(), ProgramRun.Reached.NOT_RUN, "not benchmarked: " + failedId
                    + " failed", null, b == null ? null : b.kit(), b == null ? 0 : b.buildTime().toMillis(),
                    b == null ? 0 : b.verifyTime().toMillis()));
        }
        return out;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
