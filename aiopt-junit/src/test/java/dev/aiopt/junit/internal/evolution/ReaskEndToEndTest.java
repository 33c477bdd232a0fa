package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.database.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The re-ask after a duplicating reply, end to end on the deterministic target (real g++, real benchmark, a
 * replayed recording): both slots of generation 1 get the baseline (it is all there is) and the same first reply,
 * so the second is asked again under the key {@code reask: 1}; the recording's answer to it is built. Replayed
 * twice, the run is the same.
 */
class ReaskEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Experiment(generations = 1, candidatesPerGeneration = 2, maxAttempts = 1, tracks = Track.BASELINE, seed = 3)
    @EvolveBlock(root = ResumeTest.ROOT, file = "det.cc")
    @Build(value = "g++ -O1 det.cc -o detbench", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./detbench", repeats = 3, warmups = 0, timeoutSeconds = 30)
    static class ReaskFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    private static String slice(int cost) throws Exception {
        return CostReplies.slice(ResumeTest.ROOT, "det.cc", cost);
    }

    private static String line(int ordinal, int reask, int to) throws Exception {
        ObjectNode node = CostReplies.exchange(slice(100), ordinal, 100, to);
        if (reask > 0) {
            ((ObjectNode) node.get("key")).put("reask", reask);
        }
        return CostReplies.line(node);
    }

    private static JsonNode run(Path output, Path replay) throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ReaskFixture.class))
                .configurationParameter("aiopt.outputDir", output.toString())
                .configurationParameter("aiopt.model", "replay:" + replay)
                .configurationParameter("aiopt.islands", "1").execute();
        Path base = output.resolve("ReaskFixture").resolve("baseline");
        try (Stream<Path> runs = Files.list(base)) {
            return JSON.readTree(runs.findFirst().orElseThrow().resolve("run.json").toFile());
        }
    }

    @Test
    void theSecondSlotsDuplicateReplyIsAskedAgainAndTheAnswerToTheReaskIsBuilt(@TempDir Path dir) throws Exception {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        Files.writeString(replay.resolve("exchanges.jsonl"), line(0, 0, 90) + line(1, 0, 90) + line(1, 1, 80));

        JsonNode first = run(dir.resolve("first"), replay);
        JsonNode second = run(dir.resolve("second"), replay);

        List<String> lineage = ResumeTest.lineage(first);
        assertThat(lineage).hasSize(3);
        JsonNode c2 = first.path("candidates").get(2);
        assertThat(c2.path("id").asText()).isEqualTo("g1-c2");
        assertThat(c2.path("parentId").asText()).isEqualTo("g0-baseline");
        assertThat(c2.path("status").asText()).isNotEqualTo("DUPLICATE");
        assertThat(c2.path("sliceSha256").asText()).isEqualTo(Program.sha256(slice(80)));
        List<String> attempts = new ArrayList<>();
        c2.path("attempts").forEach(a -> attempts.add(a.toString()));
        assertThat(attempts).anySatisfy(a -> assertThat(a).contains("re-ask 1: the reply reproduces the code of g1-c1"));
        List<String> notes = new ArrayList<>();
        first.path("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("g1-c2: the reply reproduces the code of g1-c1;"
                + " asking again (re-ask 1 of 1"));
        assertThat(ResumeTest.lineage(second)).isEqualTo(lineage);
    }
}
