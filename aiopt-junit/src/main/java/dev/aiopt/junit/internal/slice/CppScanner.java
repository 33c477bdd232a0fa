package dev.aiopt.junit.internal.slice;

/**
 * Marks which characters of C/C++ source are code, as opposed to comments, string and character literals
 * (including raw strings) and preprocessor lines, so that braces and names are only matched in code.
 */
final class CppScanner {
    private CppScanner() {
    }

    /** {@code code[i]} is true when character {@code i} of {@code source} is code. */
    static boolean[] codeMask(String source) {
        int n = source.length();
        boolean[] code = new boolean[n];
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = source.charAt(i);
            char next = i + 1 < n ? source.charAt(i + 1) : '\0';
            if (lineStart && c == '#') {
                i = skipPreprocessor(source, i);
                lineStart = true;
                continue;
            }
            if (c == '/' && next == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (c == 'R' && next == '"' && isRawStringStart(source, i)) {
                int open = source.indexOf('(', i + 2);
                if (open > 0) {
                    String delimiter = ")" + source.substring(i + 2, open) + "\"";
                    int end = source.indexOf(delimiter, open);
                    i = end < 0 ? n : end + delimiter.length();
                    continue;
                }
            }
            if (c == '"' || (c == '\'' && !isDigitSeparator(source, i))) {
                i = skipQuoted(source, i, c);
                continue;
            }
            code[i] = true;
            if (c == '\n') {
                lineStart = true;
            } else if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
            i++;
        }
        return code;
    }

    // R"( may carry an encoding prefix: LR"(, uR"(, UR"(, u8R"(.
    private static boolean isRawStringStart(String s, int r) {
        int start = r;
        if (r >= 2 && s.startsWith("u8", r - 2)) {
            start = r - 2;
        } else if (r >= 1 && "LuU".indexOf(s.charAt(r - 1)) >= 0) {
            start = r - 1;
        }
        return start == 0 || !Character.isJavaIdentifierPart(s.charAt(start - 1));
    }

    // 1'000'000 is a number with digit separators, not a character literal.
    private static boolean isDigitSeparator(String s, int i) {
        return i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                && Character.isLetterOrDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i - 1));
    }

    private static int skipQuoted(String s, int i, char quote) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote || c == '\n') {
                return j + 1;
            }
            j++;
        }
        return j;
    }

    private static int skipPreprocessor(String s, int i) {
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\' && j + 1 < s.length() && s.charAt(j + 1) == '\n') {
                j += 2;
                continue;
            }
            if (c == '\n') {
                return j + 1;
            }
            j++;
        }
        return j;
    }
}
