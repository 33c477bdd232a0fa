package dev.aiopt.junit.internal.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished command left: exit code, whether it was killed for taking too long, wall time, its output
 * (redacted and capped: files on disk, and the same text in memory), and what the sandbox, the limits or the
 * output cap refused it.
 *
 * @param command the command line as run
 * @param exitCode the exit status ({@code -1} when killed for the timeout)
 * @param timedOut whether the timeout killed its process group
 * @param elapsed wall time
 * @param stdout standard output as kept (redacted; head and tail when it was longer than the cap)
 * @param stderr standard error as kept
 * @param stdoutFile where standard output was kept
 * @param stderrFile where standard error was kept
 * @param refusals what was refused, one sentence each ("the sandbox has no network: ..."), in the order found
 *
 * <p>Public because it is used by {@code evaluation}, {@code executor}, {@code profile}, {@code workspace};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CommandResult(String command, int exitCode, boolean timedOut, Duration elapsed, String stdout,
        String stderr, Path stdoutFile, Path stderrFile, List<String> refusals) {

    public CommandResult {
        refusals = List.copyOf(refusals);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /**
     * Why the command failed, for a candidate's reason: how it ended, what was refused, then (unless it timed
     * out) the compiler-error excerpt or the tail of its output.
     */
    public String reason() {
        String ending = timedOut ? "timed out after " + elapsed.toSeconds() + " s" : "exit " + exitCode;
        List<String> parts = new ArrayList<>(refusals);
        if (!timedOut && (exitCode != 0 || parts.isEmpty())) {
            String excerpt = errorExcerpt(6);
            if (!excerpt.isBlank()) {
                parts.add(excerpt);
            }
        }
        return parts.isEmpty() ? ending : ending + ": " + String.join("; ", parts);
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
