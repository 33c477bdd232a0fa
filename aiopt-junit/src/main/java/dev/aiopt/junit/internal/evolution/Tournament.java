package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.LocalEvaluation;
import dev.aiopt.junit.internal.evaluation.MeasurementPlan;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitProgram;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.runfile.RunFile;
import dev.aiopt.junit.internal.runfile.RunFiles;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Direction;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The final tournament of {@code -Dtrack=all}: the baseline and the champion of every run (every track, every
 * replicate) benchmarked round-robin in one block, so all improvements are measured under the same machine state and
 * against the same baseline runs. Each run's figures go into its {@code run.json} ({@code tournament}); a run whose
 * champion is the baseline counts as x1 without taking a place in the block.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Tournament {
    private Tournament() {
    }

    /**
     * Plays the tournament of these finished runs (each has named its champion) and records it in their run files.
     *
     * @param directory where the block's benchmark logs and workspace go
     * @return the number of programs benchmarked in the block (the baseline included), 0 when no run found anything
     * @throws InfrastructureFault when a program of the block cannot be benchmarked again
     */
    public static int play(List<EvolutionRun> runs, Path directory, RunListener listener) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a tournament needs at least one finished run");
        }
        List<EvolutionRun> entrants = new ArrayList<>();
        for (EvolutionRun run : runs) {
            ChampionResult champion = run.championResult().orElseThrow(() -> new IllegalStateException(
                    run.runDirectory() + " has not named its champion"));
            if (!champion.id().equals(EvolutionRun.BASELINE_ID)) {
                entrants.add(run);
            }
        }
        EvolutionRun first = runs.get(0);
        ExperimentPlan plan = first.plan();
        int repeats = 2 * plan.measurement().repeats();
        if (entrants.isEmpty()) {
            for (EvolutionRun run : runs) {
                record(run, Ratio.unity(EvolutionRun.BASELINE_ID), Ratio.unity(EvolutionRun.BASELINE_ID), 0, 0,
                        "no run's champion beat the baseline: no block was benchmarked, every run counts as x1");
            }
            listener.line("[aiopt] tournament: no run found an improvement; every run counts as x1");
            return 0;
        }
        List<UnitProgram> programs = new ArrayList<>();
        programs.add(UnitProgram.built(EvolutionRun.BASELINE_ID, first.kit(EvolutionRun.BASELINE_ID)));
        for (EvolutionRun run : entrants) {
            String id = run.championResult().orElseThrow().id();
            programs.add(UnitProgram.built(entrantId(run, id), run.kit(id)));
        }
        Workspace workspace = Workspace.create(plan.run().sourceRoot(), directory.resolve("workspace"),
                plan.run().workspaceCommand().orElse(null));
        listener.line(String.format(Locale.ROOT, "[aiopt] tournament: the baseline and %d champion(s), round-robin, "
                + "%d rounds after %d warm-up round(s)", entrants.size(), repeats, plan.measurement().warmups()));
        UnitResult result = new LocalEvaluation(workspace).evaluate(new EvaluationUnit("tournament",
                plan.measurement().commands(), programs, MeasurementPlan.fixed(repeats, plan.measurement().warmups(),
                        directory.resolve("bench")), plan.measurement().isolation()));
        for (ProgramRun p : result.programs()) {
            if (p.reached() != ProgramRun.Reached.MEASURED) {
                throw new InfrastructureFault("the tournament could not benchmark " + p.id() + ": " + p.message(), null);
            }
        }
        ComparisonSettings settings = ComparisonSettings.defaults().withSeed(plan.search().seed());
        double[] baseT = metric(result, 0, Cascade.THROUGHPUT);
        String block = programs.size() + " programs round-robin, " + repeats + " rounds";
        for (EvolutionRun run : runs) {
            int index = entrants.indexOf(run);
            if (index < 0) {
                record(run, Ratio.unity(EvolutionRun.BASELINE_ID), Ratio.unity(EvolutionRun.BASELINE_ID), repeats,
                        programs.size(), "its champion is the baseline: x1, not benchmarked again");
                continue;
            }
            Comparison t = Comparison.of(metric(result, index + 1, Cascade.THROUGHPUT), baseT,
                    Direction.HIGHER_IS_BETTER, settings);
            // latency = "none": no p99 in the runs, the absent comparison (ratio 1) instead of a missing number.
            List<Map<String, Double>> entrantRuns = result.programs().get(index + 1).runs();
            Comparison p = Judge.p99(entrantRuns, result.programs().get(0).runs(), settings);
            record(run, Ratio.of(t, EvolutionRun.BASELINE_ID), Ratio.of(p, EvolutionRun.BASELINE_ID), repeats,
                    programs.size(), block);
            listener.line(String.format(Locale.ROOT, "[aiopt] tournament %s: throughput x%.3f [%.3f, %.3f] %s, %s",
                    programs.get(index + 1).id(), t.ratio(), t.low(), t.high(), t.decision(),
                    Judge.describeP99(p, Judge.hasLatency(entrantRuns))));
        }
        return programs.size();
    }

    private static String entrantId(EvolutionRun run, String id) {
        return run.plan().track().id() + "-seed" + run.plan().search().seed() + "-" + id;
    }

    private static void record(EvolutionRun run, Ratio throughput, Ratio p99, int repeats, int programs, String note) {
        RunFile file = RunFiles.read(run.runDirectory());
        RunFiles.write(run.runDirectory(), file.withTournament(new RunFile.Tournament(
                run.championResult().orElseThrow().id(), ratio(throughput), ratio(p99), repeats, programs, note)));
    }

    private static RunFile.Ratio ratio(Ratio r) {
        return new RunFile.Ratio(r.ratio(), r.low(), r.high(), r.pValue(), r.decision(), r.reference());
    }

    private static double[] metric(UnitResult result, int program, String metric) {
        return result.programs().get(program).runs().stream().mapToDouble(r -> r.get(metric)).toArray();
    }
}
