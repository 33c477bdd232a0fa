package dev.aiopt.junit.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads {@code run.json} (schema 1) leniently: optional parts may be absent or null, but a value of the wrong
 * type is an error naming the file and the JSON path, so that a writer bug is found rather than hidden.
 */
final class RunJson {
    static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    private RunJson(Path file) {
        this.file = file;
    }

    /** Reads {@code runDir/run.json}. */
    static RunData read(Path runDir) {
        Path file = runDir.resolve("run.json");
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no run.json in " + runDir.toAbsolutePath()
                    + ": pass a run directory (target/aiopt/<experiment>/<track>/<run>/) whose run has finished"
                    + " or written its run.json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " is not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + "); it was probably cut short by a crash: re-run the experiment to rewrite it", e);
        }
        RunData run = new RunJson(file).run(root);
        return withBestDiffFromFile(run, runDir);
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
                run.champion(), run.ledger(), run.stopReason(), run.profile());
    }

    private RunData run(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("$", "must be a JSON object");
        }
        Long schema = integer(root, "$", "schema");
        if (schema == null || schema != SCHEMA) {
            throw error("$.schema", "is " + schema + ", but this report writer reads schema " + SCHEMA
                    + "; render it with the aiopt-junit version that wrote it");
        }
        String runName = text(root, "$", "run");
        if (runName == null) {
            runName = file.toAbsolutePath().getParent().getFileName().toString();
        }
        return new RunData(
                orElse(text(root, "$", "experiment"), "(unnamed experiment)"),
                orElse(text(root, "$", "track"), "(unknown track)"),
                runName,
                integer(root, "$", "seed"),
                Boolean.TRUE.equals(bool(root, "$", "offline")),
                text(root, "$", "model"),
                text(root, "$", "startedAt"),
                text(root, "$", "finishedAt"),
                numbers(root.get("weights"), "$.weights"),
                list(root, "$", "configuration", this::configEntry),
                object(root, "$", "baseline", this::baseline),
                list(root, "$", "candidates", this::candidate),
                object(root, "$", "best", this::best),
                object(root, "$", "champion", this::champion),
                object(root, "$", "ledger", this::ledger),
                text(root, "$", "stopReason"),
                object(root, "$", "profile", this::profile));
    }

    private ConfigEntry configEntry(JsonNode node, String path) {
        return new ConfigEntry(orElse(text(node, path, "key"), ""), orElse(textOrScalar(node, path, "value"), ""),
                orElse(text(node, path, "source"), ""));
    }

    private Baseline baseline(JsonNode node, String path) {
        return new Baseline(text(node, path, "id"), numbers(node.get("metrics"), path + ".metrics"),
                list(node, path, "runs", (n, p) -> numbers(n, p)));
    }

    private Candidate candidate(JsonNode node, String path) {
        String id = text(node, path, "id");
        if (id == null) {
            throw error(path + ".id", "is missing: every candidate needs an id");
        }
        Long generation = integer(node, path, "generation");
        Long island = integer(node, path, "island");
        JsonNode comparison = node.get("comparison");
        Comparison throughput = null;
        Comparison p99 = null;
        if (comparison != null && !comparison.isNull()) {
            requireObject(comparison, path + ".comparison");
            throughput = object(comparison, path + ".comparison", "throughput", this::comparison);
            p99 = object(comparison, path + ".comparison", "p99", this::comparison);
        }
        List<String> attempts = list(node, path, "attempts", (n, p) -> n.isObject() ? orElse(text(n, p, "reason"), "")
                : n.asText());
        return new Candidate(id, generation == null ? 0 : generation.intValue(), text(node, path, "parentId"),
                island == null ? null : island.intValue(), orElse(text(node, path, "status"), "UNKNOWN"),
                text(node, path, "reason"), number(node, path, "fitness"), numbers(node.get("metrics"), path + ".metrics"),
                list(node, path, "runs", (n, p) -> numbers(n, p)), throughput, p99,
                object(node, path, "causal", this::causal), text(node, path, "diff"),
                numbers(node.get("timings"), path + ".timings"), attempts);
    }

    private Comparison comparison(JsonNode node, String path) {
        Double ratio = number(node, path, "ratio");
        if (ratio == null) {
            return null;
        }
        return new Comparison(ratio, number(node, path, "low"), number(node, path, "high"),
                number(node, path, "pValue"), text(node, path, "decision"), text(node, path, "reference"));
    }

    private Causal causal(JsonNode node, String path) {
        return new Causal(number(node, path, "realization"), text(node, path, "reason"),
                list(node, path, "hotspots", this::hotspot));
    }

    private Hotspot hotspot(JsonNode node, String path) {
        Long line = integer(node, path, "sliceLine");
        return new Hotspot(orElse(text(node, path, "location"), "?"), line == null ? null : line.intValue(),
                number(node, path, "speedupAt20"), number(node, path, "speedupAt50"), number(node, path, "impact"));
    }

    private Best best(JsonNode node, String path) {
        return new Best(text(node, path, "id"), number(node, path, "fitness"), text(node, path, "slice"),
                text(node, path, "diff"), text(node, path, "unifiedDiff"));
    }

    private Champion champion(JsonNode node, String path) {
        Long repeats = integer(node, path, "repeats");
        return new Champion(text(node, path, "id"), object(node, path, "throughput", this::comparison),
                object(node, path, "p99", this::comparison), repeats == null ? null : repeats.intValue(),
                number(node, path, "fitness"));
    }

    private Ledger ledger(JsonNode node, String path) {
        return new Ledger(list(node, path, "calls", (n, p) -> new Ledger.Call(text(n, p, "model"),
                integer(n, p, "tokensIn"), integer(n, p, "tokensOut"), number(n, p, "costUsd"),
                integer(n, p, "latencyMs"))), number(node, path, "totalCostUsd"), integer(node, path, "totalTokens"));
    }

    private Profile profile(JsonNode node, String path) {
        return new Profile(text(node, path, "summary"), list(node, path, "hotspots", this::hotspot));
    }

    // --- typed access with paths in errors ---

    private <T> T object(JsonNode parent, String path, String field, BiFunction<JsonNode, String, T> reader) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, path + "." + field);
        return reader.apply(node, path + "." + field);
    }

    private <T> List<T> list(JsonNode parent, String path, String field, BiFunction<JsonNode, String, T> reader) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error(path + "." + field, "must be an array or null, was " + node.getNodeType());
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            T value = reader.apply(node.get(i), path + "." + field + "[" + i + "]");
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    private Map<String, Double> numbers(JsonNode node, String path) {
        Map<String, Double> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        requireObject(node, path);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Double value = number(node, path, field.getKey());
            if (value != null) {
                result.put(field.getKey(), value);
            }
        }
        return result;
    }

    private String text(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw error(path + "." + field, "must be a string or null, was " + node.getNodeType() + " " + node);
        }
        return node.asText();
    }

    private String textOrScalar(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : text(parent, path, field);
    }

    private Double number(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw error(path + "." + field, "must be a number or null, was " + node.getNodeType() + " " + node);
        }
        return node.doubleValue();
    }

    private Long integer(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw error(path + "." + field, "must be an integer or null, was " + node.getNodeType() + " " + node);
        }
        return node.longValue();
    }

    private Boolean bool(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw error(path + "." + field, "must be true, false or null, was " + node);
        }
        return node.booleanValue();
    }

    private void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "must be an object or null, was " + node.getNodeType());
        }
    }

    private IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException(file.toAbsolutePath() + ": " + path + " " + problem
                + " (run.json schema " + SCHEMA + "; fix the writer or the file)");
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
