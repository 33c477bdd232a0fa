package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredRunsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheBaselineRunsOfARunJson() throws IOException {
        Path runJson = write("run.json", """
                {"experiment": "EmbeddedWritePathExperiment",
                 "baseline": {"id": "g0-baseline", "runs": [
                   {"ops_per_sec": 110950.0, "p99_us": 11.01, "micros_per_op": 36.05},
                   {"ops_per_sec": 135602.0, "p99_us": 11.75, "micros_per_op": 29.5}]}}
                """);

        StoredRuns runs = StoredRuns.read(runJson, "test");

        assertThat(runs.opsPerSec()).containsExactly(110950.0, 135602.0);
        assertThat(runs.p99Us()).containsExactly(11.01, 11.75);
    }

    @Test
    void writtenRunsReadBack() {
        Path file = dir.resolve("nested/gate.json");
        StoredRuns.of(List.of(Map.of("ops_per_sec", 100.0, "p99_us", 2.0), Map.of("ops_per_sec", 90.0, "p99_us", 3.0)))
                .write(file, "reference runs");

        StoredRuns back = StoredRuns.read(file, "test");

        assertThat(back.opsPerSec()).containsExactly(100.0, 90.0);
        assertThat(back.p99Us()).containsExactly(2.0, 3.0);
    }

    @Test
    void aFileWithoutRunsSaysWhichShapeToWrite() throws IOException {
        Path file = write("other.json", "{\"throughput\": [1, 2]}");

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("{\"ops_per_sec\": [...], \"p99_us\": [...]}");
    }

    @Test
    void unevenArraysAndBadNumbersAreNamed() throws IOException {
        Path uneven = write("uneven.json", "{\"ops_per_sec\": [1, 2, 3], \"p99_us\": [1, 2]}");
        Path negative = write("negative.json", "{\"ops_per_sec\": [1, -2], \"p99_us\": [1, 2]}");

        assertThatThrownBy(() -> StoredRuns.read(uneven, "test"))
                .hasMessageContaining("holds 3 ops_per_sec values but 2 p99_us values");
        assertThatThrownBy(() -> StoredRuns.read(negative, "test"))
                .hasMessageContaining("ops_per_sec[1]").hasMessageContaining("must be a positive number, found -2");
    }

    @Test
    void oneRunIsTooFewToCompare() throws IOException {
        Path file = write("one.json", "{\"ops_per_sec\": [1], \"p99_us\": [1]}");

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).hasMessageContaining("holds 1 run(s)")
                .hasMessageContaining("at least 2");
    }

    @Test
    void invalidJsonIsNamed() throws IOException {
        Path file = write("broken.json", "{\"ops_per_sec\": [1,");

        assertThatThrownBy(() -> StoredRuns.read(file, "test")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is not valid JSON");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
