package dev.aiopt.junit.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A generation answered by a directory of versions ({@code offline/tiny-versions}) on the extension tests'
 * tiny C++ target: real builds and benchmarks, keys derived by the library.
 */
class OfflineVersionsExperimentTest {

    @TempDir
    static Path outputs;

    @Experiment(generations = 1, candidatesPerGeneration = 2, maxAttempts = 2, tracks = Track.BASELINE,
            offlineVersions = "offline/tiny-versions")
    @EvolveBlock(root = "src/test/resources/extension/tinytarget", file = "tiny.cc")
    @Build(value = "g++ -std=c++17 -O2 tiny.cc -o tinybench", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=10000", repeats = 3, warmups = 0,
            timeoutSeconds = 30)
    static class VersionsFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void theFirstFileImprovesAndTheRejectedReplyKeepsItsReasonWhenTheReAskHasNoAnswer() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(VersionsFixture.class))
                .configurationParameter("aiopt.outputDir", outputs.toString())
                .configurationParameter("aiopt.islands", "1")
                .execute();
        Path runJson;
        try (Stream<Path> files = Files.walk(outputs)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
            assertThat(found).hasSize(1);
            runJson = found.get(0);
        }
        JsonNode run = new ObjectMapper().readTree(runJson.toFile());
        Map<String, JsonNode> byId = new HashMap<>();
        run.get("candidates").forEach(c -> byId.put(c.get("id").asText(), c));

        assertThat(byId.get("g1-c1").get("status").asText()).as(byId.get("g1-c1").toString()).isEqualTo("IMPROVED");
        JsonNode rejected = byId.get("g1-c2");
        assertThat(rejected.get("status").asText()).isEqualTo("APPLY_FAILED");
        assertThat(rejected.get("reason").asText())
                .contains("no reply applied in 1 attempt(s); last: reply 1: ")
                .contains("the SEARCH text matches nothing in the slice")
                .contains("no answer to the re-ask: offline versions offline/tiny-versions answer only a candidate's"
                        + " first request; this is request 2 of candidate 2 drawn on the baseline");
        assertThat(Files.readString(runJson.resolveSibling("exchanges.jsonl")))
                .contains("\"model\":\"offline version 01-fewer-rounds.cc\"")
                .contains("\"model\":\"offline version 02-quotes-a-missing-line.diff\"");
    }
}
