package dev.aiopt.junit.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("metrics.json"), json);
    }

    @Test
    void flatObjectOfNumbers() throws IOException {
        Path file = write("{\"ops_per_sec\": 426439, \"p99_us\": 7.93, \"stall_percent\": 0, \"delta\": -1.5e3}");

        assertThat(MetricsJson.read(file)).containsExactly(
                entry("ops_per_sec", 426439.0), entry("p99_us", 7.93), entry("stall_percent", 0.0),
                entry("delta", -1500.0));
    }

    @Test
    void nestedObjectsAreFlattenedWithDotsAndOtherLeavesIgnored() throws IOException {
        Path file = write("""
                {
                  "benchmark": "fillrandom",
                  "ok": true,
                  "note": null,
                  "samples": [1, 2, 3],
                  "fillrandom": {
                    "ops_per_sec": 1000.5,
                    "latency": {"p50_us": 1.5, "p99_us": 9.25, "unit": "us"}
                  },
                  "version": "1.2"
                }
                """);

        Map<String, Double> metrics = MetricsJson.read(file);

        assertThat(metrics).containsExactly(
                entry("fillrandom.ops_per_sec", 1000.5),
                entry("fillrandom.latency.p50_us", 1.5),
                entry("fillrandom.latency.p99_us", 9.25));
        assertThatThrownBy(() -> metrics.put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingFileNamesThePathAndTheVariable() {
        Path file = dir.resolve("absent.json");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .isInstanceOf(MetricsException.class)
                .hasMessage("metrics file '" + file + "' (named by AI_OPT_METRICS_JSON) does not exist: the benchmark"
                        + " must write it before it exits, or unset AI_OPT_METRICS_JSON to use db_bench's own output");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> MetricsJson.read(dir))
                .hasMessage("metrics file '" + dir + "' (named by AI_OPT_METRICS_JSON) is not a regular file");
    }

    @Test
    void invalidJsonNamesThePathTheVariableAndThePlace() throws IOException {
        Path file = write("{\"ops_per_sec\": 12,\n \"p99_us\": }");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .isInstanceOf(MetricsException.class)
                .hasMessageStartingWith("metrics file '" + file + "' (named by AI_OPT_METRICS_JSON) is not valid JSON: ")
                .hasMessageEndingWith("(line 2, column 12)");
    }

    @Test
    void trailingGarbageIsInvalid() throws IOException {
        Path file = write("{\"ops_per_sec\": 12} {\"ops_per_sec\": 13}");

        assertThatThrownBy(() -> MetricsJson.read(file)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void duplicateKeyIsInvalid() throws IOException {
        Path file = write("{\"ops_per_sec\": 12, \"ops_per_sec\": 13}");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .hasMessageContaining("is not valid JSON")
                .hasMessageContaining("Duplicate field 'ops_per_sec'");
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("  \n");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .hasMessage("metrics file '" + file + "' (named by AI_OPT_METRICS_JSON) is empty: expected a JSON"
                        + " object such as {\"ops_per_sec\": 123456.0}");
    }

    @Test
    void topLevelMustBeAnObject() throws IOException {
        Path file = write("[1, 2]");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .hasMessage("metrics file '" + file + "' (named by AI_OPT_METRICS_JSON) holds a JSON array, expected"
                        + " an object such as {\"ops_per_sec\": 123456.0}");
    }

    @Test
    void flattenedNameCollisionIsAnError() throws IOException {
        Path file = write("{\"write.p99_us\": 1, \"write\": {\"p99_us\": 2}}");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .hasMessage("metric name 'write.p99_us' occurs twice in metrics file '" + file + "' (named by"
                        + " AI_OPT_METRICS_JSON) once nested objects are flattened with dots; rename one of them");
    }

    @Test
    void numberTooLargeForADoubleIsAnError() throws IOException {
        Path file = write("{\"ops_per_sec\": 1e999}");

        assertThatThrownBy(() -> MetricsJson.read(file))
                .hasMessageStartingWith("metric 'ops_per_sec' in metrics file '" + file + "' (named by"
                        + " AI_OPT_METRICS_JSON) is not a finite number");
    }
}
