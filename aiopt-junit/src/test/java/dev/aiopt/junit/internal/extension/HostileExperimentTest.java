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
import dev.aiopt.junit.Profile;
import dev.aiopt.junit.Track;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A whole experiment in the real bubblewrap sandbox: its one candidate (an offline version) writes outside its
 * workspace (the project's {@code target/} and the user's tree), reads a canary in the user's real home and
 * connects to a port this test listens on, before {@code main}. It must end as a failed candidate whose reason
 * names each refusal, while the canary's text, the listener and the tree see nothing. The baseline is profiled
 * by real coz inside the same sandbox. Needs bubblewrap and coz-profiler.
 */
class HostileExperimentTest {
    static final String ROOT = "src/test/resources/sandbox/coztarget";
    static final Path CANARY = Path.of(System.getProperty("user.home"), ".aiopt-canary-hostile");
    static final Path PORT_FILE = Path.of("target", "hostile-port.txt");
    static final Path ESCAPED = Path.of("target", "hostile-escaped.txt");

    @TempDir
    Path outputs;

    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 1, tracks = Track.BASELINE,
            offlineVersions = "sandbox/hostile-versions", sandbox = "bwrap")
    @EvolveBlock(root = ROOT, file = "tiny.cc")
    @Build(value = "g++ -std=c++17 -g -gdwarf-3 -O1 tiny.cc -o tinybench -ldl", timeoutSeconds = 120)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=20000", repeats = 2, warmups = 0,
            timeoutSeconds = 60)
    @Profile(durationSeconds = 4, benchArgs = "--num=3000000")
    static class HostileFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void aCandidateThatEscapesFailsWithWhatWasRefusedAndNothingOutsideSeesIt() throws Exception {
        String canaryText = "canary-" + ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41);
        Files.writeString(CANARY, canaryText);
        Files.deleteIfExists(ESCAPED);
        String treeBefore = treeHash();
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Files.writeString(PORT_FILE, Integer.toString(listener.getLocalPort()));
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket ignored = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            EngineTestKit.engine("junit-jupiter").selectors(selectClass(HostileFixture.class))
                    .configurationParameter("aiopt.outputDir", outputs.toString())
                    .configurationParameter("aiopt.islands", "1")
                    .configurationParameter("aiopt.bcoz.run", "1")
                    .execute();
        } finally {
            Files.deleteIfExists(CANARY);
        }

        Path runDir;
        try (Stream<Path> files = Files.walk(outputs)) {
            runDir = files.filter(p -> p.getFileName().toString().equals("run.json")).findFirst().orElseThrow()
                    .getParent();
        }
        JsonNode run = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        JsonNode baseline = run.get("candidates").get(0);
        JsonNode candidate = run.get("candidates").get(1);
        assertThat(baseline.get("status").asText()).isEqualTo("BASELINE");
        assertThat(candidate.get("id").asText()).isEqualTo("g1-c1");
        assertThat(candidate.get("status").asText()).as(candidate.toString()).isEqualTo("RUN_FAILED");
        assertThat(candidate.get("reason").asText())
                .contains("the sandbox refused a write outside the workspace and scratch (read-only file system)")
                .contains("the sandbox has no network: a connection was refused")
                .contains("the sandbox hides the user's home " + Path.of(System.getProperty("user.home")));

        assertThat(accepted).as("connections the listener on 127.0.0.1 accepted").hasValue(0);
        assertThat(ESCAPED).doesNotExist();
        assertThat(Path.of(ROOT, "escaped.txt")).doesNotExist();
        assertThat(treeHash()).as("the user's tree, byte for byte").isEqualTo(treeBefore);
        try (Stream<Path> files = Files.walk(outputs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("%s holds the canary", file).doesNotContain(canaryText);
            }
        }
        // Real coz profiled the baseline inside the sandbox, writing only its profiles directory.
        assertThat(Files.readAllLines(runDir.resolve("profiles/g0-baseline.coz")))
                .anyMatch(line -> line.startsWith("experiment\tselected="));
        assertThat(baseline.path("causal").path("summary").asText()).isNotBlank();
    }

    static String treeHash() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(Path.of(ROOT))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(file.toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
