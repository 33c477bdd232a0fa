package dev.aiopt.junit.internal.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a SEARCH part occurs in a list of lines: always whole lines. {@link #exact} compares lines as they are;
 * {@link #tolerant} ignores trailing whitespace, blank lines and a uniform shift of indentation (the indentation
 * of each line relative to the block's common indentation must still agree).
 *
 * @param from first matched line (0-based)
 * @param to one past the last matched line
 * @param searchIndent the common indentation of the SEARCH part's non-blank lines
 * @param sliceIndent the common indentation of the matched slice lines
 * @param tolerant whether the match ignored whitespace
 */
record BlockMatch(int from, int to, String searchIndent, String sliceIndent, boolean tolerant) {

    static List<BlockMatch> exact(List<String> text, List<String> search) {
        List<BlockMatch> found = new ArrayList<>();
        for (int i = 0; i + search.size() <= text.size(); i++) {
            if (text.subList(i, i + search.size()).equals(search)) {
                found.add(new BlockMatch(i, i + search.size(), "", "", false));
            }
        }
        return found;
    }

    static List<BlockMatch> tolerant(List<String> text, List<String> search) {
        List<String> wanted = search.stream().filter(l -> !l.isBlank()).toList();
        List<Integer> code = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            if (!text.get(i).isBlank()) {
                code.add(i);
            }
        }
        String searchIndent = commonIndent(wanted);
        List<BlockMatch> found = new ArrayList<>();
        if (wanted.isEmpty()) {
            return found;
        }
        for (int j = 0; j + wanted.size() <= code.size(); j++) {
            List<String> window = new ArrayList<>();
            for (int k = 0; k < wanted.size(); k++) {
                window.add(text.get(code.get(j + k)));
            }
            String sliceIndent = commonIndent(window);
            boolean same = true;
            for (int k = 0; k < wanted.size() && same; k++) {
                same = window.get(k).stripTrailing().substring(sliceIndent.length())
                        .equals(wanted.get(k).stripTrailing().substring(searchIndent.length()));
            }
            if (same) {
                found.add(new BlockMatch(code.get(j), code.get(j + wanted.size() - 1) + 1, searchIndent, sliceIndent,
                        true));
            }
        }
        return found;
    }

    /** The REPLACE lines moved from the SEARCH part's indentation to the slice's, trailing whitespace dropped. */
    List<String> reindent(List<String> replace) {
        List<String> out = new ArrayList<>();
        for (String line : trimBlankEdges(replace)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                out.add("");
            } else if (trimmed.startsWith(searchIndent)) {
                out.add(sliceIndent + trimmed.substring(searchIndent.length()));
            } else {
                out.add(sliceIndent + trimmed.stripLeading());
            }
        }
        return out;
    }

    static List<String> trimBlankEdges(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }

    static String indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return line.substring(0, n);
    }

    private static String commonIndent(List<String> lines) {
        String common = null;
        for (String line : lines) {
            String indent = indentOf(line);
            if (common == null) {
                common = indent;
            } else {
                int n = 0;
                while (n < common.length() && n < indent.length() && common.charAt(n) == indent.charAt(n)) {
                    n++;
                }
                common = common.substring(0, n);
            }
        }
        return common == null ? "" : common;
    }
}
