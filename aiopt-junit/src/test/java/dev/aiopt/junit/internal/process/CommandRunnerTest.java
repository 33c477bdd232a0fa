package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path temp;

    CommandResult run(String command, Duration timeout) {
        return CommandRunner.run(command, temp, Map.of("AIOPT_TEST_VALUE", "forty two"), timeout, temp.resolve("logs/cmd"));
    }

    @Test
    void capturesOutputExitCodeAndEnvironment() throws IOException {
        CommandResult result = run("echo \"out $AIOPT_TEST_VALUE\"; pwd; echo err >&2; exit 3", Duration.ofSeconds(10));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo("out forty two\n" + temp.toRealPath() + "\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.stdoutFile()).isEqualTo(temp.resolve("logs/cmd.stdout.txt")).content().isEqualTo(result.stdout());
        assertThat(result.stderrFile()).isEqualTo(temp.resolve("logs/cmd.stderr.txt")).content().isEqualTo("err\n");
        assertThat(result.command()).startsWith("echo");
    }

    @Test
    void aZeroExitSucceeds() {
        CommandResult result = run("true", Duration.ofSeconds(10));

        assertThat(result.exitCode()).isZero();
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void aCommandThatExitsWith124ByItselfDidNotTimeOut() {
        CommandResult result = run("exit 124", Duration.ofSeconds(30));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isEqualTo(124);
    }

    @Test
    void standardInputIsEmpty() {
        CommandResult result = run("cat; echo done", Duration.ofSeconds(10));

        assertThat(result.stdout()).isEqualTo("done\n");
    }

    @Test
    void errorExcerptPicksCompilerErrorsAndTailTakesTheLastLines() {
        CommandResult result = run("echo 'tiny.cc:3:5: error: expected expression' >&2; "
                + "echo 'tiny.cc:3: note: here' >&2; for i in 1 2 3 4; do echo line$i; done", Duration.ofSeconds(10));

        assertThat(result.errorExcerpt(5)).isEqualTo("tiny.cc:3:5: error: expected expression");
        assertThat(result.tail(2)).isEqualTo("tiny.cc:3:5: error: expected expression\ntiny.cc:3: note: here");
        assertThat(run("for i in 1 2 3 4; do echo line$i; done", Duration.ofSeconds(10)).tail(2)).isEqualTo("line3\nline4");
    }

    @Test
    void aHungCommandIsKilledWithItsWholeProcessGroup() throws Exception {
        String marker = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        // A child and a grandchild that would both outlive the shell if only the shell were killed.
        CommandResult result = run("sleep " + marker + " & bash -c 'sleep " + marker + "; true' & wait",
                Duration.ofSeconds(2));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.succeeded()).isFalse();
        assertThat(awaitNoProcessWith(marker)).as("processes still running with " + marker).isEmpty();
    }

    @Test
    void aCommandIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        String marker = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        CommandResult result = run("trap '' TERM; bash -c \"trap '' TERM; sleep " + marker + "\" & sleep " + marker
                + "; wait", Duration.ofSeconds(1));

        assertThat(result.timedOut()).isTrue();
        assertThat(awaitNoProcessWith(marker)).as("processes still running with " + marker).isEmpty();
    }

    @Test
    void aMissingDirectoryCannotStart() {
        assertThatThrownBy(() -> CommandRunner.run("true", temp.resolve("missing"), Map.of(), Duration.ofSeconds(5),
                temp.resolve("logs/x")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot start 'true' in " + temp.resolve("missing"));
    }

    /** Command lines of live processes holding {@code marker}, after giving a kill a moment to land. */
    static List<String> awaitNoProcessWith(String marker) throws InterruptedException {
        List<String> found = List.of();
        for (int i = 0; i < 50; i++) {
            found = processesWith(marker);
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return found;
    }

    static List<String> processesWith(String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> p.resolve("cmdline"))
                    .map(CommandRunnerTest::readQuietly)
                    .filter(cmdline -> cmdline.contains(marker))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readQuietly(Path cmdline) {
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // the process ended meanwhile
        }
    }
}
