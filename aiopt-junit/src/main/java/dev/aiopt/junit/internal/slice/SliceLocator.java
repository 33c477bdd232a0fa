package dev.aiopt.junit.internal.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the slice in a source file: by line range, by function name (robust to comments, strings and nested
 * braces), or by {@code EVOLVE-BLOCK-START} / {@code EVOLVE-BLOCK-END} markers (the slice is the lines between
 * them). A line range is checked against what it cuts: it must hold whole brace-balanced code, and when a
 * function is named too, exactly that function.
 *
 * <p>Public because it is used by {@code offline}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class SliceLocator {
    static final String START_MARKER = "EVOLVE-BLOCK-START";
    static final String END_MARKER = "EVOLVE-BLOCK-END";
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");

    private SliceLocator() {
    }

    /**
     * Locates the slice.
     *
     * @param file the file's name relative to the tree, for messages
     * @param source the file's content
     * @throws SliceException with what was found, when the spec does not fit the file
     */
    public static Slice locate(String file, String source, SliceSpec spec) {
        List<String> lines = List.of(source.replace("\r\n", "\n").split("\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        if (spec.byMarkers()) {
            return byMarkers(file, lines);
        }
        if (!spec.function().isEmpty()) {
            int[] range = spec.lines().isEmpty() ? null : parseRange(file, spec.lines(), lines.size());
            int[] span = functionSpan(file, String.join("\n", lines) + "\n", spec.function(), range);
            if (range != null) {
                if (range[0] != span[0] || range[1] != span[1]) {
                    throw new SliceException("lines = \"" + spec.lines() + "\" do not cover function " + spec.function()
                            + " in " + file + ": it spans lines " + span[0] + "-" + span[1]
                            + " (the tree's version differs from the one the range was written for);"
                            + " use lines = \"" + span[0] + "-" + span[1] + "\" or drop lines and keep function");
                }
            }
            return new Slice(file, lines, span[0], span[1], "function " + spec.function());
        }
        int[] range = parseRange(file, spec.lines(), lines.size());
        checkBalanced(file, lines, range[0], range[1]);
        return new Slice(file, lines, range[0], range[1], "lines " + range[0] + "-" + range[1]);
    }

    private static Slice byMarkers(String file, List<String> lines) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(START_MARKER)) {
                starts.add(i + 1);
            }
            if (lines.get(i).contains(END_MARKER)) {
                ends.add(i + 1);
            }
        }
        if (starts.size() != 1 || ends.size() != 1) {
            throw new SliceException(file + " must hold exactly one '// " + START_MARKER + "' and one '// "
                    + END_MARKER + "' line, found " + starts.size() + " start and " + ends.size()
                    + " end markers " + describeLines(starts, ends)
                    + "; add the markers, or set @EvolveBlock(function = \"Class::Method\") or lines = \"a-b\"");
        }
        int first = starts.get(0) + 1;
        int last = ends.get(0) - 1;
        if (last < first) {
            throw new SliceException(file + ": the " + END_MARKER + " marker (line " + ends.get(0)
                    + ") must come after the " + START_MARKER + " marker (line " + starts.get(0) + ") with code between");
        }
        return new Slice(file, lines, first, last, "markers at lines " + starts.get(0) + " and " + ends.get(0));
    }

    private static String describeLines(List<Integer> starts, List<Integer> ends) {
        return starts.isEmpty() && ends.isEmpty() ? "" : "(start at " + starts + ", end at " + ends + ")";
    }

    private static int[] parseRange(String file, String text, int lineCount) {
        Matcher m = RANGE.matcher(text.trim());
        if (!m.matches()) {
            throw new SliceException("lines = \"" + text + "\" is not a range; write it as \"first-last\", e.g. \"370-971\"");
        }
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        if (first < 1 || last < first) {
            throw new SliceException("lines = \"" + text + "\": the first line must be >= 1 and <= the last line");
        }
        if (last > lineCount) {
            throw new SliceException("lines = \"" + text + "\" end past the end of " + file + ", which has "
                    + lineCount + " lines; the tree's version differs: use function = \"Class::Method\" or markers");
        }
        return new int[] {first, last};
    }

    private static void checkBalanced(String file, List<String> lines, int first, int last) {
        String text = String.join("\n", lines.subList(first - 1, last)) + "\n";
        boolean[] code = CppScanner.codeMask(text);
        int depth = 0;
        int line = first;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (!code[i]) {
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth < 0) {
                    throw new SliceException("lines = \"" + first + "-" + last + "\" cut into a block of " + file
                            + ": line " + line + " closes a brace opened before line " + first
                            + "; pick a range that holds whole functions, or use function = \"Class::Method\"");
                }
            }
        }
        if (depth != 0) {
            throw new SliceException("lines = \"" + first + "-" + last + "\" cut into a block of " + file + ": "
                    + depth + " brace(s) opened in the range are not closed by line " + last
                    + " (the range ends inside a function); use function = \"Class::Method\" or markers");
        }
    }

    /**
     * Returns {first, last} lines of the definition of {@code function} (e.g. {@code DBImpl::WriteImpl}),
     * from the line where its declaration starts (return type) to its closing brace. An overloaded name is
     * resolved by {@code range} (null when not given), which must then span one definition exactly.
     */
    static int[] functionSpan(String file, String source, String function, int[] range) {
        boolean[] code = CppScanner.codeMask(source);
        Matcher m = namePattern(function).matcher(source);
        List<int[]> definitions = new ArrayList<>();
        int declarations = 0;
        int calls = 0;
        while (m.find()) {
            if (!code[m.start()]) {
                continue;
            }
            int open = m.end() - 1;
            int close = matching(source, code, open, '(', ')');
            if (close < 0) {
                continue;
            }
            if (followsExpression(source, code, m.start())) {
                calls++;
                continue;
            }
            int body = bodyBrace(source, code, close);
            if (body == CALL) {
                calls++;
                continue;
            }
            if (body < 0) {
                declarations++;
                continue;
            }
            int end = matching(source, code, body, '{', '}');
            if (end < 0) {
                throw new SliceException("function " + function + " in " + file + " starting at line "
                        + lineOf(source, m.start()) + " has no closing brace");
            }
            definitions.add(new int[] {lineOf(source, declarationStart(source, code, m.start())), lineOf(source, end)});
        }
        if (definitions.isEmpty()) {
            String found = (declarations > 0 ? declarations + " declaration(s)" : "")
                    + (declarations > 0 && calls > 0 ? " and " : "") + (calls > 0 ? calls + " call(s)" : "");
            throw new SliceException("no definition of " + function + " in " + file
                    + (found.isEmpty() ? "" : " (found " + found + " only)")
                    + "; check the name (Class::Method) and @EvolveBlock(file)");
        }
        if (definitions.size() > 1 && range != null) {
            for (int[] d : definitions) {
                if (d[0] == range[0] && d[1] == range[1]) {
                    return d;
                }
            }
        }
        if (definitions.size() > 1) {
            StringBuilder spans = new StringBuilder();
            for (int[] d : definitions) {
                spans.append(' ').append(d[0]).append('-').append(d[1]);
            }
            throw new SliceException(function + " is defined " + definitions.size() + " times in " + file
                    + " (lines" + spans + "); pick one with lines = \"a-b\" together with function");
        }
        return definitions.get(0);
    }

    private static final int DECLARATION = -1;
    private static final int CALL = -2;
    private static final Set<String> EXPRESSION_KEYWORDS = Set.of("return", "co_return", "co_await", "co_yield",
            "throw", "new", "delete", "case", "else", "do", "sizeof", "decltype", "typeid", "not", "and", "or");

    // "Class::Method(" with optional template arguments after each part: Queue<T>::Push(, Get<int>(.
    private static Pattern namePattern(String function) {
        String templateArgs = "(?:\\s*<[^;{}()]*>)?";
        StringBuilder regex = new StringBuilder("(?<![A-Za-z0-9_:])");
        String[] parts = function.split("::", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : "\\s*::\\s*").append(Pattern.quote(parts[i])).append(templateArgs);
        }
        return Pattern.compile(regex.append("\\s*\\(").toString());
    }

    // A name preceded by an operator, an opening parenthesis, a comma, a single ':' (range-for, ternary) or a
    // keyword such as return is called, not defined: a definition follows a type, a ';', a brace or nothing.
    private static boolean followsExpression(String s, boolean[] code, int nameStart) {
        int i = nameStart - 1;
        while (i >= 0 && (!code[i] || Character.isWhitespace(s.charAt(i)))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = s.charAt(i);
        if (Character.isJavaIdentifierPart(c)) {
            int start = i;
            while (start > 0 && Character.isJavaIdentifierPart(s.charAt(start - 1))) {
                start--;
            }
            return EXPRESSION_KEYWORDS.contains(s.substring(start, i + 1));
        }
        if (c == '>') {
            return i > 0 && s.charAt(i - 1) == '-';
        }
        return !(c == ';' || c == '{' || c == '}' || c == '*' || c == '&' || c == ']');
    }

    // After a parameter list: the body's '{' (skipping qualifiers, a trailing return type and member
    // initializers), DECLARATION at a ';', or CALL when what follows can only continue an expression, as in
    // "if (!DB::Open(o).ok()) {" or "for (auto& w : Writers(x)) {".
    private static int bodyBrace(String source, boolean[] code, int close) {
        boolean initializers = false;
        for (int i = close + 1; i < source.length(); i++) {
            if (!code[i]) {
                continue;
            }
            char c = source.charAt(i);
            if (c == ';') {
                return DECLARATION;
            }
            if (c == ')' || c == '.' || c == '?' || c == '!' || c == '|' || c == '+' || c == '/' || c == '%'
                    || c == '^' || (c == ',' && !initializers)) {
                return CALL;
            }
            if (c == ':' && source.charAt(i - 1) != ':' && (i + 1 == source.length() || source.charAt(i + 1) != ':')) {
                initializers = true;
            }
            if (c == '{' && initializers && isBraceInitializer(source, code, i)) {
                // a member initializer like b_{2}: skip the group
                int end = matching(source, code, i, '{', '}');
                if (end < 0) {
                    return DECLARATION;
                }
                i = end;
                continue;
            }
            if (c == '{') {
                return i;
            }
            if (c == '(') {
                // member initializers like : a_(x) or noexcept(...): skip the group
                int end = matching(source, code, i, '(', ')');
                if (end < 0) {
                    return DECLARATION;
                }
                i = end;
            }
        }
        return DECLARATION;
    }

    // In a constructor's initializer list, a brace after a name ("b_{2}", "Base<T>{}") initializes a member;
    // the body's brace follows ')' or '}' instead.
    private static boolean isBraceInitializer(String s, boolean[] code, int brace) {
        for (int i = brace - 1; i >= 0; i--) {
            if (!code[i] || Character.isWhitespace(s.charAt(i))) {
                continue;
            }
            char c = s.charAt(i);
            return Character.isJavaIdentifierPart(c) || c == '>';
        }
        return false;
    }

    private static int matching(String s, boolean[] code, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (!code[i]) {
                continue;
            }
            char c = s.charAt(i);
            if (c == opening) {
                depth++;
            } else if (c == closing) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    // Walks back from the function name to the start of its declaration: just after the previous
    // ';', '{' or '}' in code, or a preprocessor line, skipping comments and blank lines.
    private static int declarationStart(String s, boolean[] code, int nameStart) {
        int i = nameStart - 1;
        while (i >= 0) {
            char c = s.charAt(i);
            if (code[i] && (c == ';' || c == '{' || c == '}')) {
                break;
            }
            if (!code[i] && c != '\n' && isPreprocessorOrLineComment(s, i)) {
                break;
            }
            i--;
        }
        int j = i + 1;
        while (j < nameStart && (Character.isWhitespace(s.charAt(j)) || !code[j])) {
            j++;
        }
        return j;
    }

    private static boolean isPreprocessorOrLineComment(String s, int i) {
        int lineStart = s.lastIndexOf('\n', i) + 1;
        String line = s.substring(lineStart, Math.min(s.length(), i + 1)).stripLeading();
        return line.startsWith("#") || line.startsWith("//") || line.startsWith("/*") || line.startsWith("*");
    }

    private static int lineOf(String s, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
