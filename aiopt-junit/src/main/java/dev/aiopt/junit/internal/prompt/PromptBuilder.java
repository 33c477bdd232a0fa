package dev.aiopt.junit.internal.prompt;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.prompt.PromptConfig.Section;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Builds the system and user message for one candidate: the current program with slice line numbers and its
 * metrics, what changed versus its own parent, earlier attempts and why they failed, top and inspiration
 * programs of its island, the artifacts of its evaluation and, on profiler tracks, the causal profile. The result
 * depends only on the inputs (same inputs, same prompt) and stays within {@link PromptConfig#maxChars()}: the
 * oldest attempts go first, then inspirations, top programs and artifacts, and the prompt says what was left out.
 * Safe to share between threads.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class PromptBuilder {
    private static final String LIMIT_NOTE = "to fit the prompt size limit";

    private static final int CACHED_LISTINGS = 64;

    private final PromptConfig config;
    private final PromptTemplates templates;
    // the same parents and top programs come back candidate after candidate; numbering a 600-line slice is the
    // largest cost of a prompt, so keep the latest listings (by code hash: the listing depends only on the code)
    private final Map<String, String> listings = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED_LISTINGS;
        }
    });

    public PromptBuilder(PromptConfig config, PromptTemplates templates) {
        this.config = Objects.requireNonNull(config, "config");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /** The bound on a prompt's characters (system and user message together). */
    public int maxChars() {
        return config.maxChars();
    }

    /** A builder with the templates that ship with aiopt-junit. */
    public PromptBuilder(PromptConfig config) {
        this(config, PromptTemplates.defaults());
    }

    /**
     * @throws IllegalArgumentException if even the task and the current program alone exceed
     *     {@link PromptConfig#maxChars()}
     */
    public Prompt build(PromptInput input) {
        Objects.requireNonNull(input, "input");
        Blocks blocks = new Blocks(input);
        int attempts = blocks.attempts.size();
        int top = blocks.top.size();
        int inspirations = blocks.inspirations.size();
        // lengths are computed without rendering; only the chosen layout is rendered
        if (blocks.fits(0, top, inspirations, true)) {
            return blocks.render(0, top, inspirations, true);
        }
        if (attempts > 0 && blocks.fits(attempts, top, inspirations, true)) {
            int low = 1;
            int high = attempts; // fits
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (blocks.fits(middle, top, inspirations, true)) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return blocks.render(high, top, inspirations, true);
        }
        for (int kept = inspirations - 1; kept >= 0; kept--) {
            if (blocks.fits(attempts, top, kept, true)) {
                return blocks.render(attempts, top, kept, true);
            }
        }
        for (int kept = top - 1; kept >= 0; kept--) {
            if (blocks.fits(attempts, kept, 0, true)) {
                return blocks.render(attempts, kept, 0, true);
            }
        }
        if (blocks.fits(attempts, 0, 0, false)) {
            return blocks.render(attempts, 0, 0, false);
        }
        throw new IllegalArgumentException("the prompt for program " + input.current().id() + " needs "
                + blocks.length(attempts, 0, 0, false) + " characters with only the task and the current program, more than"
                + " maxChars = " + config.maxChars() + "; raise the prompt size limit or shorten the slice");
    }

    /** The sections rendered once per build; a layout (what to leave out) only joins them. */
    private final class Blocks {
        private static final String ATTEMPTS_HEADING = "## Previous attempts on this program (oldest first)\n\n";
        private static final String TOP_HEADING = "## Top programs of this island\n\n";
        private static final String INSPIRATIONS_HEADING = "## Inspirations: other diverse programs of this island\n\n";
        private static final String ARTIFACTS_HEADING = "## Artifacts of the current program's evaluation\n\n";
        private static final String ARTIFACTS_OMITTED = ARTIFACTS_HEADING + "(omitted " + LIMIT_NOTE + ".)\n\n";

        final Map<String, String> fixed = new HashMap<>();
        final List<String> attempts = new ArrayList<>();
        final List<String> top = new ArrayList<>();
        final List<String> inspirations = new ArrayList<>();
        String artifacts = "";

        Blocks(PromptInput input) {
            Program current = input.current();
            fixed.put("language", config.language());
            fixed.put("task", input.task().strip() + "\n\n");
            fixed.put("current_program", currentProgram(current));
            if (enabled(Section.FOCUS) && input.currentParent() != null) {
                fixed.put("focus", focus(current, input.currentParent()));
            }
            if (enabled(Section.CAUSAL_PROFILE) && input.causalProfile() != null && !input.causalProfile().isBlank()) {
                fixed.put("causal_profile", "## Causal profile of the current program (line numbers refer to its listing)\n\n"
                        + input.causalProfile().strip() + "\n\n");
            }
            if (enabled(Section.ARTIFACTS) && !input.artifacts().isEmpty()) {
                StringBuilder out = new StringBuilder(ARTIFACTS_HEADING);
                input.artifacts().forEach((name, text) -> {
                    out.append("### ").append(name).append("\n\n");
                    appendFenced(out, "", truncate(text, config.maxArtifactChars()), false);
                    out.append('\n');
                });
                artifacts = out.toString();
            }
            if (enabled(Section.ATTEMPTS)) {
                for (Attempt attempt : input.attempts()) {
                    attempts.add(attempt(attempt));
                }
            }
            Set<String> shownCode = new HashSet<>();
            shownCode.add(current.codeSha256());
            if (enabled(Section.TOP_PROGRAMS)) {
                for (Program program : input.topPrograms()) {
                    if (shownCode.add(program.codeSha256())) {
                        top.add(listing(program));
                    }
                }
            }
            if (enabled(Section.INSPIRATIONS)) {
                for (Program program : input.inspirations()) {
                    if (shownCode.add(program.codeSha256())) {
                        inspirations.add(listing(program));
                    }
                }
            }
        }

        boolean fits(int droppedAttempts, int keptTop, int keptInspirations, boolean withArtifacts) {
            return length(droppedAttempts, keptTop, keptInspirations, withArtifacts) <= config.maxChars();
        }

        int length(int droppedAttempts, int keptTop, int keptInspirations, boolean withArtifacts) {
            ToIntFunction<String> length = name -> switch (name) {
                case "attempts" -> attempts.isEmpty() ? 0 : ATTEMPTS_HEADING.length()
                        + attemptsNote(droppedAttempts).length() + sumOfLengths(attempts, droppedAttempts, attempts.size());
                case "top_programs" -> top.isEmpty() ? 0
                        : TOP_HEADING.length() + sumOfLengths(top, 0, keptTop) + omittedNote(top.size() - keptTop).length();
                case "inspirations" -> inspirations.isEmpty() ? 0 : INSPIRATIONS_HEADING.length()
                        + sumOfLengths(inspirations, 0, keptInspirations) + omittedNote(inspirations.size() - keptInspirations).length();
                case "artifacts" -> artifacts.isEmpty() ? 0 : withArtifacts ? artifacts.length() : ARTIFACTS_OMITTED.length();
                default -> fixed.getOrDefault(name, "").length();
            };
            return templates.system(config.mode()).length(length) + templates.user().length(length);
        }

        Prompt render(int droppedAttempts, int keptTop, int keptInspirations, boolean withArtifacts) {
            Map<String, String> values = new HashMap<>(fixed);
            if (!attempts.isEmpty()) {
                StringBuilder out = new StringBuilder(ATTEMPTS_HEADING).append(attemptsNote(droppedAttempts));
                attempts.subList(droppedAttempts, attempts.size()).forEach(out::append);
                values.put("attempts", out.toString());
            }
            if (!top.isEmpty()) {
                values.put("top_programs", listings(TOP_HEADING, top, keptTop));
            }
            if (!inspirations.isEmpty()) {
                values.put("inspirations", listings(INSPIRATIONS_HEADING, inspirations, keptInspirations));
            }
            if (!artifacts.isEmpty()) {
                values.put("artifacts", withArtifacts ? artifacts : ARTIFACTS_OMITTED);
            }
            List<String> leftOut = new ArrayList<>();
            if (droppedAttempts > 0) {
                leftOut.add(count(droppedAttempts, "older attempt"));
            }
            if (inspirations.size() > keptInspirations) {
                leftOut.add(count(inspirations.size() - keptInspirations, "inspiration"));
            }
            if (top.size() > keptTop) {
                leftOut.add(count(top.size() - keptTop, "top program"));
            }
            if (!artifacts.isEmpty() && !withArtifacts) {
                leftOut.add("the evaluation artifacts");
            }
            return new Prompt(templates.system(config.mode()).render(values), templates.user().render(values),
                    leftOut);
        }

        private String listings(String heading, List<String> blocks, int kept) {
            StringBuilder out = new StringBuilder(heading);
            blocks.subList(0, kept).forEach(out::append);
            return out.append(omittedNote(blocks.size() - kept)).toString();
        }
    }

    private static int sumOfLengths(List<String> blocks, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += blocks.get(i).length();
        }
        return sum;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String attemptsNote(int dropped) {
        return dropped == 0 ? "" : "(" + dropped + (dropped == 1 ? " older attempt" : " older attempts") + " omitted "
                + LIMIT_NOTE + ".)\n\n";
    }

    private static String omittedNote(int omitted) {
        return omitted == 0 ? "" : "(" + omitted + (omitted == 1 ? " program" : " programs") + " omitted " + LIMIT_NOTE + ".)\n\n";
    }

    private boolean enabled(Section section) {
        return config.sections().contains(section);
    }

    private String currentProgram(Program program) {
        StringBuilder out = new StringBuilder("## Current program\n\n");
        out.append("Id: ").append(program.id()).append(" (generation ").append(program.generation()).append(")\n");
        out.append("Fitness: ").append(number(program.fitness())).append('\n');
        if (!program.metrics().isEmpty()) {
            out.append("Metrics:\n");
            program.metrics().forEach((name, value) -> out.append("- ").append(name).append(": ").append(number(value))
                    .append(config.lowerIsBetter().contains(name) ? " (lower is better)\n" : "\n"));
        }
        out.append('\n').append(numberedListing(program));
        return out.append('\n').toString();
    }

    private String focus(Program current, Program parent) {
        List<String> improved = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> names = new TreeSet<>(current.metrics().keySet());
        names.addAll(parent.metrics().keySet());
        for (String name : names) {
            Double before = parent.metrics().get(name);
            Double after = current.metrics().get(name);
            boolean lowerIsBetter = config.lowerIsBetter().contains(name);
            if (before == null) {
                unchanged.add(name + ": new, " + number(after));
            } else if (after == null) {
                unchanged.add(name + ": no longer reported (was " + number(before) + ")");
            } else if (after.equals(before)) {
                unchanged.add(name + ": " + number(after));
            } else {
                boolean better = lowerIsBetter ? after < before : after > before;
                (better ? improved : declined).add(name + ": " + number(before) + " -> " + number(after)
                        + change(before, after) + (lowerIsBetter ? ", lower is better)" : ")"));
            }
        }
        StringBuilder out = new StringBuilder("## Focus: the current program versus its parent ").append(parent.id()).append("\n\n");
        out.append("Fitness: ").append(number(parent.fitness())).append(" -> ").append(number(current.fitness()))
                .append(change(parent.fitness(), current.fitness())).append(")\n");
        appendList(out, "Improved", improved);
        appendList(out, "Declined", declined);
        appendList(out, "Unchanged", unchanged);
        return out.append('\n').toString();
    }

    private static void appendList(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append(title).append(":\n");
            lines.forEach(line -> out.append("- ").append(line).append('\n'));
        }
    }

    private static String change(double before, double after) {
        if (before == 0) {
            return " (" + (after >= 0 ? "+" : "") + number(after - before);
        }
        return String.format(Locale.ROOT, " (%+.1f%%", (after - before) / Math.abs(before) * 100);
    }

    private String attempt(Attempt attempt) {
        StringBuilder out = new StringBuilder("### Attempt ").append(attempt.id()).append(": ")
                .append(attempt.outcome().description()).append("\n\n");
        if (!attempt.detail().isBlank()) {
            appendFenced(out, "", truncate(attempt.detail().strip(), config.maxArtifactChars()), false);
        }
        if (!attempt.diff().isBlank()) {
            appendFenced(out.append("Change:\n"), "", truncate(attempt.diff().strip(), config.maxArtifactChars()), false);
        }
        return out.append('\n').toString();
    }

    private String listing(Program program) {
        StringBuilder out = new StringBuilder("### Program ").append(program.id()).append(" (fitness ")
                .append(number(program.fitness())).append(")\n");
        if (!program.metrics().isEmpty()) {
            StringBuilder metrics = new StringBuilder();
            program.metrics().forEach((name, value) -> metrics.append(metrics.isEmpty() ? "" : ", ")
                    .append(name).append('=').append(number(value)));
            out.append("Metrics: ").append(metrics).append('\n');
        }
        out.append('\n').append(numberedListing(program));
        return out.append('\n').toString();
    }

    private String numberedListing(Program program) {
        return listings.computeIfAbsent(program.codeSha256(), sha -> {
            StringBuilder out = new StringBuilder();
            appendFenced(out, config.language(), program.code(), true);
            return out.toString();
        });
    }

    /** The code with a right-aligned line number and {@code "| "} before each line, as in {@code "  12| x++;"}. */
    static String numbered(String code) {
        StringBuilder out = new StringBuilder();
        appendNumbered(out, code);
        return out.toString();
    }

    private static void appendNumbered(StringBuilder out, String code) {
        int lineCount = 0;
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                lineCount++;
            }
        }
        if (!code.isEmpty() && code.charAt(code.length() - 1) != '\n') {
            lineCount++;
        }
        int width = Math.max(4, Integer.toString(lineCount).length());
        out.ensureCapacity(out.length() + code.length() + lineCount * (width + 3));
        int start = 0;
        for (int line = 1; start < code.length(); line++) {
            int end = code.indexOf('\n', start);
            int next = end < 0 ? code.length() : end + 1;
            if (end < 0) {
                end = code.length();
            } else if (end > start && code.charAt(end - 1) == '\r') {
                end--;
            }
            String number = Integer.toString(line);
            for (int pad = number.length(); pad < width; pad++) {
                out.append(' ');
            }
            out.append(number).append("| ").append(code, start, end).append('\n');
            start = next;
        }
    }

    /**
     * {@code text} if it is at most {@code max} characters, otherwise its head and tail (cut at line ends where
     * possible) around a line saying how many characters were left out.
     */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int headLength = max * 2 / 3;
        int tailLength = max - headLength - 60;
        int headEnd = text.lastIndexOf('\n', headLength - 1) + 1;
        if (headEnd < headLength / 2) {
            headEnd = headLength;
        }
        int tailStart = text.indexOf('\n', text.length() - tailLength) + 1;
        if (tailStart <= 0 || tailStart > text.length() - tailLength / 2) {
            tailStart = text.length() - tailLength;
        }
        String head = text.substring(0, headEnd);
        String tail = text.substring(tailStart);
        return head + (head.endsWith("\n") ? "" : "\n") + "[... " + (tailStart - headEnd) + " characters omitted ...]\n" + tail;
    }

    /** Appends {@code content} (line-numbered if asked) in a fence longer than any backtick run inside it. */
    private static void appendFenced(StringBuilder out, String language, String content, boolean numbered) {
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(Math.max(3, longestRun + 1));
        out.append(fence).append(language).append('\n');
        if (numbered) {
            appendNumbered(out, content);
        } else {
            out.append(content);
            if (!content.endsWith("\n")) {
                out.append('\n');
            }
        }
        out.append(fence).append('\n');
    }

    /** Up to six significant digits, no exponent, no locale: the same text on every machine. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
