package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.sandbox.Sandbox;
import dev.aiopt.junit.internal.sandbox.SandboxMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-written code that misbehaves, run through {@link CommandRunner} in the real bubblewrap sandbox: each
 * attempt is contained and ends with a reason that says what was refused. Needs {@code bwrap} (package
 * bubblewrap) and, for the process limit, a pids cgroup this JVM may create (root, or a delegated cgroup).
 */
class HostileCandidateTest {
    @TempDir
    Path temp;

    Path workspace;
    Path scratch;
    CommandRunner sandboxed;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(temp.resolve("ws"));
        scratch = Files.createDirectories(temp.resolve("scratch"));
        sandboxed = CommandRunner.using(CommandPolicy.defaults().withSandbox(Sandbox.resolve(SandboxMode.BWRAP))
                .withLimits(new ProcessLimits(64, 1 << 20)));
    }

    CommandResult candidate(CommandRunner runner, String command, Duration timeout) {
        return runner.shell(command, workspace, Map.of("AIOPT_WORKSPACE", workspace.toString(), "AIOPT_SCRATCH",
                scratch.toString()), timeout, temp.resolve("logs/candidate"));
    }

    @Test
    void writesOutsideTheWorkspaceAreRefused() throws IOException {
        String marker = "escape-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        Path usersTree = Path.of(System.getProperty("user.dir"), "target", marker);
        Path etc = Path.of("/etc", marker);

        CommandResult result = candidate(sandboxed, "echo built > inside.o && echo x > " + usersTree + "; echo x > "
                + etc + "; echo x > $AIOPT_SCRATCH/ok && test ! -e " + usersTree, Duration.ofSeconds(30));

        assertThat(usersTree).doesNotExist();
        assertThat(etc).doesNotExist();
        assertThat(workspace.resolve("inside.o")).content().isEqualTo("built\n");
        assertThat(scratch.resolve("ok")).exists();
        assertThat(result.reason()).contains("the sandbox refused a write outside the workspace and scratch");
    }

    @Test
    void theUsersHomeAndKeyFilesAreInvisible() throws IOException {
        String canaryText = "canary-" + ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41);
        Path canary = Path.of(System.getProperty("user.home"), ".aiopt-canary-" + canaryText);
        Path keyFile = Files.writeString(Path.of(System.getProperty("user.dir"), "target",
                "aiopt-key-" + canaryText), "the-key-" + canaryText);
        Files.writeString(canary, canaryText);
        try {
            CommandRunner runner = CommandRunner.using(sandboxed.policy().withHidden(keyFile));
            CommandResult result = candidate(runner, "cat " + canary + "; cat " + keyFile + "; ls -a "
                    + System.getProperty("user.home") + "; echo done", Duration.ofSeconds(30));

            assertThat(result.stdout()).endsWith("done\n").doesNotContain(canaryText);
            assertThat(result.stderr()).contains("No such file or directory");
            CommandResult plain = candidate(CommandRunner.defaults(), "cat " + canary + " " + keyFile,
                    Duration.ofSeconds(30));
            assertThat(plain.stdout()).as("without the sandbox the same command reads both")
                    .contains(canaryText, "the-key-" + canaryText);
        } finally {
            Files.deleteIfExists(canary);
            Files.deleteIfExists(keyFile);
        }
    }

    @Test
    void aListenerOnLoopbackSeesNoConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1000);
            AtomicInteger accepted = new AtomicInteger();
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + " && echo hello >&3";

            CommandResult result = candidate(sandboxed, connect, Duration.ofSeconds(30));

            assertThat(acceptOne(listener, accepted)).as("connections that reached the listener").isZero();
            assertThat(result.succeeded()).isFalse();
            assertThat(result.reason()).contains("the sandbox has no network: a connection was refused");
            CommandResult plain = candidate(CommandRunner.defaults(), connect, Duration.ofSeconds(30));
            assertThat(plain.succeeded()).isTrue();
            assertThat(acceptOne(listener, accepted)).as("without the sandbox the same command connects").isOne();
        }
    }

    @Test
    void aForkBombHitsTheProcessLimitAndIsEndedByItsTimeout() throws Exception {
        assertThat(PidsCgroup.create(8)).as("a pids cgroup, the only process limit that binds root").hasValueSatisfying(
                PidsCgroup::remove);
        String marker = "bomb" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

        CommandResult result = candidate(sandboxed, marker + "() { " + marker + " | " + marker + " & }; " + marker
                + "; sleep 30", Duration.ofSeconds(4));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.reason()).contains("killed at its timeout of 4 s")
                .containsPattern("the process limit of 64 refused \\d+ forks");
        assertThat(CommandRunnerTest.awaitNoProcessWith(marker)).isEmpty();
    }

    @Test
    void aCommandThatSleepsForeverIsKilledAtItsTimeout() throws Exception {
        String marker = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);

        CommandResult result = candidate(sandboxed, "sleep " + marker, Duration.ofSeconds(2));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.reason()).startsWith("timed out after").contains("killed at its timeout of 2 s");
        assertThat(CommandRunnerTest.awaitNoProcessWith(marker)).isEmpty();
    }

    @Test
    void aHugeFileStopsAtTheFileSizeLimitEvenForRoot() {
        CommandResult result = candidate(sandboxed, "ulimit -f unlimited; head -c 50000000 /dev/zero > big.dat",
                Duration.ofSeconds(30));

        assertThat(result.succeeded()).isFalse();
        assertThat(workspace.resolve("big.dat")).hasSize(1 << 20);
        assertThat(result.reason()).contains("a file grew past the file-size limit of 1048576 bytes (SIGXFSZ)");
    }

    @Test
    void aGigabyteOfOutputIsCappedKeepingHeadAndTail() throws IOException {
        CommandResult result = candidate(sandboxed, "echo FIRST; yes | head -c 1073741824; echo; echo LAST",
                Duration.ofSeconds(120));

        assertThat(result.succeeded()).isTrue();
        OutputCap cap = OutputCap.defaults();
        assertThat(Files.size(result.stdoutFile())).isLessThan(cap.headBytes() + cap.tailBytes() + 1024);
        assertThat(result.stdout()).startsWith("FIRST\ny\n").endsWith("y\n\nLAST\n")
                .contains("bytes of standard output left out here");
        assertThat(result.refusals()).anyMatch(r -> r.startsWith("output capped: printed 1073741836 bytes"));
    }

    @Test
    void theJvmsOwnEnvironmentIsUnreachableFromInsideTheSandbox() {
        long jvm = ProcessHandle.current().pid();
        Map<String, String> given = CommandEnvironment.ofThisProcess().variables();
        // A variable of this JVM that commands are not given: whoever prints it read the JVM's own environ.
        String held = System.getenv().entrySet().stream()
                .filter(e -> !given.containsKey(e.getKey()) && !CommandEnvironment.isSecretLike(e.getKey())
                        && e.getValue().length() >= 4 && !e.getValue().contains("\n"))
                .map(e -> e.getKey() + "=" + e.getValue()).findFirst()
                .orElseThrow(() -> new IllegalStateException("this JVM has no variable that commands are not given"));
        String snoop = "test -r /proc/" + jvm + "/environ && echo JVM-VISIBLE; for f in /proc/[0-9]*/environ; do"
                + " tr '\\0' '\\n' < $f 2>/dev/null; done; echo done";

        CommandResult inside = candidate(sandboxed, snoop, Duration.ofSeconds(30));

        assertThat(inside.stdout()).endsWith("done\n").doesNotContain("JVM-VISIBLE").doesNotContain(held);
        CommandResult plain = candidate(CommandRunner.defaults(), snoop, Duration.ofSeconds(30));
        assertThat(plain.stdout()).as("without the sandbox the same user reads the JVM's environment (a known limit)")
                .contains("JVM-VISIBLE", held);
    }

    @Test
    void theSandboxDescribesItself() {
        assertThat(sandboxed.policy().sandbox().describe()).startsWith("sandbox: bubblewrap (")
                .contains("no network");
    }

    private static int acceptOne(ServerSocket listener, AtomicInteger accepted) throws IOException {
        try (Socket s = listener.accept()) {
            accepted.incrementAndGet();
        } catch (SocketTimeoutException e) {
            // nobody came
        }
        return accepted.getAndSet(0);
    }
}
