package dev.aiopt.junit.internal.evolution;

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
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Checkpoint and resume, for real: a run in another JVM is killed with SIGKILL after a random candidate, then
 * resumed here; its lineage (ids, parents, statuses, fitness, code) must equal an uninterrupted run's. The
 * target's figures follow from a constant in the slice and the model is replayed, so runs are reproducible.
 */
class ResumeTest {
    static final String ROOT = "src/test/resources/evolution/dettarget";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Experiment(generations = 3, candidatesPerGeneration = 2, maxAttempts = 1, tracks = Track.BASELINE, seed = 7)
    @EvolveBlock(root = ROOT, file = "det.cc")
    @Build(value = "g++ -O1 det.cc -o detbench", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./detbench", repeats = 5, warmups = 0, timeoutSeconds = 30)
    static class ResumeFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** Runs the fixture: {@code args} = output dir, replay dir, and optionally a run dir to resume. */
    public static void main(String[] args) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ResumeFixture.class))
                .configurationParameter("aiopt.outputDir", args[0])
                .configurationParameter("aiopt.model", "replay:" + args[1])
                .configurationParameter("aiopt.islands", "2");
        if (args.length > 2) {
            request.configurationParameter("aiopt.resume", args[2]);
        }
        request.execute();
    }

    @Test
    void aRunKilledAfterARandomCandidateResumesToTheSameLineage(@TempDir Path dir) throws Exception {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        writeRecording(replay.resolve("exchanges.jsonl"));

        Path straight = dir.resolve("straight");
        main(new String[] {straight.toString(), replay.toString()});
        JsonNode expected = runJson(straight);
        int candidates = expected.path("candidates").size() - 1;
        assertThat(candidates).isEqualTo(6);
        // Candidate k of a generation works on island k mod 2: the run file says so, for every candidate.
        for (JsonNode c : expected.path("candidates")) {
            String id = c.path("id").asText();
            int expectedIsland = id.equals("g0-baseline") ? 0 : (Integer.parseInt(id.substring(id.indexOf("-c") + 2)) - 1) % 2;
            assertThat(c.path("island").asInt()).as("island of %s", id).isEqualTo(expectedIsland);
        }

        // Kill where the next candidate is built and benchmarked (a duplicate lands too fast to be caught).
        List<Integer> killPoints = new ArrayList<>();
        for (int k = 1; k < candidates; k++) {
            if (!expected.path("candidates").get(k + 1).path("status").asText().equals("DUPLICATE")) {
                killPoints.add(k);
            }
        }
        assertThat(killPoints).as("candidates after which the run can be killed mid-way").isNotEmpty();
        Path killed = dir.resolve("killed");
        int killAfter = killPoints.get(new Random().nextInt(killPoints.size()));
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ResumeTest.class.getName(), killed.toString(), replay.toString())
                .directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path runDir = awaitCandidates(killed, killAfter, jvm);
        jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no final write
        jvm.waitFor(30, TimeUnit.SECONDS);
        int landed = landedCandidates(runDir);
        assertThat(landed).as("killed after %d candidates", killAfter).isBetween(killAfter, candidates - 1);

        main(new String[] {killed.toString(), replay.toString(), runDir.toString()});
        JsonNode resumed = runJson(killed);
        assertThat(lineage(resumed)).as("lineage after a kill -9 after %d candidate(s) and a resume", landed)
                .isEqualTo(lineage(expected));
        assertThat(resumed.path("best").path("id").asText()).isEqualTo(expected.path("best").path("id").asText());
        try (Stream<Path> runs = Files.list(runDir.getParent())) {
            assertThat(runs.count()).as("one run directory per run: the resume reused it").isEqualTo(1);
        }
    }

    @Test
    void candidatesEvaluatedInParallelLandInTheSameLineage(@TempDir Path dir) throws Exception {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        writeRecording(replay.resolve("exchanges.jsonl"));
        Path sequential = dir.resolve("sequential");
        main(new String[] {sequential.toString(), replay.toString()});
        Path parallel = dir.resolve("parallel");
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ResumeFixture.class))
                .configurationParameter("aiopt.outputDir", parallel.toString())
                .configurationParameter("aiopt.model", "replay:" + replay)
                .configurationParameter("aiopt.islands", "2")
                .configurationParameter("aiopt.parallelism", "2")
                // keepKits=all keeps the workspaces, so that the second one can be seen after the run.
                .configurationParameter("aiopt.keepKits", "all").execute();
        assertThat(lineage(runJson(parallel))).isEqualTo(lineage(runJson(sequential)));
        assertThat(Files.isDirectory(runDirectory(parallel).resolve("workspaces/a1/w1"))).as("a second workspace").isTrue();
    }

    static List<String> lineage(JsonNode run) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : run.path("candidates")) {
            out.add(c.path("id").asText() + " <- " + c.path("parentId").asText() + " island " + c.path("island").asInt()
                    + " " + c.path("status").asText() + " "
                    + c.path("fitness").asText() + " " + c.path("sliceSha256").asText());
        }
        return out;
    }

    // Replies that lower kCost by 1 to 5 (real improvements that rarely coincide), for every kCost a run can reach.
    static void writeRecording(Path file) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int cost = 100; cost >= 1; cost--) {
            String slice = CostReplies.slice(ROOT, "det.cc", cost);
            for (int ordinal = 0; ordinal < 40; ordinal++) {
                out.append(CostReplies.line(CostReplies.exchange(slice, ordinal, cost, Math.max(1, cost - (ordinal % 5 + 1)))));
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static Path awaitCandidates(Path output, int count, Process jvm) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Path runDir = runDirectory(output);
            if (runDir != null && landedCandidates(runDir) >= count) {
                return runDir;
            }
            assertThat(jvm.isAlive()).as("the JVM to be killed ended on its own").isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no " + count + " candidates within 120 s in " + output);
    }

    // The journal has a line per landed program (run.json is rewritten only between generations).
    private static int landedCandidates(Path runDir) throws IOException {
        Path journal = runDir.resolve(EvolutionRun.JOURNAL);
        if (!Files.exists(journal)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(journal)) {
            return (int) lines.filter(l -> l.startsWith("{\"type\":\"landed\"") && l.endsWith("}")).count() - 1;
        }
    }

    static Path runDirectory(Path output) throws Exception {
        Path base = output.resolve("ResumeFixture").resolve("baseline");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(base)) {
            return runs.findFirst().orElse(null);
        }
    }

    static JsonNode runJson(Path output) throws Exception {
        return JSON.readTree(runDirectory(output).resolve("run.json").toFile());
    }
}
