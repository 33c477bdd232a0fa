package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.process.CommandResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A profiler run with a time cap, through {@link CommandRunner}: on the cap the whole process group gets SIGTERM,
 * then SIGKILL, also when this JVM has died meanwhile. Output and error go to one log file.
 */
final class GroupProcess {

    /** What happened; {@code exitCode} is meaningless when {@code stoppedAtCap}. */
    record Outcome(int exitCode, boolean stoppedAtCap, Duration elapsed, String logTail) {
    }

    private GroupProcess() {
    }

    static Outcome run(CommandRunner runner, List<String> command, Path workingDirectory, Map<String, String> environment, Duration cap,
            Path log) {
        CommandResult result;
        try {
            result = runner.merged(command, workingDirectory, environment, cap, log);
        } catch (UncheckedIOException e) {
            throw new ProfilerException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        return new Outcome(result.exitCode(), result.timedOut(), result.elapsed(), tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            // coz colours its log lines; keep the text.
            List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
            return String.join("\n", last).replaceAll("\u001B\\[[0-9;]*m", "");
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String fullLog(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        } catch (IOException e) {
            return "";
        }
    }
}
