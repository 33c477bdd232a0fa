package dev.aiopt.junit.internal.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads SEARCH/REPLACE blocks out of a model reply, wherever they stand (fenced or not, prose around them).
 * Markers may carry 5 to 9 brackets and surrounding spaces. Inside the REPLACE part only a REPLACE marker ends
 * the block, so a {@code =======} line there is code. Outside blocks a {@code =======} line is prose (a setext
 * heading) unless a REPLACE marker follows it before the next block (a block that lost its SEARCH line), and a
 * REPLACE marker that repeats the one closing the previous block is ignored.
 */
final class DiffParser {
    private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9}\\s*SEARCH\\s*:?\\s*$");
    private static final Pattern DIVIDER = Pattern.compile("^\\s*={5,9}\\s*$");
    private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9}\\s*REPLACE\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)[\\w+#.-]*\\s*$");
    static final String FORMAT = "every block is '<<<<<<< SEARCH', the exact old lines, '=======', the new lines, "
            + "'>>>>>>> REPLACE'";

    private DiffParser() {
    }

    /**
     * Parses every block.
     *
     * @throws DiffException when the reply holds no block, or a block lacks its divider or end line
     */
    public static List<SearchReplace> parse(String reply) {
        String[] lines = reply.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<SearchReplace> blocks = new ArrayList<>();
        List<String> stray = new ArrayList<>();
        int lastBlockEnd = -1;
        int i = 0;
        while (i < lines.length) {
            if (!SEARCH.matcher(lines[i]).matches()) {
                if (REPLACE.matcher(lines[i]).matches()) {
                    if (lastBlockEnd < 0 || !onlyBlankOrFencesBetween(lines, lastBlockEnd, i)) {
                        throw new DiffException("malformed diff: reply line " + (i + 1) + " '" + lines[i].strip()
                                + "' ends no block (no '<<<<<<< SEARCH' line before it); " + FORMAT);
                    }
                    stray.add("line " + (i + 1));
                    lastBlockEnd = i;
                } else if (DIVIDER.matcher(lines[i]).matches()) {
                    int end = headlessBlockEnd(lines, i);
                    if (end >= 0) {
                        throw new DiffException("malformed diff: reply lines " + (i + 1) + "-" + (end + 1)
                                + " are a block without its '<<<<<<< SEARCH' line; " + FORMAT);
                    }
                    stray.add("line " + (i + 1));
                }
                i++;
                continue;
            }
            int start = i;
            List<String> search = new ArrayList<>();
            i++;
            while (i < lines.length && !DIVIDER.matcher(lines[i]).matches()) {
                if (SEARCH.matcher(lines[i]).matches() || REPLACE.matcher(lines[i]).matches()) {
                    throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                            + " has no '=======' line before line " + (i + 1));
                }
                search.add(lines[i]);
                i++;
            }
            if (i == lines.length) {
                throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                        + " has no '=======' line (the reply ends inside its SEARCH part; was it cut off?)");
            }
            List<String> replace = new ArrayList<>();
            i++;
            while (i < lines.length && !REPLACE.matcher(lines[i]).matches()) {
                if (SEARCH.matcher(lines[i]).matches()) {
                    throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                            + " has no '>>>>>>> REPLACE' line before line " + (i + 1));
                }
                replace.add(lines[i]);
                i++;
            }
            if (i == lines.length) {
                throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                        + " has no '>>>>>>> REPLACE' line (the reply ends inside its REPLACE part; was it cut off?)");
            }
            lastBlockEnd = i;
            i++;
            String searchText = join(unfence(search));
            if (searchText.isBlank()) {
                throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                        + " has an empty SEARCH part; quote the exact lines to replace (to insert, quote the line"
                        + " before the insertion and repeat it in REPLACE)");
            }
            blocks.add(new SearchReplace(searchText, join(unfence(replace)), start + 1));
        }
        if (blocks.isEmpty()) {
            throw new DiffException("the reply holds no SEARCH/REPLACE block"
                    + (stray.isEmpty() ? "" : " (only stray marker lines: " + String.join(", ", stray) + ")")
                    + "; answer with one or more blocks "
                    + "'<<<<<<< SEARCH' / exact old lines / '=======' / new lines / '>>>>>>> REPLACE'");
        }
        return blocks;
    }

    // A divider outside a block starts a headless block when a REPLACE marker follows before the next SEARCH.
    private static int headlessBlockEnd(String[] lines, int divider) {
        for (int k = divider + 1; k < lines.length; k++) {
            if (SEARCH.matcher(lines[k]).matches()) {
                return -1;
            }
            if (REPLACE.matcher(lines[k]).matches()) {
                return k;
            }
        }
        return -1;
    }

    private static boolean onlyBlankOrFencesBetween(String[] lines, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (!lines[k].isBlank() && !FENCE.matcher(lines[k]).matches()) {
                return false;
            }
        }
        return true;
    }

    // A model sometimes fences the code inside each part; the fence lines are not code.
    private static List<String> unfence(List<String> part) {
        if (part.size() >= 2 && FENCE.matcher(part.get(0)).matches()
                && part.get(part.size() - 1).strip().matches("```|~~~")) {
            return part.subList(1, part.size() - 1);
        }
        return part;
    }

    private static String join(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
