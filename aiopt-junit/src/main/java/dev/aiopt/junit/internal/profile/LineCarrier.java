package dev.aiopt.junit.internal.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries one file line through a unified diff (the whole-file diffs the loop records against each parent).
 * Context lines and lines outside every hunk keep their identity and shift with the hunks before them. A line the
 * diff removes survives only as a rewrite: inside a run of removed lines followed by a run of added lines, it maps to
 * the added line most similar to it (character LCS, at least {@value #MIN_SIMILARITY}), or, when both runs have the
 * same length, to the line at the same position (a line-for-line edit). Otherwise it is gone.
 */
final class LineCarrier {
    static final double MIN_SIMILARITY = 0.5;
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    private LineCarrier() {
    }

    /** The new line of {@code line} after {@code diff}, or empty when the diff deleted it. */
    static OptionalInt carry(int line, String diff, SliceMapping mapping, int index) {
        List<String> lines = diff.replace("\r\n", "\n").lines().toList();
        int offset = 0;
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.startsWith("--- ") || l.startsWith("+++ ")) {
                checkFile(l, mapping, index);
                i++;
                continue;
            }
            Matcher m = HUNK.matcher(l);
            if (!m.matches()) {
                if (l.isBlank() || l.startsWith("diff ") || l.startsWith("index ")) {
                    i++;
                    continue;
                }
                throw malformed(index, i, "expected a hunk header '@@ -a,b +c,d @@', found: " + excerpt(l));
            }
            int oldStart = Integer.parseInt(m.group(1));
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newStart = Integer.parseInt(m.group(3));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            // A hunk of 0 old lines names the line before which it inserts.
            int oldFirst = oldCount == 0 ? oldStart + 1 : oldStart;
            if (line < oldFirst) {
                return OptionalInt.of(line + offset);
            }
            List<String> body = new ArrayList<>();
            int oldSeen = 0;
            int newSeen = 0;
            i++;
            while (i < lines.size() && (oldSeen < oldCount || newSeen < newCount)) {
                String b = lines.get(i++);
                if (b.startsWith("\\")) {
                    continue;
                }
                char kind = b.isEmpty() ? ' ' : b.charAt(0);
                if (kind != ' ' && kind != '-' && kind != '+') {
                    throw malformed(index, i - 1, "a hunk line starts with ' ', '-' or '+', found: " + excerpt(b));
                }
                oldSeen += kind == '+' ? 0 : 1;
                newSeen += kind == '-' ? 0 : 1;
                body.add(b.isEmpty() ? " " : b);
            }
            if (oldSeen != oldCount || newSeen != newCount) {
                throw malformed(index, i, "a hunk promises " + oldCount + " old and " + newCount + " new lines but has "
                        + oldSeen + " and " + newSeen);
            }
            if (line < oldFirst + oldCount) {
                return inHunk(line - oldFirst, body, newCount == 0 ? newStart + 1 : newStart);
            }
            offset += newCount - oldCount;
        }
        return OptionalInt.of(line + offset);
    }

    // Walks one hunk's body to the old line at index `target` (0-based within the hunk's old lines).
    private static OptionalInt inHunk(int target, List<String> body, int newFirst) {
        int oldIndex = 0;
        int newIndex = 0;
        int k = 0;
        while (k < body.size()) {
            char kind = body.get(k).charAt(0);
            if (kind == ' ') {
                if (oldIndex == target) {
                    return OptionalInt.of(newFirst + newIndex);
                }
                oldIndex++;
                newIndex++;
                k++;
                continue;
            }
            if (kind == '+') {
                newIndex++;
                k++;
                continue;
            }
            // A run of removed lines, then the run of added lines that replaces it.
            List<String> removed = new ArrayList<>();
            while (k < body.size() && body.get(k).charAt(0) == '-') {
                removed.add(body.get(k++).substring(1));
            }
            List<String> added = new ArrayList<>();
            while (k < body.size() && body.get(k).charAt(0) == '+') {
                added.add(body.get(k++).substring(1));
            }
            if (target < oldIndex + removed.size()) {
                int position = target - oldIndex;
                OptionalInt match = rewriteOf(removed.get(position), position, removed.size(), added);
                return match.isPresent() ? OptionalInt.of(newFirst + newIndex + match.getAsInt()) : OptionalInt.empty();
            }
            oldIndex += removed.size();
            newIndex += added.size();
        }
        return OptionalInt.empty();
    }

    private static OptionalInt rewriteOf(String line, int position, int removedCount, List<String> added) {
        int best = -1;
        double bestScore = 0;
        for (int j = 0; j < added.size(); j++) {
            double score = similarity(line.strip(), added.get(j).strip());
            if (score > bestScore) {
                bestScore = score;
                best = j;
            }
        }
        if (best >= 0 && bestScore >= MIN_SIMILARITY) {
            return OptionalInt.of(best);
        }
        return removedCount == added.size() ? OptionalInt.of(position) : OptionalInt.empty();
    }

    /** 2·LCS(a, b) / (|a| + |b|), 1 for two empty strings. */
    static double similarity(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int x = 1; x <= a.length(); x++) {
            for (int y = 1; y <= b.length(); y++) {
                current[y] = a.charAt(x - 1) == b.charAt(y - 1) ? previous[y - 1] + 1
                        : Math.max(previous[y], current[y - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 2.0 * previous[b.length()] / (a.length() + b.length());
    }

    private static void checkFile(String header, SliceMapping mapping, int index) {
        String path = header.substring(4).split("\t")[0].strip();
        if (path.equals("/dev/null")) {
            throw malformed(index, 0, "the diff creates or deletes the whole file; a lineage diff edits " + mapping.targetFile());
        }
        if (path.startsWith("a/") || path.startsWith("b/")) {
            path = path.substring(2);
        }
        if (!mapping.sameFile(path)) {
            throw malformed(index, 0, "it edits " + path + ", but the evolved slice is in " + mapping.targetFile()
                    + "; pass the diffs of this lineage's slice file only");
        }
    }

    private static IllegalArgumentException malformed(int index, int line, String why) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "lineage diff %d (diff line %d) is not a usable unified diff: %s", index + 1, line + 1, why));
    }

    private static String excerpt(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
