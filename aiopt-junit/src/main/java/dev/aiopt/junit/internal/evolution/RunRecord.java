package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The run's record: every program with its lineage, status, figures and statistics, the best program and the
 * champion's re-measurement. Written as {@code run.json} (atomically, after every candidate), with the best
 * slice and its unified diff beside it.
 */
final class RunRecord {
    static final String FILE_NAME = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ExperimentPlan plan;
    private final String startedAt = Instant.now().toString();
    private final RunState state;
    private String stopReason;
    private final List<String> notes = new ArrayList<>();
    private ObjectNode champion;
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
        champion = JSON.createObjectNode();
        champion.put("id", id);
        champion.set("throughput", ratio(throughput));
        champion.set("p99", ratio(p99));
        champion.put("repeats", repeats);
        champion.put("fitness", fitness);
        championFitness = fitness;
    }

    synchronized double championFitness() {
        return championFitness;
    }

    /** Writes run.json (and the best slice and diff); returns its path. */
    synchronized Path write() {
        Path dir = plan.run().directory();
        List<ProgramResult> programs = state.results();
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);
        root.put("experiment", plan.experiment());
        root.put("track", plan.track().id());
        root.put("run", dir.getFileName().toString());
        root.put("seed", plan.search().seed());
        root.put("offline", plan.model().model().offline());
        root.put("model", plan.model().model().describe());
        root.put("startedAt", startedAt);
        root.put("finishedAt", champion == null ? null : Instant.now().toString());
        ObjectNode weights = root.putObject("weights");
        weights.put("throughput", plan.fitness().throughput());
        weights.put("latency", plan.fitness().latency());
        weights.put("causal", plan.fitness().causal());
        ObjectNode slice = root.putObject("slice");
        slice.put("file", plan.slice().file());
        slice.put("how", plan.slice().how());
        slice.put("firstLine", plan.slice().firstLine());
        slice.put("lastLine", plan.slice().lastLine());
        ArrayNode configuration = root.putArray("configuration");
        for (Setting s : plan.settings()) {
            configuration.addObject().put("key", s.key()).put("value", s.printable()).put("source", s.source());
        }
        ProgramResult baseline = programs.isEmpty() ? null : programs.get(0);
        if (baseline != null && baseline.status() == Status.BASELINE) {
            ObjectNode b = root.putObject("baseline");
            b.put("id", baseline.id());
            b.set("metrics", JSON.valueToTree(baseline.metrics()));
            b.set("runs", JSON.valueToTree(baseline.runs()));
        }
        ArrayNode candidates = root.putArray("candidates");
        for (ProgramResult p : programs) {
            candidates.add(program(p));
        }
        boolean anyMeasured = programs.stream().anyMatch(p -> p.status().measured());
        if (anyMeasured) {
            ProgramResult best = best();
            ObjectNode b = root.putObject("best");
            b.put("id", best.id());
            b.put("fitness", best.fitness());
            b.put("slice", "best-slice.txt");
            b.put("diff", "best.diff");
            String diff = UnifiedDiff.of(plan.slice().file(), plan.slice().reassemble(plan.slice().text()),
                    plan.slice().reassemble(best.slice()));
            b.put("unifiedDiff", diff);
            writeAtomically(dir.resolve("best-slice.txt"), best.slice());
            writeAtomically(dir.resolve("best.diff"), diff);
        }
        root.set("champion", champion);
        root.set("ledger", plan.model().ledger().toJson());
        root.put("stopReason", stopReason);
        ArrayNode notesNode = root.putArray("notes");
        notes.forEach(notesNode::add);
        programs.stream().filter(p -> p.status() == Status.BASELINE && p.causal() != null).findFirst()
                .ifPresentOrElse(b -> root.set("profile", JSON.valueToTree(b.causal())), () -> root.putNull("profile"));
        Path file = dir.resolve(FILE_NAME);
        try {
            writeAtomically(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private ObjectNode program(ProgramResult p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", p.id());
        node.put("generation", p.generation());
        node.put("parentId", p.parentId());
        node.put("island", 0);
        node.put("status", p.status().name());
        node.put("reason", p.reason());
        node.put("fitness", p.fitness());
        node.put("sliceSha256", p.sliceSha256());
        node.set("metrics", p.metrics() == null ? null : JSON.valueToTree(p.metrics()));
        node.set("runs", JSON.valueToTree(p.runs()));
        if (p.throughput() != null) {
            ObjectNode comparison = node.putObject("comparison");
            comparison.set("throughput", ratio(p.throughput()));
            comparison.set("p99", ratio(p.p99()));
            if (!p.vsParent().isEmpty()) {
                ObjectNode parent = comparison.putObject("vsParent");
                parent.set("throughput", ratio(p.vsParent().get(0)));
                parent.set("p99", ratio(p.vsParent().get(1)));
            }
        } else {
            node.putNull("comparison");
        }
        node.set("causal", p.causal() == null ? null : JSON.valueToTree(p.causal()));
        node.put("diff", p.diff());
        Timings t = p.timings();
        node.set("timings", JSON.valueToTree(Map.of("model_ms", t.modelMs(), "apply_ms", t.applyMs(), "build_ms",
                t.buildMs(), "verify_ms", t.verifyMs(), "bench_ms", t.benchMs(), "profile_ms", t.profileMs())));
        ArrayNode attempts = node.putArray("attempts");
        p.attempts().forEach(a -> attempts.addObject().put("reason", a));
        return node;
    }

    private static ObjectNode ratio(Ratio r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ratio", r.ratio());
        node.put("low", r.low());
        node.put("high", r.high());
        node.put("pValue", r.pValue());
        node.put("decision", r.decision());
        node.put("reference", r.reference());
        return node;
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
