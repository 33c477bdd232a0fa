package dev.aiopt.junit.internal.prompt;

import dev.aiopt.junit.internal.database.Program;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one prompt is built from. Start with {@link #of(String, Program)} and add what the candidate has.
 *
 * @param task what to optimise and how success is measured (the experiment's description)
 * @param current the program to improve (the sampled parent)
 * @param currentParent the program {@code current} was derived from, for the focus notes; {@code null} for the
 *     initial program
 * @param attempts earlier attempts on this program or lineage, oldest first (the oldest are dropped first)
 * @param topPrograms the best programs of the current program's island
 * @param inspirations diverse programs of the current program's island
 * @param artifacts outputs of the current program's evaluation by name (build log, verify output, ...);
 *     shown sorted by name
 * @param causalProfile the causal profile mapped to the current program's line numbers, only on profiler tracks;
 *     {@code null} otherwise
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record PromptInput(String task, Program current, Program currentParent, List<Attempt> attempts,
        List<Program> topPrograms, List<Program> inspirations, Map<String, String> artifacts, String causalProfile) {

    public PromptInput {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(current, "current");
        attempts = List.copyOf(attempts);
        topPrograms = List.copyOf(topPrograms);
        inspirations = List.copyOf(inspirations);
        artifacts = Collections.unmodifiableMap(new TreeMap<>(artifacts));
    }

    public static PromptInput of(String task, Program current) {
        return new PromptInput(task, current, null, List.of(), List.of(), List.of(), Map.of(), null);
    }

    public PromptInput withCurrentParent(Program parent) {
        return new PromptInput(task, current, parent, attempts, topPrograms, inspirations, artifacts, causalProfile);
    }

    public PromptInput withAttempts(List<Attempt> newAttempts) {
        return new PromptInput(task, current, currentParent, newAttempts, topPrograms, inspirations, artifacts, causalProfile);
    }

    public PromptInput withTopPrograms(List<Program> programs) {
        return new PromptInput(task, current, currentParent, attempts, programs, inspirations, artifacts, causalProfile);
    }

    public PromptInput withInspirations(List<Program> programs) {
        return new PromptInput(task, current, currentParent, attempts, topPrograms, programs, artifacts, causalProfile);
    }

    public PromptInput withArtifacts(Map<String, String> newArtifacts) {
        return new PromptInput(task, current, currentParent, attempts, topPrograms, inspirations, newArtifacts, causalProfile);
    }

    public PromptInput withCausalProfile(String profile) {
        return new PromptInput(task, current, currentParent, attempts, topPrograms, inspirations, artifacts, profile);
    }
}
