package dev.aiopt.junit.internal.slice;

import java.util.List;
import java.util.Objects;

/**
 * The evolvable part of a source file (the EVOLVE-BLOCK) and the template around it. The model sees only
 * {@link #text()}; {@link #reassemble(String)} patches an evolved slice back into the full source.
 *
 * @param file the file's path relative to the target tree, for messages and profile mapping
 * @param lines all lines of the template, without line terminators
 * @param firstLine 1-based template line of the slice's first line
 * @param lastLine 1-based template line of the slice's last line (inclusive)
 * @param how how the slice was found, e.g. {@code "function DB::Write"}, for the configuration printout
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Slice(String file, List<String> lines, int firstLine, int lastLine, String how) {
    public Slice {
        Objects.requireNonNull(file, "file");
        lines = List.copyOf(lines);
        if (firstLine < 1 || lastLine < firstLine || lastLine > lines.size()) {
            throw new IllegalArgumentException("slice lines " + firstLine + "-" + lastLine + " do not fit "
                    + file + " (" + lines.size() + " lines)");
        }
    }

    /** The slice itself, lines joined with {@code \n}, ending with a newline. */
    public String text() {
        return String.join("\n", lines.subList(firstLine - 1, lastLine)) + "\n";
    }

    /** Number of lines in the slice. */
    public int length() {
        return lastLine - firstLine + 1;
    }

    /** The full source with {@code evolvedSlice} in place of the slice; ends with a newline. */
    public String reassemble(String evolvedSlice) {
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(0, firstLine - 1)) {
            out.append(line).append('\n');
        }
        String body = evolvedSlice.replace("\r\n", "\n");
        out.append(body);
        if (!body.endsWith("\n")) {
            out.append('\n');
        }
        for (String line : lines.subList(lastLine, lines.size())) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The template line of a 1-based slice line (of the original slice). */
    public int templateLine(int sliceLine) {
        return firstLine + sliceLine - 1;
    }
}
