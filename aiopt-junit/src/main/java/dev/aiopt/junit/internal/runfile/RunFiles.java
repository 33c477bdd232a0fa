package dev.aiopt.junit.internal.runfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aiopt.junit.internal.redact.RedactedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes and reads {@code run.json}. *
 * <p>Public because it is used by {@code evolution}, {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class RunFiles {
    /** The schema this version writes and reads. */
    public static final int SCHEMA = 1;
    /** The run file's name in a run directory. */
    public static final String FILE_NAME = "run.json";
    // Fields this version does not know are skipped (a newer writer may add some); a known field of the wrong
    // type is an error.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunFiles() {
    }

    /** Writes {@code runDir/run.json} atomically; returns its path. */
    public static Path write(Path runDir, RunFile run) {
        Path file = runDir.resolve(FILE_NAME);
        try {
            writeAtomically(file, JSON.writeValueAsString(run) + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Reads {@code runDir/run.json}.
     *
     * @throws IllegalArgumentException when there is none, it is not JSON, it has another schema, or a value
     *     has the wrong type (the message names the file and the JSON path)
     */
    public static RunFile read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no run.json in " + runDir.toAbsolutePath()
                    + ": pass a run directory (target/aiopt/<experiment>/<track>/<run>/) whose run has finished"
                    + " or written its run.json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
        try {
            int schema = JSON.readTree(text).path("schema").asInt(-1);
            if (schema != SCHEMA) {
                throw new IllegalArgumentException(file.toAbsolutePath() + ": $.schema is " + schema
                        + ", but this report writer reads schema " + SCHEMA
                        + "; render it with the aiopt-junit version that wrote it");
            }
            return JSON.readValue(text, RunFile.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + ": " + path(e) + " "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; a writer bug or a hand edit", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " is not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + "); it was probably cut short by a crash: re-run the experiment to rewrite it", e);
        }
    }

    // $.candidates[2].fitness
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Writes a file beside run.json the same way, redacted (best slice, best diff). */
    public static void writeAtomically(Path file, String text) {
        RedactedFiles.write(file, text);
    }
}
