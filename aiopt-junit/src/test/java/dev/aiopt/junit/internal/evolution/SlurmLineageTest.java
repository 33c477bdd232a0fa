package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.executor.LocalSlurmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The evolution loop with {@code aiopt.executor=slurm} on the real local cluster: every evaluation (baseline,
 * candidates, champion) runs as a job on a node, and the lineage equals the local executor's with the same
 * seed and replayed model, the target's figures being deterministic.
 */
@Tag("slurm")
class SlurmLineageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSlurmExecutorGivesTheLocalLineage(@TempDir Path dir) throws Exception {
        LocalSlurmCluster cluster = LocalSlurmCluster.ensureRunning();
        try {
            Path replay = Files.createDirectories(dir.resolve("replay"));
            ResumeTest.writeRecording(replay.resolve("exchanges.jsonl"));
            Path local = dir.resolve("local");
            ResumeTest.main(new String[] {local.toString(), replay.toString()});

            Path slurm = dir.resolve("slurm");
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(ResumeTest.ResumeFixture.class))
                    .configurationParameter("aiopt.outputDir", slurm.toString())
                    .configurationParameter("aiopt.model", "replay:" + replay)
                    .configurationParameter("aiopt.islands", "2")
                    .configurationParameter("aiopt.parallelism", "2")
                    .configurationParameter("aiopt.executor", "slurm")
                    .configurationParameter("aiopt.slurm.conf", LocalSlurmCluster.slurmConf().toString())
                    .configurationParameter("aiopt.slurm.memory", "500M")
                    .execute();

            JsonNode expected = ResumeTest.runJson(local);
            assertThat(ResumeTest.lineage(ResumeTest.runJson(slurm))).isEqualTo(ResumeTest.lineage(expected));
            Path units = ResumeTest.runDirectory(slurm).resolve("units");
            Set<String> nodes = new HashSet<>();
            Set<String> ids = new HashSet<>();
            try (Stream<Path> dirs = Files.list(units)) {
                for (Path unit : dirs.toList()) {
                    JsonNode o = JSON.readTree(unit.resolve("outcome.json").toFile());
                    assertThat(o.path("completed").asBoolean()).as(o.path("failure").asText()).isTrue();
                    assertThat(o.path("node").asText()).matches("n[123]");
                    assertThat(o.path("attempts").get(0).path("jobId").asText()).matches("[0-9]+");
                    nodes.add(o.path("node").asText());
                    ids.add(unit.getFileName().toString());
                }
            }
            // Every candidate that was built and measured ran as a job, and so did the champion's re-measurement.
            for (JsonNode c : expected.path("candidates")) {
                if (c.path("status").asText().matches("IMPROVED|REGRESSED|NO_CHANGE")) {
                    assertThat(ids).contains(c.path("id").asText());
                }
            }
            // run.json names the node and job of each evaluated candidate, as the unit's outcome.json has them.
            for (JsonNode c : ResumeTest.runJson(slurm).path("candidates")) {
                if (c.path("status").asText().matches("BASELINE|IMPROVED|REGRESSED|NO_CHANGE")) {
                    JsonNode o = JSON.readTree(units.resolve(c.path("id").asText()).resolve("outcome.json").toFile());
                    JsonNode last = o.path("attempts").get(o.path("attempts").size() - 1);
                    assertThat(c.path("placement").path("node").asText()).as(c.path("id").asText())
                            .isEqualTo(o.path("node").asText());
                    assertThat(c.path("placement").path("jobId").asText()).isEqualTo(last.path("jobId").asText());
                    assertThat(c.path("placement").path("queueMs").isIntegralNumber()).isTrue();
                }
            }
            int evaluated = ids.size();
            assertThat(ids).contains("champion");
            assertThat(evaluated).as("candidates evaluated as Slurm jobs").isGreaterThanOrEqualTo(4);
            assertThat(nodes).as("nodes used with two evaluations at a time").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            cluster.stopIfStartedHere();
        }
    }
}
