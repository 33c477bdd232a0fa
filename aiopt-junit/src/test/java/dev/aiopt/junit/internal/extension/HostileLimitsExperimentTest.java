package dev.aiopt.junit.internal.extension;

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
import dev.aiopt.junit.Verify;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A whole experiment in the real bubblewrap sandbox whose four candidates (offline versions of the slice in
 * {@code sandbox/limits-versions}) each misbehave before {@code main}: a fork bomb and a program that sleeps
 * forever leaving a daemon behind (both in the verify run), a 256 MiB file and a gigabyte of output (both in
 * the benchmark). Each must land as a failed candidate whose reason names what was refused or capped, the run
 * must go on to the next, the user's tree must be unchanged and no process of the run may be alive afterwards.
 * Small limits ({@code aiopt.limit.*}) and a 3 s verify timeout keep it cheap. Needs bubblewrap and a pids
 * cgroup this JVM may create (root, or a delegated cgroup).
 */
class HostileLimitsExperimentTest {
    static final int PROCESS_LIMIT = 32;
    static final long FILE_LIMIT = 8L << 20;

    @TempDir
    Path outputs;

    @Experiment(generations = 1, candidatesPerGeneration = 4, maxAttempts = 1, tracks = Track.BASELINE,
            offlineVersions = "sandbox/limits-versions", sandbox = "bwrap")
    @EvolveBlock(root = HostileExperimentTest.ROOT, file = "tiny.cc")
    @Build(value = "g++ -std=c++17 -O1 tiny.cc -o tinybench -ldl", timeoutSeconds = 120)
    @Verify(value = "./tinybench --num=50", timeoutSeconds = 3)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=20000", repeats = 2, warmups = 0,
            timeoutSeconds = 60)
    static class LimitsFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void eachCandidateThatHitsALimitFailsWithWhatWasRefusedAndTheRunGoesOn() throws Exception {
        String treeBefore = HostileExperimentTest.treeHash();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(LimitsFixture.class))
                .configurationParameter("aiopt.outputDir", outputs.toString())
                .configurationParameter("aiopt.islands", "1")
                .configurationParameter("aiopt.bcoz.run", "0")
                .configurationParameter("aiopt.limit.processes", Integer.toString(PROCESS_LIMIT))
                .configurationParameter("aiopt.limit.fileBytes", Long.toString(FILE_LIMIT))
                // Keep every kit and workspace: the capped huge.dat the candidate wrote is inspected below.
                .configurationParameter("aiopt.keepKits", "all")
                .execute();

        assertThat(processesOfTheRun()).as("processes whose working directory or binary lies in the run").isEmpty();
        Path runDir;
        try (Stream<Path> files = Files.walk(outputs)) {
            runDir = files.filter(p -> p.getFileName().toString().equals("run.json")).findFirst().orElseThrow()
                    .getParent();
        }
        JsonNode run = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        Map<String, JsonNode> byVersion = new HashMap<>();
        for (JsonNode candidate : run.get("candidates")) {
            byVersion.put(candidate.get("id").asText(), candidate);
        }
        assertThat(byVersion.get("g0-baseline").get("status").asText()).isEqualTo("BASELINE");
        assertThat(byVersion).containsKeys("g1-c1", "g1-c2", "g1-c3", "g1-c4");

        JsonNode bomb = landedWith(run, "01-fork-bomb");
        assertThat(bomb.get("status").asText()).as(bomb.toString()).isEqualTo("VERIFY_FAILED");
        assertThat(bomb.get("reason").asText()).contains("killed at its timeout of 3 s")
                .containsPattern("the process limit of " + PROCESS_LIMIT + " refused \\d+ forks");

        JsonNode sleeper = landedWith(run, "02-sleeps-forever");
        assertThat(sleeper.get("status").asText()).as(sleeper.toString()).isEqualTo("VERIFY_FAILED");
        assertThat(sleeper.get("reason").asText()).contains("timed out after").contains("killed at its timeout of 3 s");

        JsonNode huge = landedWith(run, "03-huge-file");
        assertThat(huge.get("status").asText()).as(huge.toString()).isEqualTo("RUN_FAILED");
        assertThat(huge.get("reason").asText())
                .contains("a file grew past the file-size limit of " + FILE_LIMIT + " bytes (SIGXFSZ)");
        try (Stream<Path> files = Files.walk(runDir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("huge.dat")).toList())
                    .allSatisfy(p -> assertThat(p).hasSize(FILE_LIMIT)).isNotEmpty();
        }

        JsonNode loud = landedWith(run, "04-prints-a-gigabyte");
        assertThat(loud.get("status").asText()).as(loud.toString()).isEqualTo("RUN_FAILED");
        assertThat(loud.get("reason").asText()).contains("printed no usable figures")
                .containsPattern("output capped: printed 10737418\\d\\d bytes, kept the first 4194304 and the last"
                        + " 1048576");
        Path log;
        try (Stream<Path> files = Files.walk(runDir)) {
            log = files.filter(p -> p.getFileName().toString().equals("run1-" + loud.get("id").asText()
                    + ".stdout.txt")).findFirst().orElseThrow();
        }
        assertThat(Files.size(log)).isLessThan((5L << 20) + 4096);
        String kept = Files.readString(log);
        assertThat(kept).startsWith("FIRST\ny\n").endsWith("y\nLAST\n").contains("left out here");

        assertThat(HostileExperimentTest.treeHash()).as("the user's tree, byte for byte").isEqualTo(treeBefore);
        assertThat(Path.of(HostileExperimentTest.ROOT, "huge.dat")).doesNotExist();
        assertThat(Path.of("huge.dat")).doesNotExist();
    }

    // The candidate whose diff holds the offline version of that name, matched by its first comment line.
    private static JsonNode landedWith(JsonNode run, String version) throws IOException {
        String marker = Files.readAllLines(Path.of("src/test/resources/sandbox/limits-versions", version + ".cc"))
                .stream().filter(line -> line.startsWith("// ")).findFirst().orElseThrow();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode candidate : run.get("candidates")) {
            if (candidate.path("diff").asText().contains("\n+" + marker + "\n")) {
                found.add(candidate);
            }
        }
        assertThat(found).as("candidates made from %s", version).hasSize(1);
        return found.get(0);
    }

    // Every process whose working directory or executable lies under this run's outputs, after up to 2 s.
    private List<String> processesOfTheRun() throws Exception {
        List<String> alive = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            alive.clear();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    for (String link : List.of("cwd", "exe")) {
                        try {
                            Path target = Files.readSymbolicLink(proc.resolve(link));
                            if (target.startsWith(outputs.toRealPath())) {
                                alive.add(proc.getFileName() + " " + link + " " + target);
                            }
                        } catch (IOException | SecurityException gone) {
                            // ended meanwhile, or not ours to read
                        }
                    }
                }
            }
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(100);
        }
        return alive;
    }
}
