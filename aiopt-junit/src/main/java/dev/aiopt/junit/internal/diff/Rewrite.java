package dev.aiopt.junit.internal.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full-rewrite mode: the reply holds the whole new slice in a fenced code block (the last complete one counts). The rewrite must keep the
 * function's signature (its qualified name and opening parenthesis) and, if it quotes the EVOLVE-BLOCK markers,
 * both of them; otherwise it is rejected with the reason.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Rewrite {
    private static final Pattern OPEN = Pattern.compile("^\\s*```[\\w+#.-]*\\s*$");
    private static final Pattern CLOSE = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern SIGNATURE = Pattern.compile("([A-Za-z_][\\w:~]*)\\s*\\(");

    private Rewrite() {
    }

    /** The new slice from a full-rewrite reply to {@code slice}. */
    public static String apply(String slice, String reply) {
        String code = lastFencedBlock(reply.replace("\r\n", "\n").replace('\r', '\n'));
        if (code == null || code.isBlank()) {
            throw new DiffException("the reply holds no fenced code block; answer with the whole new code in one "
                    + "```cpp ... ``` block");
        }
        boolean start = code.contains("EVOLVE-BLOCK-START");
        boolean end = code.contains("EVOLVE-BLOCK-END");
        if (start != end) {
            throw new DiffException("the rewrite keeps the " + (start ? "EVOLVE-BLOCK-START" : "EVOLVE-BLOCK-END")
                    + " marker but drops the " + (start ? "EVOLVE-BLOCK-END" : "EVOLVE-BLOCK-START")
                    + " marker; keep both or neither");
        }
        if (start) {
            List<String> lines = code.lines().toList();
            int from = indexOf(lines, "EVOLVE-BLOCK-START");
            int to = indexOf(lines, "EVOLVE-BLOCK-END");
            if (to <= from) {
                throw new DiffException("the rewrite's EVOLVE-BLOCK-END marker comes before its START marker");
            }
            code = String.join("\n", lines.subList(from + 1, to)) + "\n";
        }
        for (String name : signatures(slice)) {
            if (!Pattern.compile(Pattern.quote(name) + "\\s*\\(").matcher(code).find()) {
                throw new DiffException("the rewrite drops the signature of " + name + "(...); keep the function's "
                        + "name, parameters and return type and change only its body");
            }
        }
        return code.endsWith("\n") ? code : code + "\n";
    }

    // The answer's last complete fenced block: earlier blocks are drafts or context. A block still open at the
    // end of the reply means the reply was cut off, and its complete predecessors are not the answer.
    private static String lastFencedBlock(String reply) {
        List<String> lines = List.of(reply.split("\n", -1));
        String last = null;
        int openedAt = -1;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (openedAt < 0) {
                if (OPEN.matcher(line).matches()) {
                    openedAt = i;
                    body.setLength(0);
                }
            } else if (CLOSE.matcher(line).matches()) {
                last = body.toString();
                openedAt = -1;
            } else {
                body.append(line).append('\n');
            }
        }
        if (openedAt >= 0 && !body.toString().isBlank()) {
            throw new DiffException("the reply ends inside the code block opened at reply line " + (openedAt + 1)
                    + " (no closing ``` line; was it cut off at the token limit?); answer with the whole new code in"
                    + " one complete ```cpp ... ``` block");
        }
        return last;
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    // The qualified names of functions defined at the slice's top level (a line starting at column 0).
    private static List<String> signatures(String slice) {
        return slice.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("//")
                        && !l.startsWith("#") && !l.startsWith("}"))
                .map(SIGNATURE::matcher).filter(Matcher::find).map(m -> m.group(1)).filter(n -> n.contains("::"))
                .distinct().toList();
    }
}
