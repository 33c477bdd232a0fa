package dev.aiopt.examples.writepath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.database.Program;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OfflineResponsesTest {

    @Test
    void committedRecordingMatchesTheVersions() throws Exception {
        assertThat(Files.readString(OfflineResponses.OUTPUT, StandardCharsets.UTF_8))
                .as("offline-responses.jsonl is stale: run OfflineResponses.main from example-experiments/")
                .isEqualTo(OfflineResponses.generate());
    }

    @Test
    void baselineVersionIsTheSliceOfTheTarget() throws Exception {
        String source = Files.readString(Path.of("src/test/cpp/writepath/writepath.cc"), StandardCharsets.UTF_8);
        int start = source.indexOf("// EVOLVE-BLOCK-START\n") + "// EVOLVE-BLOCK-START\n".length();
        String slice = source.substring(start, source.indexOf("// EVOLVE-BLOCK-END"));
        assertThat(Program.sha256(OfflineResponses.version("v0-baseline")))
                .as("versions/v0-baseline.cc must equal the slice of writepath.cc").isEqualTo(Program.sha256(slice));
    }
}
