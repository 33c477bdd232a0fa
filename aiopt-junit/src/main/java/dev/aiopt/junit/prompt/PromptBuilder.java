package dev.aiopt.junit.prompt;

import dev.aiopt.junit.database.Program;
import dev.aiopt.junit.prompt.PromptConfig.Section;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the system and user message for one candidate: the current program with slice line numbers and its
 * metrics, what changed versus its own parent, earlier attempts and why they failed, top and inspiration
 * programs of its island, the artifacts of its evaluation and, on profiler tracks, the causal profile. The result
 * depends only on the inputs (same inputs, same prompt) and stays within {@link PromptConfig#maxChars()}: the
 * oldest attempts go first, then inspirations, top programs and artifacts, and the prompt says what was left out.
 */
public final class PromptBuilder {
    private static final String LIMIT_NOTE = "to fit the prompt size limit";

    private final PromptConfig config;
    private final PromptTemplates templates;

    public PromptBuilder(PromptConfig config, PromptTemplates templates) {
        this.config = Objects.requireNonNull(config, "config");
        this.templates = Objects.requireNonNull(templates, "templates");
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
        Prompt prompt = blocks.assemble(0, top, inspirations, true);
        if (fits(prompt)) {
            return prompt;
        }
        if (attempts > 0) {
            if (fits(blocks.assemble(attempts, top, inspirations, true))) {
                int low = 1;
                int high = attempts; // fits
                while (low < high) {
                    int middle = (low + high) >>> 1;
                    if (fits(blocks.assemble(middle, top, inspirations, true))) {
                        high = middle;
                    } else {
                        low = middle + 1;
                    }
                }
                return blocks.assemble(high, top, inspirations, true);
            }
        }
        for (int kept = inspirations - 1; kept >= 0; kept--) {
            prompt = blocks.assemble(attempts, top, kept, true);
            if (fits(prompt)) {
                return prompt;
            }
        }
        for (int kept = top - 1; kept >= 0; kept--) {
            prompt = blocks.assemble(attempts, kept, 0, true);
            if (fits(prompt)) {
                return prompt;
            }
        }
        prompt = blocks.assemble(attempts, 0, 0, false);
        if (fits(prompt)) {
            return prompt;
        }
        throw new IllegalArgumentException("the prompt for program " + input.current().id() + " needs " + prompt.length()
                + " characters with only the task and the current program, more than maxChars = " + config.maxChars()
                + "; raise the prompt size limit or shorten the slice");
    }

    private boolean fits(Prompt prompt) {
        return prompt.length() <= config.maxChars();
    }

    /** The sections rendered once per build; assembling only joins them. */
    private final class Blocks {
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
                StringBuilder out = new StringBuilder("## Artifacts of the current program's evaluation\n\n");
                input.artifacts().forEach((name, text) -> out.append("### ").append(name).append("\n\n")
                        .append(fenced("", truncate(text, config.maxArtifactChars()))).append('\n'));
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

        Prompt assemble(int droppedAttempts, int keptTop, int keptInspirations, boolean withArtifacts) {
            Map<String, String> values = new HashMap<>(fixed);
            if (!attempts.isEmpty()) {
                StringBuilder out = new StringBuilder("## Previous attempts on this program (oldest first)\n\n");
                if (droppedAttempts > 0) {
                    out.append("(").append(droppedAttempts).append(droppedAttempts == 1 ? " older attempt" : " older attempts")
                            .append(" omitted ").append(LIMIT_NOTE).append(".)\n\n");
                }
                attempts.subList(droppedAttempts, attempts.size()).forEach(out::append);
                values.put("attempts", out.toString());
            }
            values.put("top_programs", listings("## Top programs of this island", top, keptTop));
            values.put("inspirations", listings("## Inspirations: other diverse programs of this island", inspirations,
                    keptInspirations));
            if (!artifacts.isEmpty()) {
                values.put("artifacts", withArtifacts ? artifacts
                        : "## Artifacts of the current program's evaluation\n\n(omitted " + LIMIT_NOTE + ".)\n\n");
            }
            return new Prompt(templates.system(config.mode()).render(values), templates.user().render(values));
        }

        private String listings(String heading, List<String> blocks, int kept) {
            if (blocks.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder(heading).append("\n\n");
            blocks.subList(0, kept).forEach(out::append);
            int omitted = blocks.size() - kept;
            if (omitted > 0) {
                out.append("(").append(omitted).append(omitted == 1 ? " program" : " programs").append(" omitted ")
                        .append(LIMIT_NOTE).append(".)\n\n");
            }
            return out.toString();
        }
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
        return out.append('\n').append(fenced(config.language(), numbered(program.code()))).append('\n').toString();
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
            if (before == null || after == null) {
                unchanged.add(name + ": " + (before == null ? "new, " + number(after) : "no longer reported (was " + number(before) + ")"));
                continue;
            }
            String line = name + ": " + number(before) + " -> " + number(after) + change(before, after)
                    + (config.lowerIsBetter().contains(name) ? ", lower is better" : "") + ")";
            int direction = Double.compare(after, before) * (config.lowerIsBetter().contains(name) ? -1 : 1);
            (direction > 0 ? improved : direction < 0 ? declined : unchanged).add(direction == 0 ? name + ": " + number(after) : line);
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
            out.append(fenced("", truncate(attempt.detail().strip(), config.maxArtifactChars())));
        }
        if (!attempt.diff().isBlank()) {
            out.append("Change:\n").append(fenced("", truncate(attempt.diff().strip(), config.maxArtifactChars())));
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
        return out.append('\n').append(fenced(config.language(), numbered(program.code()))).append('\n').toString();
    }

    /** The code with a right-aligned line number and {@code "| "} before each line, as in {@code "  12| x++;"}. */
    static String numbered(String code) {
        List<String> lines = code.lines().toList();
        int width = Math.max(4, Integer.toString(lines.size()).length());
        StringBuilder out = new StringBuilder(code.length() + lines.size() * (width + 3));
        for (int i = 0; i < lines.size(); i++) {
            String number = Integer.toString(i + 1);
            out.append(" ".repeat(width - number.length())).append(number).append("| ").append(lines.get(i)).append('\n');
        }
        return out.toString();
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

    private static String fenced(String language, String content) {
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(Math.max(3, longestRun + 1));
        return fence + language + "\n" + content + (content.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /** Up to six significant digits, no exponent, no locale: the same text on every machine. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
