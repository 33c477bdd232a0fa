package dev.aiopt.junit.internal.process;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a finished command left: exit code, whether it was killed for taking too long, wall time, and its
 * output (files on disk, plus the tail of each in memory for messages).
 *
 * @param command the command line as run
 * @param exitCode the exit status ({@code -1} when killed for the timeout)
 * @param timedOut whether the timeout killed its process group
 * @param elapsed wall time
 * @param stdout full standard output
 * @param stderr full standard error
 * @param stdoutFile where standard output was kept
 * @param stderrFile where standard error was kept
 */
public record CommandResult(String command, int exitCode, boolean timedOut, Duration elapsed, String stdout,
        String stderr, Path stdoutFile, Path stderrFile) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The last {@code maxLines} lines of standard error (or output, when stderr is empty), for messages. */
    public String tail(int maxLines) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - maxLines);
        StringBuilder out = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            out.append(lines[i]).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** The first lines that look like compiler errors, else the tail: what a human (or model) needs to see. */
    public String errorExcerpt(int maxLines) {
        String text = stderr + "\n" + stdout;
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.contains("error") || line.contains("Error") || line.contains("FAIL")) {
                out.append(line).append('\n');
                if (++n >= maxLines) {
                    break;
                }
            }
        }
        return n == 0 ? tail(maxLines) : out.toString().stripTrailing();
    }
}
