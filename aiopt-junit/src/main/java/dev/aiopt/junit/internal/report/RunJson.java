package dev.aiopt.junit.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiopt.junit.internal.report.RunData.Baseline;
import dev.aiopt.junit.internal.report.RunData.Best;
import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Causal;
import dev.aiopt.junit.internal.report.RunData.Champion;
import dev.aiopt.junit.internal.report.RunData.Comparison;
import dev.aiopt.junit.internal.report.RunData.ConfigEntry;
import dev.aiopt.junit.internal.report.RunData.Hotspot;
import dev.aiopt.junit.internal.report.RunData.Ledger;
import dev.aiopt.junit.internal.report.RunData.Profile;
import dev.aiopt.junit.internal.runfile.CandidateEntry;
import dev.aiopt.junit.internal.runfile.RunFile;
import dev.aiopt.junit.internal.runfile.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code run.json} through the run file's own records ({@link RunFiles}) and turns it into what the
 * report shows: absent optional parts become {@code null} or empty, a value of the wrong type is an error naming
 * the file and the JSON path.
 */
final class RunJson {
    static final int SCHEMA = RunFiles.SCHEMA;

    private RunJson() {
    }

    /** Reads {@code runDir/run.json}. */
    static RunData read(Path runDir) {
        RunFile file = RunFiles.read(runDir);
        String runName = file.run() != null ? file.run() : runDir.toAbsolutePath().getFileName().toString();
        RunData run = new RunData(orElse(file.experiment(), "(unnamed experiment)"),
                orElse(file.track(), "(unknown track)"), runName, file.seed(), file.offline(), file.model(),
                file.startedAt(), file.finishedAt(), file.weights(),
                file.configuration().stream().map(c -> new ConfigEntry(orElse(c.key(), ""), orElse(c.value(), ""),
                        orElse(c.source(), ""))).toList(),
                file.baseline() == null ? null : new Baseline(file.baseline().id(), file.baseline().metrics(),
                        file.baseline().runs()),
                file.candidates().stream().map(RunJson::candidate).toList(),
                file.best() == null ? null : new Best(file.best().id(), file.best().fitness(), file.best().slice(),
                        file.best().diff(), file.best().unifiedDiff()),
                champion(file.champion()), ledger(file.ledger()), file.stopReason(),
                file.profile() == null ? null : new Profile(file.profile().summary(), hotspots(file.profile().hotspots())),
                manifest(file.manifest()), file.tournament() == null ? null : new RunData.Tournament(
                        file.tournament().id(), comparison(file.tournament().throughput()),
                        comparison(file.tournament().p99()), file.tournament().repeats(), file.tournament().programs(),
                        file.tournament().note()));
        return withBestDiffFromFile(run, runDir);
    }

    private static Candidate candidate(CandidateEntry c) {
        Comparison throughput = c.comparison() == null ? null : labelled(comparison(c.comparison().throughput()), c);
        Comparison p99 = c.comparison() == null ? null : labelled(comparison(c.comparison().p99()), c);
        RunData.VsParent vsParent = c.comparison() == null || c.comparison().vsParent() == null ? null
                : new RunData.VsParent(comparison(c.comparison().vsParent().throughput()),
                        comparison(c.comparison().vsParent().p99()));
        Map<String, Double> timings = new LinkedHashMap<>();
        c.timings().forEach((k, v) -> timings.put(k, v == null ? null : v.doubleValue()));
        return new Candidate(c.id(), c.generation(), c.parentId(), c.island(), c.status(), c.reason(), c.fitness(),
                c.metrics() == null ? Map.of() : c.metrics(), c.runs(), throughput, p99, vsParent,
                c.causal() == null ? null : new Causal(c.causal().realization(), c.causal().reason(),
                        hotspots(c.causal().hotspots())),
                c.diff(), timings, c.attempts().stream().map(a -> orElse(a.reason(), "")).toList(),
                c.placement() == null ? null : new RunData.Placement(c.placement().node(), c.placement().jobId(),
                        c.placement().queueMs(), c.placement().attempt()));
    }

    // The reference says how the ratio to the baseline was obtained: a chained interval is a scaled point estimate.
    private static Comparison labelled(Comparison r, CandidateEntry c) {
        String basis = c.comparison().basis();
        if (r == null || basis == null || r.reference() == null) {
            return r;
        }
        String how = switch (basis) {
            case "chained" -> " (chained: ratio to the parent × the parent's; interval scaled, not measured)";
            case "direct" -> c.comparison().chained() != null ? " (direct re-measurement, " + c.comparison().directRepeats()
                    + " runs each; chained it was x" + String.format(Locale.ROOT, "%.3f",
                            c.comparison().chained().throughput().ratio()) + " / p99 x" + String.format(
                            Locale.ROOT, "%.3f", c.comparison().chained().p99().ratio()) + ")" : "";
            default -> "";
        };
        return new Comparison(r.ratio(), r.low(), r.high(), r.pValue(), r.decision(), r.reference() + how);
    }

    private static Comparison comparison(RunFile.Ratio r) {
        return r == null ? null : new Comparison(r.ratio(), r.low(), r.high(), r.pValue(), r.decision(), r.reference());
    }

    private static Champion champion(RunFile.Champion c) {
        return c == null ? null : new Champion(c.id(), comparison(c.throughput()), comparison(c.p99()), c.repeats(),
                c.fitness());
    }

    private static List<Hotspot> hotspots(List<RunFile.Hotspot> hotspots) {
        return hotspots.stream().map(h -> new Hotspot(h.location(), h.sliceLine(), h.speedupAt20(), h.speedupAt50(),
                h.impact())).toList();
    }

    // The ledger's layout belongs to the model layer; the report reads the few fields it shows.
    private static Ledger ledger(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<Ledger.Call> calls = new ArrayList<>();
        for (JsonNode call : node.path("calls")) {
            calls.add(new Ledger.Call(call.path("model").isTextual() ? call.path("model").asText() : null,
                    integer(call, "tokensIn"), integer(call, "tokensOut"), number(call, "costUsd"),
                    integer(call, "latencyMs")));
        }
        return new Ledger(calls, number(node, "totalCostUsd"), integer(node, "totalTokens"));
    }

    private static Long integer(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.path(field).asLong() : null;
    }

    private static Double number(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.path(field).asDouble() : null;
    }

    /** When run.json names the best diff's file but does not inline it, the report shows the file. */
    private static RunData withBestDiffFromFile(RunData run, Path runDir) {
        Best best = run.best();
        if (best == null || best.unifiedDiff() != null || best.diff() == null) {
            return run;
        }
        Path dir = runDir.toAbsolutePath().normalize();
        Path diff = dir.resolve(best.diff()).normalize();
        if (!diff.startsWith(dir) || !Files.isRegularFile(diff)) {
            return run;
        }
        String text;
        try {
            text = Files.readString(diff);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the best diff " + diff, e);
        }
        return new RunData(run.experiment(), run.track(), run.run(), run.seed(), run.offline(), run.model(),
                run.startedAt(), run.finishedAt(), run.weights(), run.configuration(), run.baseline(),
                run.candidates(), new Best(best.id(), best.fitness(), best.slice(), best.diff(), text),
                run.champion(), run.ledger(), run.stopReason(), run.profile(), run.manifest(),
                run.tournament());
    }

    // The manifest's layout belongs to provenance; the report shows its leaves as dotted paths.
    private static Map<String, String> manifest(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            flatten("", node, out);
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(path.isEmpty() ? f.getKey() : path + "." + f.getKey(),
                    f.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else if (!node.isNull()) {
            out.put(path, node.asText());
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
