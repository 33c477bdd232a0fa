package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * A gate builds and runs a candidate slice that may be model-written (an experiment's champion), so it runs
 * under the experiment's sandbox policy: a hostile slice under {@code bwrap} is contained and fails the gate
 * with what was refused, and {@code off} warns on every run. Needs bubblewrap.
 */
class HostileGateTest {
    static final String ROOT = "src/test/resources/sandbox/coztarget";
    static final Path CANARY = Path.of(System.getProperty("user.home"), ".aiopt-canary-hostile");
    static final Path PORT_FILE = Path.of("target", "hostile-port.txt");
    static final Path ESCAPED = Path.of("target", "hostile-escaped.txt");

    @TempDir
    Path output;

    @Gate(candidateSlice = "src/test/resources/sandbox/hostile-versions/01-escapes.cc", sandbox = "bwrap",
            warmups = 0)
    @EvolveBlock(root = ROOT, file = "tiny.cc")
    @Build(value = "g++ -std=c++17 -O1 tiny.cc -o tinybench -ldl", timeoutSeconds = 120)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=20000", timeoutSeconds = 60)
    static class HostileSlice {
    }

    @Gate(candidateSlice = "src/test/resources/gate/same.txt", sandbox = "off", repeats = 8, maxLooks = 1,
            warmups = 0)
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Unsandboxed {
    }

    @Gate(candidateSlice = "src/test/resources/gate/same.txt", sandbox = "bwrap", repeats = 8, maxLooks = 1,
            warmups = 0)
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Sandboxed {
    }

    @Test
    void aHostileCandidateSliceIsContainedAndFailsTheGateWithWhatWasRefused() throws Exception {
        String canaryText = "canary-" + ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41);
        Files.writeString(CANARY, canaryText);
        Files.deleteIfExists(ESCAPED);
        String treeBefore = treeHash();
        AtomicInteger accepted = new AtomicInteger();
        Throwable failure;
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

            GateRunner gate = new GateRunner(plan(HostileSlice.class), new PrintStream(new ByteArrayOutputStream()));
            failure = catchThrowable(gate::check);
        } finally {
            Files.deleteIfExists(CANARY);
        }

        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        assertThat(failure.getMessage()).startsWith("Gate HostileSlice: benchmark of candidate failed (exit 1)")
                .contains("the sandbox refused a write outside the workspace and scratch (read-only file system)")
                .contains("the sandbox has no network: a connection was refused")
                .contains("the sandbox hides the user's home " + Path.of(System.getProperty("user.home")));
        assertThat(accepted).as("connections the listener on 127.0.0.1 accepted").hasValue(0);
        assertThat(ESCAPED).doesNotExist();
        assertThat(Path.of(ROOT, "escaped.txt")).doesNotExist();
        assertThat(treeHash()).as("the user's tree, byte for byte").isEqualTo(treeBefore);
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("%s holds the canary", file).doesNotContain(canaryText);
            }
        }
    }

    @Test
    void aGateWithoutSandboxWarnsOnEveryRunAndBubblewrapIsSaidAtMostOnce() {
        for (int run = 1; run <= 2; run++) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            new GateRunner(plan(Unsandboxed.class), new PrintStream(printed, true, StandardCharsets.UTF_8)).check();
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("run %d", run)
                    .contains("Gate Unsandboxed WARNING: no sandbox: model-written code runs as");
        }
        new GateRunner(plan(Sandboxed.class), new PrintStream(new ByteArrayOutputStream())).check();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new GateRunner(plan(Sandboxed.class), new PrintStream(again, true, StandardCharsets.UTF_8)).check();
        assertThat(again.toString(StandardCharsets.UTF_8)).startsWith("Gate Sandboxed ")
                .doesNotContain("sandbox: bubblewrap");
    }

    private GatePlan plan(Class<?> gateClass) {
        Map<String, String> parameters = Map.of("aiopt.outputDir", output.resolve("runs").toString());
        return new GateFactory(gateClass, key -> Optional.ofNullable(parameters.get(key))).plan();
    }

    private static String treeHash() throws Exception {
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
