package dev.aiopt.junit.internal.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies SEARCH/REPLACE blocks strictly: every block's SEARCH text must occur exactly once in the slice as
 * given (blocks do not see each other's edits), blocks must not overlap, and no block may add or remove the
 * {@code EVOLVE-BLOCK} markers. Anything else rejects the whole reply with the exact reason, including the
 * nearest lines of the slice when a block does not match.
 */
public final class DiffApplier {
    // Listings in prompts carry "  12| " prefixes; a model that copies them has still quoted the right lines.
    private static final Pattern LINE_NUMBER = Pattern.compile("^\\s*\\d+\\s?\\| ?");

    private DiffApplier() {
    }

    /** Parses {@code reply} and applies its blocks to {@code slice}; returns the new slice. */
    public static String apply(String slice, String reply) {
        return apply(slice, DiffParser.parse(reply));
    }

    /** Applies parsed blocks to {@code slice}; returns the new slice. */
    public static String apply(String slice, List<SearchReplace> parsed) {
        List<SearchReplace> blocks = new ArrayList<>(parsed);
        String text = slice.replace("\r\n", "\n");
        List<int[]> matches = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            SearchReplace block = blocks.get(b);
            String label = "block " + (b + 1) + " of " + blocks.size() + " (reply line " + block.replyLine() + ")";
            String search = block.search();
            String replace = block.replace();
            if (count(text, search) == 0 && allLinesNumbered(search)) {
                search = stripLineNumbers(search);
                replace = allLinesNumbered(replace) ? stripLineNumbers(replace) : replace;
            }
            checkMarkers(label, search, replace);
            int occurrences = count(text, search);
            if (occurrences == 0) {
                throw new DiffException(label + ": the SEARCH text matches nothing in the slice. " + nearest(text, search)
                        + " Copy the old lines exactly, whitespace included, without line numbers.");
            }
            if (occurrences > 1) {
                throw new DiffException(label + ": the SEARCH text matches " + occurrences
                        + " places in the slice (lines " + matchLines(text, search)
                        + "); quote more surrounding lines so that it matches exactly once");
            }
            int at = text.indexOf(search);
            matches.add(new int[] {at, at + search.length(), b});
            blocks.set(b, new SearchReplace(search, replace, block.replyLine()));
        }
        matches.sort(Comparator.comparingInt(m -> m[0]));
        for (int i = 1; i < matches.size(); i++) {
            int[] previous = matches.get(i - 1);
            int[] current = matches.get(i);
            if (current[0] < previous[1]) {
                throw new DiffException("blocks " + (previous[2] + 1) + " and " + (current[2] + 1)
                        + " overlap (both change slice line " + lineOf(text, current[0])
                        + "); merge them into one block");
            }
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = matches.size() - 1; i >= 0; i--) {
            int[] m = matches.get(i);
            out.replace(m[0], m[1], blocks.get(m[2]).replace());
        }
        return out.toString();
    }

    private static void checkMarkers(String label, String search, String replace) {
        for (String marker : List.of("EVOLVE-BLOCK-START", "EVOLVE-BLOCK-END")) {
            if (search.contains(marker) || replace.contains(marker)) {
                throw new DiffException(label + " contains the " + marker
                        + " marker; the markers are not part of the slice: change only the code between them");
            }
        }
    }

    private static boolean allLinesNumbered(String text) {
        return !text.isEmpty() && text.lines().allMatch(l -> LINE_NUMBER.matcher(l).find());
    }

    private static String stripLineNumbers(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(l -> out.append(LINE_NUMBER.matcher(l).replaceFirst("")).append('\n'));
        return out.toString();
    }

    private static int count(String text, String search) {
        int n = 0;
        for (int i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) {
            n++;
        }
        return n;
    }

    private static String matchLines(String text, String search) {
        List<String> lines = new ArrayList<>();
        for (int i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) {
            lines.add(String.valueOf(lineOf(text, i)));
        }
        return String.join(", ", lines);
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // The window of the slice, as long as the SEARCH text, that shares the most lines with it (ignoring
    // indentation), so that the model sees what it should have quoted.
    private static String nearest(String text, String search) {
        List<String> slice = text.lines().toList();
        List<String> wanted = search.lines().toList();
        int bestStart = -1;
        int bestScore = 0;
        for (int start = 0; start + Math.min(wanted.size(), slice.size()) <= slice.size(); start++) {
            int score = 0;
            for (int k = 0; k < wanted.size() && start + k < slice.size(); k++) {
                if (slice.get(start + k).strip().equals(wanted.get(k).strip())) {
                    score++;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                bestStart = start;
            }
        }
        if (bestStart < 0) {
            return "No line of it occurs in the slice.";
        }
        int end = Math.min(slice.size(), bestStart + wanted.size());
        StringBuilder out = new StringBuilder("Nearest: slice lines " + (bestStart + 1) + "-" + end + " ("
                + bestScore + " of " + wanted.size() + " lines equal):\n");
        for (int i = bestStart; i < end; i++) {
            out.append(String.format("%5d| %s%n", i + 1, slice.get(i)));
        }
        return out.toString().stripTrailing();
    }
}
