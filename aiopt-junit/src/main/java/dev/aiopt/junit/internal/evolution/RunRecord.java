package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.runfile.CandidateEntry;
import dev.aiopt.junit.internal.runfile.RunFile;
import dev.aiopt.junit.internal.runfile.RunFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's record: every program with its lineage, status, figures and statistics, the best program and the
 * champion's re-measurement. Written as {@code run.json} (a {@link RunFile}, atomically, after every candidate),
 * with the best slice and its unified diff beside it.
 */
final class RunRecord {
    static final String FILE_NAME = RunFiles.FILE_NAME;

    private final ExperimentPlan plan;
    private final String startedAt = Instant.now().toString();
    private final RunState state;
    private String stopReason;
    private final List<String> notes = new ArrayList<>();
    private RunFile.Champion champion;
    private double championFitness = Double.NaN;

    RunRecord(ExperimentPlan plan, RunState state) {
        this.plan = plan;
        this.state = state;
    }

    synchronized void note(String text) {
        notes.add(text);
    }

    synchronized void stop(String reason) {
        stopReason = reason;
    }

    /** The measured program with the highest fitness; the earliest wins ties, so noise never displaces the baseline. */
    synchronized ProgramResult best() {
        return state.results().stream().filter(p -> p.status().measured())
                .max(Comparator.comparingDouble((ProgramResult p) -> p.fitness())
                        .thenComparing(Comparator.comparingInt(ProgramResult::generation).reversed()))
                .orElseThrow(() -> new IllegalStateException("no measured program"));
    }

    synchronized void champion(String id, Ratio throughput, Ratio p99, int repeats, double fitness) {
        champion = new RunFile.Champion(id, ratio(throughput), ratio(p99), repeats, fitness);
        championFitness = fitness;
    }

    synchronized double championFitness() {
        return championFitness;
    }

    /** Writes run.json (and the best slice and diff); returns its path. */
    synchronized Path write() {
        Path dir = plan.run().directory();
        List<ProgramResult> programs = state.results();
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("throughput", plan.fitness().throughput());
        weights.put("latency", plan.fitness().latency());
        weights.put("causal", plan.fitness().causal());
        List<RunFile.ConfigEntry> configuration = new ArrayList<>();
        for (Setting s : plan.settings()) {
            configuration.add(new RunFile.ConfigEntry(s.key(), s.printable(), s.source()));
        }
        ProgramResult first = programs.isEmpty() ? null : programs.get(0);
        RunFile.Baseline baseline = first != null && first.status() == Status.BASELINE
                ? new RunFile.Baseline(first.id(), first.metrics(), first.runs()) : null;
        RunFile.Best best = null;
        if (programs.stream().anyMatch(p -> p.status().measured())) {
            ProgramResult b = best();
            String diff = UnifiedDiff.of(plan.slice().file(), plan.slice().reassemble(plan.slice().text()),
                    plan.slice().reassemble(b.slice()));
            best = new RunFile.Best(b.id(), b.fitness(), "best-slice.txt", "best.diff", diff);
            RunFiles.writeAtomically(dir.resolve("best-slice.txt"), b.slice());
            RunFiles.writeAtomically(dir.resolve("best.diff"), diff);
        }
        RunFile.Causal profile = programs.stream().filter(p -> p.status() == Status.BASELINE && p.causal() != null)
                .findFirst().map(ProgramResult::causal).orElse(null);
        RunFile run = new RunFile(RunFiles.SCHEMA, plan.experiment(), plan.track().id(), dir.getFileName().toString(),
                plan.search().seed(), plan.model().model().offline(), plan.model().model().describe(), startedAt,
                champion == null ? null : Instant.now().toString(), weights,
                new RunFile.SliceInfo(plan.slice().file(), plan.slice().how(), plan.slice().firstLine(),
                        plan.slice().lastLine()), configuration, baseline,
                programs.stream().map(RunRecord::entry).toList(), best, champion, plan.model().ledger().toJson(),
                stopReason, notes, profile);
        return RunFiles.write(dir, run);
    }

    /** A program as the run file holds it. */
    static CandidateEntry entry(ProgramResult p) {
        RunFile.Comparison comparison = null;
        if (p.throughput() != null) {
            RunFile.VsParent vsParent = p.vsParent().isEmpty() ? null
                    : new RunFile.VsParent(ratio(p.vsParent().get(0)), ratio(p.vsParent().get(1)));
            comparison = new RunFile.Comparison(ratio(p.throughput()), ratio(p.p99()), vsParent);
        }
        Timings t = p.timings();
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("model_ms", t.modelMs());
        timings.put("apply_ms", t.applyMs());
        timings.put("build_ms", t.buildMs());
        timings.put("verify_ms", t.verifyMs());
        timings.put("bench_ms", t.benchMs());
        timings.put("profile_ms", t.profileMs());
        return new CandidateEntry(p.id(), p.generation(), p.parentId(), p.island(), p.status().name(), p.reason(),
                p.fitness(), p.sliceSha256(), p.metrics(), p.runs(), comparison, p.causal(), p.diff(), timings,
                p.attempts().stream().map(RunFile.Attempt::new).toList(), p.placement() == null ? null
                        : new RunFile.Placement(p.placement().node(), p.placement().jobId(),
                                p.placement().queueMillis(), p.placement().attempt()));
    }

    private static RunFile.Ratio ratio(Ratio r) {
        return new RunFile.Ratio(r.ratio(), r.low(), r.high(), r.pValue(), r.decision(), r.reference());
    }
}
