package dev.aiopt.junit.internal.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} placeholders, parsed once. A placeholder alone on its line takes the line's newline
 * with it, so that an empty section leaves no blank line behind; sections bring their own spacing (they end with a
 * blank line). Rendering is plain concatenation, so the length of a rendering is known without rendering.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]*)}}");

    private final String name;
    private final List<String> literals = new ArrayList<>();
    private final List<String> placeholders = new ArrayList<>();

    private Template(String name) {
        this.name = name;
    }

    /** @throws IllegalArgumentException naming the file and the placeholder if it uses an unknown one */
    static Template parse(String name, String text, Set<String> known) {
        Template template = new Template(name);
        String normalized = text.replace("\r\n", "\n");
        Matcher matcher = PLACEHOLDER.matcher(normalized);
        int position = 0;
        while (matcher.find()) {
            String placeholder = matcher.group(1);
            if (!known.contains(placeholder)) {
                throw new IllegalArgumentException("prompt template " + name + " uses unknown placeholder {{"
                        + placeholder + "}}; known placeholders: " + known.stream().sorted().map(p -> "{{" + p + "}}").toList());
            }
            int end = matcher.end();
            boolean aloneOnLine = (matcher.start() == 0 || normalized.charAt(matcher.start() - 1) == '\n')
                    && end < normalized.length() && normalized.charAt(end) == '\n';
            template.literals.add(normalized.substring(position, matcher.start()));
            template.placeholders.add(placeholder);
            position = aloneOnLine ? end + 1 : end;
        }
        template.literals.add(normalized.substring(position));
        return template;
    }

    String name() {
        return name;
    }

    boolean uses(String placeholder) {
        return placeholders.contains(placeholder);
    }

    /** The length {@link #render} would return for values of these lengths, without rendering. */
    int length(ToIntFunction<String> valueLength) {
        int total = 0;
        for (String literal : literals) {
            total += literal.length();
        }
        for (String placeholder : placeholders) {
            total += valueLength.applyAsInt(placeholder);
        }
        return total;
    }

    String render(Map<String, String> values) {
        int capacity = length(name -> values.getOrDefault(name, "").length());
        StringBuilder out = new StringBuilder(capacity);
        for (int i = 0; i < placeholders.size(); i++) {
            out.append(literals.get(i));
            out.append(values.getOrDefault(placeholders.get(i), ""));
        }
        return out.append(literals.get(literals.size() - 1)).toString();
    }
}
