package dev.aiopt.junit.internal.extension;

import static dev.aiopt.junit.internal.extension.AiOptExtensionTest.BUILD;
import static dev.aiopt.junit.internal.extension.AiOptExtensionTest.JSON;
import static dev.aiopt.junit.internal.extension.AiOptExtensionTest.TINY_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A reply cut off at the token limit is asked again within maxAttempts, even when what arrived would apply: the
 * recording's first reply holds a complete block and ends mid-sentence with {@code finish_reason: "length"}.
 */
class TruncatedReplyTest {
    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 2, tracks = Track.BASELINE,
            offlineResponses = "extension/truncated-responses.jsonl")
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=10000", repeats = 2, warmups = 0,
            timeoutSeconds = 30)
    static class TruncatedFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void aCutOffReplyIsAskedAgainAndTheSecondReplyIsTheCandidate(@TempDir Path outputs) throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TruncatedFixture.class))
                .configurationParameter("aiopt.outputDir", outputs.toString())
                .configurationParameter("aiopt.islands", "1").execute();
        List<Path> runs;
        try (Stream<Path> files = Files.walk(outputs)) {
            runs = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
        }
        assertThat(runs).hasSize(1);
        JsonNode run = JSON.readTree(runs.get(0).toFile());

        JsonNode candidate = null;
        for (JsonNode c : run.get("candidates")) {
            if (c.get("id").asText().equals("g1-c1")) {
                candidate = c;
            }
        }
        assertThat(candidate).as("g1-c1 in run.json").isNotNull();
        assertThat(candidate.get("status").asText()).isIn("IMPROVED", "NO_CHANGE", "REGRESSED");
        assertThat(candidate.get("attempts")).hasSize(1);
        assertThat(candidate.at("/attempts/0/reason").asText())
                .startsWith("reply 1: cut off at the output token limit after 4096 tokens")
                .contains("aiopt.model.maxTokens");
        assertThat(candidate.get("diff").asText()).contains("+  for (int i = 0; i < 1200; i++) {");
    }
}
