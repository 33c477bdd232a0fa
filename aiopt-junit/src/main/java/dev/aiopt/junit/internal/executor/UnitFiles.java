package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one unit's directory, shared by the submitting JVM and its jobs:
 * <pre>
 * unit.json                    the unit (kind, input, timeout)
 * attempt-N/job.sh             the batch script (JVM)         attempt-N/lease       renewed by the JVM
 * attempt-N/slurm.out          Slurm's output of the job       attempt-N/started.json  node, job id (job)
 * attempt-N/result.json        the kind's output (job)         attempt-N/exit-status  "code reason" (job)
 * attempt-N/submitted.json     job id and submission time (JVM)
 * </pre>
 * Files are written to a temporary name and moved into place, so a reader on another node never sees half.
 */
final class UnitFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    UnitFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    Path unitJson() {
        return directory.resolve("unit.json");
    }

    Path attempt(int number) {
        return directory.resolve("attempt-" + number);
    }

    /** The highest attempt number present, 0 when none. */
    int lastAttempt() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("attempt-[0-9]{1,6}"))
                    .mapToInt(n -> Integer.parseInt(n.substring("attempt-".length())))
                    .max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list unit directory " + directory, e);
        }
    }

    void writeUnit(Unit unit) {
        writeJson(unitJson(), toJson(unit));
    }

    static ObjectNode toJson(Unit unit) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", unit.id());
        json.put("kind", unit.kind());
        json.put("timeoutMillis", unit.timeout().toMillis());
        json.put("benchmark", unit.benchmark());
        json.set("input", unit.input());
        return json;
    }

    static Unit readUnit(Path file) {
        JsonNode json = readJson(file).orElseThrow(() -> new IllegalStateException("no unit at " + file));
        for (String field : new String[] {"id", "kind", "timeoutMillis", "input"}) {
            if (!json.hasNonNull(field)) {
                throw new IllegalStateException(file + " is not a unit: it lacks '" + field + "'");
            }
        }
        return new Unit(json.get("id").asText(), json.get("kind").asText(), json.get("input"),
                Duration.ofMillis(json.get("timeoutMillis").asLong()), json.path("benchmark").asBoolean(false));
    }

    static JsonNode reparse(JsonNode json) {
        try {
            return JSON.readTree(JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + json, e);
        }
    }

    static void writeJson(Path file, JsonNode json) {
        try {
            writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + file, e);
        }
    }

    /** The JSON in a file, empty when the file is absent; a file that is not JSON is an error naming it. */
    static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not valid JSON (" + e.getMessage()
                    + "); delete the unit's directory to run it again", e);
        }
    }

    static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Optional<String> readText(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
