package dev.aiopt.junit.internal.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The texts a prompt is made of: the system message for each {@link PromptConfig.Mode} and the user message
 * layout, with {@code {{placeholder}}} slots for the sections. The defaults ship with aiopt-junit; a directory
 * holding files of the same names ({@link #FILE_NAMES}) replaces all of them.
 */
final class PromptTemplates {
    /** The template files a directory must hold. */
    public static final List<String> FILE_NAMES = List.of("system-diff.txt", "system-rewrite.txt", "user.txt");

    /** Placeholders a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("language", "task", "current_program", "focus", "attempts",
            "top_programs", "inspirations", "artifacts", "causal_profile");

    private final Map<String, Template> templates;

    private PromptTemplates(Map<String, Template> templates) {
        this.templates = templates;
        Template user = templates.get("user.txt");
        if (!user.uses("current_program")) {
            throw new IllegalArgumentException("prompt template user.txt does not use {{current_program}}; "
                    + "without it the model never sees the program to improve");
        }
    }

    /** The templates that ship with aiopt-junit. */
    public static PromptTemplates defaults() {
        Map<String, Template> templates = new LinkedHashMap<>();
        for (String name : FILE_NAMES) {
            try (InputStream in = PromptTemplates.class.getResourceAsStream("templates/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("default prompt template " + name + " is missing from the aiopt-junit jar");
                }
                templates.put(name, Template.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), PLACEHOLDERS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read default prompt template " + name, e);
            }
        }
        return new PromptTemplates(templates);
    }

    /**
     * Templates read from {@code directory}, which must hold every file of {@link #FILE_NAMES} (UTF-8).
     *
     * @throws IllegalArgumentException naming the missing file or the unknown placeholder
     */
    public static PromptTemplates fromDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("prompt template directory " + directory + " does not exist or is not a directory");
        }
        Map<String, Template> templates = new LinkedHashMap<>();
        for (String name : FILE_NAMES) {
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("prompt template directory " + directory + " has no file " + name
                        + "; an override directory must hold all of " + FILE_NAMES
                        + " (copy the defaults from dev/aiopt/junit/internal/prompt/templates/ in the aiopt-junit jar)");
            }
            try {
                templates.put(name, Template.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), PLACEHOLDERS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read prompt template " + file, e);
            }
        }
        return new PromptTemplates(templates);
    }

    Template system(PromptConfig.Mode mode) {
        return templates.get(mode == PromptConfig.Mode.DIFF ? "system-diff.txt" : "system-rewrite.txt");
    }

    Template user() {
        return templates.get("user.txt");
    }
}
