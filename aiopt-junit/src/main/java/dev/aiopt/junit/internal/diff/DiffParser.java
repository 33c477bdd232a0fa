package dev.aiopt.junit.internal.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads SEARCH/REPLACE blocks out of a model reply, wherever they stand (fenced or not). */
public final class DiffParser {
    private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9}\\s*SEARCH\\s*$");
    private static final Pattern DIVIDER = Pattern.compile("^\\s*={5,9}\\s*$");
    private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9}\\s*REPLACE\\s*$");

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
        int i = 0;
        while (i < lines.length) {
            if (!SEARCH.matcher(lines[i]).matches()) {
                if (DIVIDER.matcher(lines[i]).matches() || REPLACE.matcher(lines[i]).matches()) {
                    throw new DiffException("malformed diff: reply line " + (i + 1) + " '" + lines[i].strip()
                            + "' stands outside a block; every block is '<<<<<<< SEARCH', the exact old lines, "
                            + "'=======', the new lines, '>>>>>>> REPLACE'");
                }
                i++;
                continue;
            }
            int start = i;
            StringBuilder search = new StringBuilder();
            i++;
            while (i < lines.length && !DIVIDER.matcher(lines[i]).matches()) {
                if (SEARCH.matcher(lines[i]).matches() || REPLACE.matcher(lines[i]).matches()) {
                    throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                            + " has no '=======' line before line " + (i + 1));
                }
                search.append(lines[i]).append('\n');
                i++;
            }
            if (i == lines.length) {
                throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                        + " has no '=======' line");
            }
            StringBuilder replace = new StringBuilder();
            i++;
            while (i < lines.length && !REPLACE.matcher(lines[i]).matches()) {
                if (SEARCH.matcher(lines[i]).matches() || DIVIDER.matcher(lines[i]).matches()) {
                    throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                            + " has no '>>>>>>> REPLACE' line before line " + (i + 1));
                }
                replace.append(lines[i]).append('\n');
                i++;
            }
            if (i == lines.length) {
                throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                        + " has no '>>>>>>> REPLACE' line");
            }
            i++;
            if (search.toString().isBlank()) {
                throw new DiffException("malformed diff: the block at reply line " + (start + 1)
                        + " has an empty SEARCH part; quote the exact lines to replace");
            }
            blocks.add(new SearchReplace(search.toString(), replace.toString(), start + 1));
        }
        if (blocks.isEmpty()) {
            throw new DiffException("the reply holds no SEARCH/REPLACE block; answer with one or more blocks "
                    + "'<<<<<<< SEARCH' / exact old lines / '=======' / new lines / '>>>>>>> REPLACE'");
        }
        return blocks;
    }
}
