package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.Evaluation;
import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.MeasurementPlan;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitProgram;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Measures an elite against the baseline directly. A candidate's ratios to the baseline are chained (its ratio to
 * the parent times the parent's to the baseline) and drift with every generation; before a program becomes an
 * island's best (and so a migrant candidate, and a champion candidate) it is benchmarked interleaved with the
 * baseline in this run, and the direct ratios are kept beside the chained ones. Its verdict and fitness are left as
 * judged against its parent: a re-measurement never rewrites a verdict already given.
 */
final class EliteMeasurement {
    private final ExperimentPlan plan;
    private final RunState state;
    private final Function<Workspace, Evaluation> evaluations;
    private final ScoreStage score;

    EliteMeasurement(ExperimentPlan plan, RunState state, Function<Workspace, Evaluation> evaluations) {
        this.plan = plan;
        this.state = state;
        this.evaluations = evaluations;
        this.score = new ScoreStage(plan.fitness(), state);
    }

    /**
     * Whether this landing candidate becomes its island's best: measured, IMPROVED, and above every measured
     * program of its island so far (the baseline counts on every island).
     */
    boolean becomesIslandBest(ProgramResult result) {
        if (result.status() != Status.IMPROVED || result.fitness() == null || result.measured() == null
                || result.measured().direct() != null) {
            return false;
        }
        double best = state.results().stream().filter(p -> p.status().measured() && p.fitness() != null)
                .filter(p -> p.status() == Status.BASELINE || p.island() == result.island())
                .mapToDouble(ProgramResult::fitness).max().orElse(Double.NEGATIVE_INFINITY);
        return result.fitness() > best;
    }

    /**
     * The result with its direct comparison; the result unchanged when either program cannot be measured again
     * (the caller's note says why).
     */
    ProgramResult measure(ProgramResult result, Workspace workspace, RunListener listener, String label) {
        Optional<ProgramResult> baseline = state.result(EvolutionRun.BASELINE_ID);
        if (baseline.isEmpty()) {
            return result;
        }
        int repeats = plan.measurement().repeats();
        EvaluationUnit unit = new EvaluationUnit(result.id() + "-direct", plan.measurement().commands(), List.of(
                UnitProgram.built(result.id(), state.built(result.id()).kit()),
                UnitProgram.built(EvolutionRun.BASELINE_ID, state.built(EvolutionRun.BASELINE_ID).kit())),
                MeasurementPlan.fixed(repeats, plan.measurement().warmups(),
                        plan.run().directory().resolve("programs").resolve(result.id()).resolve("direct")),
                plan.measurement().isolation());
        UnitResult m = evaluations.apply(workspace).evaluate(unit);
        if (m.first().reached() != ProgramRun.Reached.MEASURED || m.programs().get(1).reached() != ProgramRun.Reached.MEASURED) {
            listener.line(label + " " + result.id() + ": direct re-measurement against the baseline failed, its "
                    + "chained ratios stay: " + m.first().message());
            return result;
        }
        ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.search().seed());
        Comparison t = Comparison.of(metric(m, 0, Cascade.THROUGHPUT), metric(m, 1, Cascade.THROUGHPUT),
                Direction.HIGHER_IS_BETTER, settings);
        // A target without a latency axis (latency = "none") has no p99 runs: its p99 "comparison" is the absent one.
        Comparison p = Judge.p99(m.programs().get(0).runs(), m.programs().get(1).runs(), settings);
        Measured.Direct direct = new Measured.Direct(Ratio.of(t, EvolutionRun.BASELINE_ID),
                Ratio.of(p, EvolutionRun.BASELINE_ID), repeats, score.championFitness(result, t, p));
        listener.line(String.format("%s %s becomes island %d's best: re-measured against the baseline (%d runs each):"
                + " throughput x%.3f [%.3f, %.3f] %s (chained x%.3f), %s (chained x%.3f)", label,
                result.id(), result.island(), repeats, t.ratio(), t.low(), t.high(), t.decision(),
                result.throughput().ratio(), Judge.describeP99(p, Judge.hasLatency(m.programs().get(0).runs())),
                result.p99().ratio()));
        return new ProgramResult(result.origin(), result.outcome(), result.slice(), result.sliceSha256(),
                result.measured().withDirect(direct), result.fitness(), result.causal(), result.diff(),
                result.timings().withBench(result.timings().benchMs() + m.benchMillis()), result.attempts())
                .placedOn(result.placement()); // where its evaluation ran, not where it was re-measured
    }

    private static double[] metric(UnitResult result, int program, String metric) {
        return result.programs().get(program).runs().stream().mapToDouble(r -> r.get(metric)).toArray();
    }
}
