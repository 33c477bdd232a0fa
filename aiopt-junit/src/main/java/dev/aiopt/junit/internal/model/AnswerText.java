package dev.aiopt.junit.internal.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply's content split into its answer and the reasoning sections some servers leave in it
 * ({@code <think>…</think>} as DeepSeek-R1 and Qwen3 emit, {@code <thinking>}, {@code <reasoning>}). Drafts in
 * the reasoning are not the answer: only {@link #answer()} is parsed for edits.
 *
 * @param answer the content without reasoning sections, stripped
 * @param reasoning the reasoning sections' text, in order, empty when none
 * @param reasoningUnclosed whether a reasoning section was still open at the end (the reply was cut off in it)
 */
record AnswerText(String answer, String reasoning, boolean reasoningUnclosed) {
    private static final Pattern OPEN = Pattern.compile("(?im)^[ \\t]*<(think|thinking|reasoning)>");
    private static final Pattern LEADING_CLOSE = Pattern.compile("(?i)</(think|thinking|reasoning)>");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)[\\w+#.-]*\\s*$");
    private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9}\\s*SEARCH\\s*:?\\s*$");
    private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9}\\s*REPLACE\\s*$");

    public AnswerText {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(reasoning, "reasoning");
    }

    /** Splits {@code content} (as the endpoint returned it) into answer and reasoning. */
    public static AnswerText split(String content) {
        String rest = content.replace("\r\n", "\n");
        StringBuilder reasoning = new StringBuilder();
        // Chat templates that open the section in the prompt leave only its closing tag in the reply.
        Matcher close = LEADING_CLOSE.matcher(rest);
        Matcher open = OPEN.matcher(rest);
        if (close.find() && (!open.find() || open.start() > close.start())) {
            reasoning.append(rest, 0, close.start());
            rest = rest.substring(close.end());
        }
        StringBuilder answer = new StringBuilder();
        boolean unclosed = false;
        while (true) {
            Matcher section = OPEN.matcher(rest);
            if (!section.find()) {
                answer.append(rest);
                break;
            }
            answer.append(rest, 0, section.start());
            String tag = section.group(1).toLowerCase(Locale.ROOT);
            int end = rest.toLowerCase(Locale.ROOT).indexOf("</" + tag + ">", section.end());
            if (end < 0) {
                append(reasoning, rest.substring(section.end()));
                unclosed = true;
                break;
            }
            append(reasoning, rest.substring(section.end(), end));
            rest = rest.substring(end + tag.length() + 3);
        }
        return new AnswerText(answer.toString().strip(), reasoning.toString().strip(), unclosed);
    }

    /** Whether the answer ends inside a fenced code block or a SEARCH/REPLACE block, as a cut-off reply does. */
    public boolean endsInsideABlock() {
        boolean inFence = false;
        boolean inBlock = false;
        for (String line : answer.split("\n", -1)) {
            if (SEARCH.matcher(line).matches()) {
                inBlock = true;
            } else if (REPLACE.matcher(line).matches()) {
                inBlock = false;
            } else if (FENCE.matcher(line).matches()) {
                // Any fence line opens a fence; only a bare one closes it.
                inFence = !inFence || !line.strip().matches("```|~~~");
            }
        }
        return inFence || inBlock || reasoningUnclosed;
    }

    private static void append(StringBuilder reasoning, String section) {
        if (!reasoning.isEmpty()) {
            reasoning.append("\n\n");
        }
        reasoning.append(section.strip());
    }
}
