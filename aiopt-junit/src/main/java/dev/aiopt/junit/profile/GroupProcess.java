package dev.aiopt.junit.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in its own session (via {@code setsid}) with a time cap; on the cap the whole process group gets
 * SIGTERM, then SIGKILL. Output and error go to one log file.
 */
final class GroupProcess {
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** What happened. {@code exitCode} is the wrapper's exit status (a signal shows as 128+n). */
    record Outcome(int exitCode, boolean stoppedAtCap, Duration elapsed, String logTail) {
    }

    private GroupProcess() {
    }

    static Outcome run(List<String> command, Path workingDirectory, Map<String, String> environment, Duration cap,
            Path log) {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProfilerException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        boolean stoppedAtCap = false;
        try {
            if (!process.waitFor(cap.toMillis(), TimeUnit.MILLISECONDS)) {
                stoppedAtCap = true;
                signalGroup(process, "TERM");
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    signalGroup(process, "KILL");
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
        } catch (InterruptedException e) {
            signalGroup(process, "KILL");
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProfilerException("interrupted while running " + String.join(" ", command), e);
        }
        return new Outcome(process.exitValue(), stoppedAtCap, Duration.ofNanos(System.nanoTime() - start), tail(log));
    }

    private static void signalGroup(Process process, String signal) {
        // setsid made the child the leader of a new process group whose id is its pid.
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
