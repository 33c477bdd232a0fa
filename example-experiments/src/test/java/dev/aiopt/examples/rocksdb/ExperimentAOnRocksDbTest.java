package dev.aiopt.examples.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs {@code ExperimentA} (4 generations of 3 candidates, replayed model answers) on the prepared tree named by
 * {@code AI_OPT_ROCKSDB_PATH} and checks that the tree is byte-identical afterwards and that run.json carries
 * db_bench's full metrics for every measured program.
 */
@Tag("rocksdb")
class ExperimentAOnRocksDbTest {

    @Test
    void runsFourGenerationsAndLeavesTheTreeByteIdentical(@TempDir Path output) throws Exception {
        String tree = System.getenv("AI_OPT_ROCKSDB_PATH");
        Assumptions.assumeTrue(tree != null && !tree.isBlank(),
                "AI_OPT_ROCKSDB_PATH is not set: prepare a tree with scripts/prepare-rocksdb.sh");
        String before = hash(tree);

        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Class.forName("dev.aiopt.examples.ExperimentA")))
                .configurationParameter("aiopt.track", "baseline")
                .configurationParameter("aiopt.model", "offline")
                .configurationParameter("aiopt.outputDir", output.toString())
                .execute().allEvents();

        assertThat(hash(tree)).as("the user's tree after the run").isEqualTo(before);
        assertThat(events.failed().count()).as("failed: " + events.failed().list()).isZero();
        Path runJson;
        try (Stream<Path> files = Files.walk(output)) {
            runJson = files.filter(p -> p.getFileName().toString().equals("run.json")).findFirst().orElseThrow();
        }
        JsonNode run = new ObjectMapper().readTree(runJson.toFile());
        assertThat(run.path("candidates")).hasSize(13);
        for (JsonNode program : run.path("candidates")) {
            if (program.path("metrics").isObject()) {
                assertThat(program.path("metrics").fieldNames()).toIterable()
                        .contains("ops_per_sec", "p99_us", "p999_us", "micros_per_op", "stall_percent", "l0_files",
                                "stat.rocksdb.stall.micros");
            }
        }
        assertThat(run.findValuesAsText("status")).contains("BASELINE", "VERIFY_FAILED");
    }

    private static String hash(String tree) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("scripts/rocksdb-workspace.sh", "hash", tree).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0).as("hash of " + tree + ": " + out).isTrue();
        return out;
    }
}
