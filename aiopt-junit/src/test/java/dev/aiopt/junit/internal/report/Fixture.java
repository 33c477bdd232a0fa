package dev.aiopt.junit.internal.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The synthetic run.json of the test resources, copied into run directories. */
final class Fixture {
    private Fixture() {}

    static String json() {
        try (InputStream in = Fixture.class.getResourceAsStream("/report/synthetic-run.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource /report/synthetic-run.json is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as the report reads it; {@code scratch} receives a copy. */
    static RunData run(Path scratch) {
        return RunJson.read(runDir(scratch.resolve("fixture")));
    }

    /** Writes the fixture as {@code dir/run.json}. */
    static Path runDir(Path dir) {
        return write(dir, json());
    }

    /** Writes the fixture as {@code dir/run.json}, with another track. */
    static Path runDir(Path dir, String track) {
        return write(dir, json().replace("\"track\": \"profiler\"", "\"track\": \"" + track + "\""));
    }

    /**
     * The fixture as a weaker track would have written it: every scored proposal 0.05 lower in fitness, the best
     * not re-measured (no champion).
     */
    static String weaker(String track) {
        return json().replace("\"track\": \"profiler\"", "\"track\": \"" + track + "\"")
                .replace("\"fitness\": 0.531", "\"fitness\": 0.481").replace("\"fitness\": 0.562", "\"fitness\": 0.512")
                .replace("\"fitness\": 0.538", "\"fitness\": 0.488")
                .replaceFirst("\"champion\": \\{", "\"champion\": null, \"unused\": {");
    }

    static Path write(Path dir, String json) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("run.json"), json);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
