package dev.aiopt.junit.internal.evolution;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code aiopt.keepKits}: with the default (references) a run keeps the kits of the programs that can still be a
 * reference and rebuilds a dropped one from its slice when it is drawn as a parent again, and that changes no
 * decision: the lineage equals a run that kept every kit. Real g++ builds of a deterministic target.
 */
class KitsTest {
    @Experiment(generations = 6, candidatesPerGeneration = 2, maxAttempts = 1, tracks = Track.BASELINE, seed = 7)
    @EvolveBlock(root = ResumeTest.ROOT, file = "det.cc")
    @Build(value = "g++ -O1 det.cc -o detbench", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./detbench", repeats = 5, warmups = 0, timeoutSeconds = 30)
    static class KitsFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    static EngineExecutionResults run(Path output, Path replay, Map<String, String> settings) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(KitsFixture.class))
                .configurationParameter("aiopt.outputDir", output.toString())
                .configurationParameter("aiopt.model", "replay:" + replay)
                .configurationParameter("aiopt.islands", "2");
        settings.forEach(request::configurationParameter);
        return request.execute();
    }

    @Test
    void droppedKitsAreRebuiltFromTheirSliceAndTheLineageIsThatOfARunKeepingAll(@TempDir Path dir) throws Exception {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        writeRecording(replay.resolve("exchanges.jsonl"));
        // Wide enough that a parent is drawn whose kit an earlier generation dropped.
        Map<String, String> wide = Map.of("aiopt.generations", "8", "aiopt.candidates", "3");
        Path all = dir.resolve("all");
        run(all, replay, with(wide, "aiopt.keepKits", "all")).testEvents().assertStatistics(s -> s.failed(0));
        Path references = dir.resolve("references");
        run(references, replay, wide).testEvents().assertStatistics(s -> s.failed(0));

        JsonNode kept = runJson(all);
        JsonNode bounded = runJson(references);
        assertThat(ResumeTest.lineage(bounded)).isEqualTo(ResumeTest.lineage(kept));

        List<String> measured = new ArrayList<>();
        for (JsonNode c : kept.path("candidates")) {
            if (!List.of("DUPLICATE", "BUILD_FAILED", "VERIFY_FAILED", "RUN_FAILED", "INFRA_FAILED", "NO_REPLY")
                    .contains(c.path("status").asText())) {
                measured.add(c.path("id").asText());
            }
        }
        assertThat(measured).hasSizeGreaterThan(4);
        assertThat(kits(runDirectory(all))).as("keepKits=all keeps every measured program's kit")
                .containsAll(measured);
        String champion = bounded.path("champion").path("id").asText();
        assertThat(kits(runDirectory(references))).as("after the run, only the baseline and the champion")
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(List.of("g0-baseline", champion)));
        Path programs = runDirectory(references).resolve("programs");
        for (String id : measured) {
            assertThat(programs.resolve(id).resolve("bench")).as("benchmark logs of %s are kept", id).isDirectory();
        }
        // The proof that a dropped kit is needed again and rebuilt: a child whose parent was built once more.
        List<String> rebuilt = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(programs)) {
            dirs.filter(p -> Files.isDirectory(p.resolve("parent")))
                    .forEach(p -> rebuilt.add(p.getFileName().toString()));
        }
        assertThat(rebuilt).as("children whose parent's dropped kit was rebuilt from its slice").isNotEmpty();
        assertThat(Files.isDirectory(runDirectory(references).resolve(EvolutionRun.WORKSPACES).resolve("a1")))
                .as("a finished run's workspaces are deleted").isFalse();
        assertThat(Files.isDirectory(runDirectory(all).resolve(EvolutionRun.WORKSPACES).resolve("a1")))
                .as("keepKits=all keeps them").isTrue();
    }

    /**
     * The README's disk figure: 100 candidates (25 generations of 4) with each setting, in
     * {@code -DdiskBoundDir=<dir>}; then {@code du -sh <dir>/*}. A measurement, not part of the suite.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "diskBoundDir", matches = ".+")
    void hundredCandidates() throws Exception {
        Path dir = Path.of(System.getProperty("diskBoundDir"));
        Path replay = Files.createDirectories(dir.resolve("replay"));
        writeRecording(replay.resolve("exchanges.jsonl"));
        Map<String, String> hundred = Map.of("aiopt.generations", "25", "aiopt.candidates", "4");
        run(dir.resolve("references"), replay, hundred).testEvents().assertStatistics(s -> s.failed(0));
        run(dir.resolve("all"), replay, with(hundred, "aiopt.keepKits", "all")).testEvents()
                .assertStatistics(s -> s.failed(0));
        assertThat(runJson(dir.resolve("references")).path("candidates")).hasSize(101);
    }

    @Test
    void aFullDiskStopsTheRunBeforeTheBuildAndTheRunResumesWhenThereIsRoom(@TempDir Path dir) throws Exception {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        ResumeTest.writeRecording(replay.resolve("exchanges.jsonl"));
        Path straight = dir.resolve("straight");
        run(straight, replay, Map.of()).testEvents().assertStatistics(s -> s.failed(0));

        // Room for 2^31 - 1 kits of a few kilobytes each is tens of terabytes: no machine has that free.
        Path full = dir.resolve("full");
        EngineExecutionResults stopped = run(full, replay, Map.of("aiopt.disk.minFreeKits",
                String.valueOf(Integer.MAX_VALUE)));
        Path runDir = runDirectory(full);
        List<String> failures = new ArrayList<>();
        stopped.testEvents().failed().stream().forEach(e -> failures.add(e.getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                .getMessage()));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).contains("not enough disk to build g1-c1", runDir.toAbsolutePath().toString(),
                " free, ", " needed (aiopt.disk.minFreeKits=2147483647", "Nothing measured is lost",
                "-Daiopt.prune.keepRuns=N", "-Daiopt.resume=" + runDir.toAbsolutePath());
        JsonNode run = JsonSupport.read(runDir.resolve("run.json"));
        assertThat(run.path("stopReason").asText()).contains("not enough disk");
        assertThat(run.path("candidates")).as("the baseline landed before").hasSize(1);

        run(full, replay, Map.of("aiopt.resume", runDir.toString())).testEvents()
                .assertStatistics(s -> s.failed(0));
        assertThat(ResumeTest.lineage(JsonSupport.read(runDir.resolve("run.json"))))
                .isEqualTo(ResumeTest.lineage(runJson(straight)));
    }

    // Like ResumeTest's, but every third reply makes the program slower (kCost + 100), a new program each time:
    // slower programs are measured and can be drawn as parents, so parents beyond the references occur.
    static void writeRecording(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int cost = 300; cost >= 1; cost--) {
            String slice = CostReplies.slice(ResumeTest.ROOT, "det.cc", cost);
            for (int ordinal = 0; ordinal < 40; ordinal++) {
                int next = ordinal % 3 == 2 && cost <= 200 ? cost + 100 : Math.max(1, cost - (ordinal % 5 + 1));
                out.append(CostReplies.line(CostReplies.exchange(slice, ordinal, cost, next)));
            }
        }
        Files.writeString(file, out.toString());
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(settings);
        out.put(key, value);
        return out;
    }

    // The programs whose kit directory exists.
    static List<String> kits(Path runDir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runDir.resolve("programs"))) {
            dirs.filter(p -> Files.isDirectory(p.resolve("kit"))).forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    static Path runDirectory(Path output) throws IOException {
        try (Stream<Path> runs = Files.list(output.resolve("KitsFixture").resolve("baseline"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    static JsonNode runJson(Path output) throws IOException {
        return JsonSupport.read(runDirectory(output).resolve("run.json"));
    }

    /** Reads a JSON file. */
    static final class JsonSupport {
        private JsonSupport() {
        }

        static JsonNode read(Path file) throws IOException {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        }
    }
}
