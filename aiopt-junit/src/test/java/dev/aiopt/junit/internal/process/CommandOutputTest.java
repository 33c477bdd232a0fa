package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What commands print, on its way to the log files: decoded whatever the bytes, redacted, capped. */
class CommandOutputTest {
    @TempDir
    Path temp;

    CommandResult run(CommandRunner runner, String command) {
        return runner.shell(command, temp, Map.of(), Duration.ofSeconds(30), temp.resolve("logs/cmd"));
    }

    @Test
    void bytesThatAreNotUtf8SurviveDecoding() {
        CommandResult result = run(CommandRunner.defaults(), "printf 'ops \\377\\376 per sec\\n'; printf 'err \\300\\n' >&2");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo("ops \uFFFD\uFFFD per sec\n");
        assertThat(result.stderr()).isEqualTo("err \uFFFD\n");
        assertThat(result.stdoutFile()).content().isEqualTo(result.stdout());
    }

    @Test
    void keysPrintedByACommandNeverReachItsLogsOrItsResult() {
        Redactor.register("literal-key-printed-by-a-build-31");

        CommandResult result = run(CommandRunner.defaults(), "echo 'KEY=literal-key-printed-by-a-build-31'; "
                + "echo 'Authorization: Bearer abcdef123456' >&2; echo sk-proj-0123456789abcdef");

        assertThat(result.stdoutFile()).content().isEqualTo("KEY=[REDACTED]\n[REDACTED]\n");
        assertThat(result.stderrFile()).content().isEqualTo("Authorization: Bearer [REDACTED]\n");
        assertThat(result.stdout() + result.stderr() + result.command()).doesNotContain(
                "literal-key-printed-by-a-build-31", "abcdef123456", "sk-proj-0123456789abcdef");
    }

    @Test
    void longOutputKeepsItsHeadAndTailWithAMarker() throws IOException {
        CommandRunner small = CommandRunner.using(CommandPolicy.defaults().withOutputCap(new OutputCap(1024, 2048)));

        // 100000 numbered lines, 588895 bytes, with a two-byte character cut at the head's end.
        CommandResult result = run(small, "printf '%01023d\\303\\251\\n' 0; seq 1 100000; echo é-last");

        List<String> lines = result.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("0000");
        assertThat(lines).anyMatch(line -> line.matches("\\[aiopt: \\d+ bytes of standard output left out here; "
                + "kept the first 1024 and the last 2048 of \\d+\\]"));
        assertThat(lines.get(lines.size() - 2)).isEqualTo("100000");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("é-last");
        assertThat(Files.size(result.stdoutFile())).isLessThan(1024 + 2048 + 200);
        assertThat(result.refusals()).singleElement().asString().startsWith("output capped: printed ");
    }

    @Test
    void aFullDiskUnderTheLogsIsAReasonNotAHang() throws Exception {
        Path small = Files.createDirectories(temp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        assertThat(mount.waitFor()).as("mounting a 64 KiB tmpfs (needs root): "
                + new String(mount.getInputStream().readAllBytes())).isZero();
        try {
            CommandResult result = CommandRunner.run("seq 1 1000000; echo done >&2", temp, Map.of(),
                    Duration.ofSeconds(60), small.resolve("cmd"));

            assertThat(result.succeeded()).as("the command ran to its end").isTrue();
            assertThat(result.stderr()).isEqualTo("done\n");
            assertThat(result.refusals()).anyMatch(r -> r.startsWith("its log could not be written: ")
                    && r.contains("No space left on device"));
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void aHangingVerifyIsKilledByItsTimeoutWithAReason() {
        CommandResult result = CommandRunner.run("echo verifying; sleep 600", temp, Map.of(), Duration.ofSeconds(1),
                temp.resolve("logs/verify"));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.reason()).isEqualTo("timed out after " + result.elapsed().toSeconds()
                + " s: killed at its timeout of 1 s");
        assertThat(result.stdout()).isEqualTo("verifying\n");
    }
}
