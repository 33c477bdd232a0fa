package dev.aiopt.junit.internal.diff;

import java.util.List;

/**
 * The hint for a SEARCH part that matches nothing: the window of the slice most like it, shown line by line
 * against the SEARCH lines with whitespace made visible, so that the model sees the exact difference.
 */
final class NearestLines {
    static final String LEGEND = "'-' is the slice, '+' your SEARCH; \u00b7 is a space, \u2192 a tab, \u00b6 the line end";

    private NearestLines() {
    }

    static String describe(List<String> slice, List<String> search) {
        if (slice.isEmpty()) {
            return "The slice is empty.";
        }
        double[][] similar = new double[slice.size()][search.size()];
        for (int i = 0; i < slice.size(); i++) {
            for (int k = 0; k < search.size(); k++) {
                similar[i][k] = similarity(slice.get(i), search.get(k));
            }
        }
        // A window may run past the slice's end: a SEARCH that goes on beyond the slice still aligns with its head.
        int bestStart = 0;
        double best = -1;
        for (int start = 0; start < slice.size(); start++) {
            double score = 0;
            for (int k = 0; k < search.size() && start + k < slice.size(); k++) {
                score += similar[start + k][k];
            }
            if (score > best + 1e-9) {
                best = score;
                bestStart = start;
            }
        }
        int window = Math.min(search.size(), slice.size() - bestStart);
        if (best < 0.5 * Math.min(search.size(), slice.size())) {
            return "No line of it occurs in the slice, nor anything close; quote lines of the slice as given.";
        }
        StringBuilder out = new StringBuilder("Nearest: slice lines " + (bestStart + 1) + "-" + (bestStart + window)
                + ", line by line (" + LEGEND + "):");
        for (int k = 0; k < search.size(); k++) {
            String wanted = search.get(k);
            if (k >= window) {
                out.append("\n  + (past the slice's end): ").append(visible(wanted));
                continue;
            }
            String have = slice.get(bestStart + k);
            int number = bestStart + k + 1;
            if (have.equals(wanted)) {
                out.append("\n  = ").append(number).append(": ").append(have);
            } else {
                out.append("\n  - ").append(number).append(": ").append(visible(have));
                out.append("\n  + ").append(number).append(": ").append(visible(wanted));
                out.append("\n    ").append(difference(have, wanted));
            }
        }
        return out.toString();
    }

    static String visible(String line) {
        return line.replace(' ', '\u00b7').replace("\t", "\u2192") + "\u00b6";
    }

    // Indentation alone would have been tolerated, so say where the code itself differs.
    private static String difference(String have, String wanted) {
        String haveIndent = BlockMatch.indentOf(have);
        String wantedIndent = BlockMatch.indentOf(wanted);
        String haveCode = have.substring(haveIndent.length()).stripTrailing();
        String wantedCode = wanted.substring(wantedIndent.length()).stripTrailing();
        if (haveIndent.equals(wantedIndent) || haveCode.equals(wantedCode)) {
            return "first difference at column " + (firstDifference(have, wanted) + 1);
        }
        return "the indentation differs, and the code after it differs at its column "
                + (firstDifference(haveCode, wantedCode) + 1);
    }

    private static int firstDifference(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private static double similarity(String a, String b) {
        String x = a.strip();
        String y = b.strip();
        if (x.equals(y)) {
            return 1;
        }
        int longest = Math.max(x.length(), y.length());
        if (longest == 0) {
            return 1;
        }
        // The distance is at least the length difference, so such pairs cannot reach the 0.5 that counts.
        if (longest > 240 || 2 * Math.min(x.length(), y.length()) < longest) {
            return 0;
        }
        return 1 - (double) levenshtein(x, y) / longest;
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
