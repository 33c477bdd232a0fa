package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the JVM dies by {@code kill -9}, every process it started is gone within 2 s, sandboxed or not. */
class NoOrphansTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"off", "bwrap"})
    void killingTheJvmWithSigkillEndsItsCommandsWithinTwoSeconds(String sandbox) throws Exception {
        String marker = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Daiopt.helperDir=" + Launcher.binary().orElseThrow().getParent(),
                LongCommandMain.class.getName(), sandbox, temp.toString(), marker)
                .redirectErrorStream(true).redirectOutput(temp.resolve("jvm.log").toFile()).start();
        try {
            List<String> running = List.of();
            for (int i = 0; i < 300 && running.size() < 2; i++) {
                Thread.sleep(100);
                running = CommandRunnerTest.processesWith(marker);
            }
            assertThat(running).as("the second JVM's command started (log: %s)", temp.resolve("jvm.log"))
                    .hasSizeGreaterThanOrEqualTo(2);

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            List<String> left = CommandRunnerTest.processesWith(marker);
            while (!left.isEmpty() && System.nanoTime() - killed < Duration.ofSeconds(2).toNanos()) {
                Thread.sleep(20);
                left = CommandRunnerTest.processesWith(marker);
            }
            assertThat(left).as("processes alive 2 s after kill -9 of their JVM").isEmpty();
        } finally {
            jvm.destroyForcibly();
            CommandRunnerTest.processesWith(marker); // for the log, nothing to clean: the assertion says it all
        }
    }

    @Test
    void whatACommandLeavesInTheBackgroundEndsWithIt() throws Exception {
        String marker = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);

        CommandResult result = CommandRunner.run("sleep " + marker + " > /dev/null 2>&1 & echo started", temp,
                Map.of(), Duration.ofSeconds(30), temp.resolve("logs/bg"));

        assertThat(result.succeeded()).isTrue();
        assertThat(CommandRunnerTest.awaitNoProcessWith(marker)).isEmpty();
    }
}
