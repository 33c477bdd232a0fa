package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.provenance.Manifest;
import dev.aiopt.junit.internal.provenance.ManifestCollector;
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
    /** The best program's slice and its patch of the whole file (apply with {@code patch -p1} in the tree). */
    static final String BEST_SLICE = "best-slice.txt";
    static final String BEST_DIFF = "best.diff";

    static final String FILE_NAME = RunFiles.FILE_NAME;

    private final ExperimentPlan plan;
    private final String startedAt = Instant.now().toString();
    private final RunState state;
    private String stopReason;
    private final List<String> notes = new ArrayList<>();
    private RunFile.Champion champion;
    private double championFitness = Double.NaN;

    private static final ObjectMapper JSON = new ObjectMapper();
    private Manifest manifest;

    RunRecord(ExperimentPlan plan, RunState state) {
        this.plan = plan;
        this.state = state;
        this.manifest = ManifestCollector.collect(plan.measurement().commands().build(), plan.run().sourceRoot(),
                List.of(model(plan)), List.of(plan.search().seed()));
    }

    // describe() is "<model> at <endpoint>" for a live model; the collector drops user info and query from it.
    private static Manifest.Model model(ExperimentPlan plan) {
        String describe = plan.model().model().describe();
        int at = describe.lastIndexOf(" at ");
        if (plan.model().model().offline() || at < 0) {
            return new Manifest.Model(plan.track().id(), describe, plan.model().model().offline() ? "offline replay"
                    : "(none)");
        }
        return new Manifest.Model(plan.track().id(), describe.substring(0, at), describe.substring(at + 4));
    }

    synchronized void note(String text) {
        notes.add(text);
    }

    synchronized void stop(String reason) {
        stopReason = reason;
    }

    /** Why the run stopped for good; null while it has not. */
    synchronized String stopReason() {
        return stopReason;
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
        manifest = manifest.withLoadAtEnd(ManifestCollector.loadAverage());
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
            best = new RunFile.Best(b.id(), b.fitness(), BEST_SLICE, BEST_DIFF, diff);
            RunFiles.writeAtomically(dir.resolve(BEST_SLICE), b.slice());
            RunFiles.writeAtomically(dir.resolve(BEST_DIFF), diff);
        }
        RunFile.Causal profile = programs.stream().filter(p -> p.status() == Status.BASELINE && p.causal() != null)
                .findFirst().map(ProgramResult::causal).orElse(null);
        RunFile run = new RunFile(RunFiles.SCHEMA, plan.experiment(), plan.track().id(), dir.getFileName().toString(),
                plan.search().seed(), plan.model().model().offline(), plan.model().model().describe(), startedAt,
                champion == null ? null : Instant.now().toString(), weights,
                new RunFile.SliceInfo(plan.slice().file(), plan.slice().how(), plan.slice().firstLine(),
                        plan.slice().lastLine()), configuration, baseline,
                programs.stream().map(RunRecord::entry).toList(), best, champion, plan.model().ledger().toJson(),
                stopReason, notes, profile, JSON.<JsonNode>valueToTree(manifest), null);
        return RunFiles.write(dir, run);
    }

    /** A program as the run file holds it. */
    static CandidateEntry entry(ProgramResult p) {
        RunFile.Comparison comparison = null;
        if (p.throughput() != null) {
            RunFile.VsParent vsParent = p.vsParent().isEmpty() ? null
                    : new RunFile.VsParent(ratio(p.vsParent().get(0)), ratio(p.vsParent().get(1)));
            Measured.Direct direct = p.measured().direct();
            if (direct != null) {
                comparison = new RunFile.Comparison(ratio(direct.throughput()), ratio(direct.p99()), vsParent, "direct",
                        new RunFile.VsParent(ratio(p.throughput()), ratio(p.p99())), direct.repeats(), direct.fitness());
            } else {
                boolean chained = p.parentId() != null && !EvolutionRun.BASELINE_ID.equals(p.parentId())
                        && p.status() != Status.DUPLICATE;
                comparison = new RunFile.Comparison(ratio(p.throughput()), ratio(p.p99()), vsParent,
                        p.status() == Status.DUPLICATE ? "reused" : chained ? "chained" : "direct", null, null, null);
            }
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
