package dev.aiopt.junit.internal.prompt;

import java.util.List;
import java.util.Objects;

/**
 * A built prompt: the system and user messages for one model request.
 *
 * @param system the system message (role and answer format)
 * @param user the user message (program, history, context)
 * @param leftOut what was left out to fit the size limit, in the fitting order ("2 older attempts", "1 top
 *     program", ...); empty when everything fit
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Prompt(String system, String user, List<String> leftOut) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        leftOut = List.copyOf(leftOut);
    }

    /** A prompt from which nothing was left out. */
    public Prompt(String system, String user) {
        this(system, user, List.of());
    }

    /** Whether something was left out to fit the size limit. */
    public boolean shrunk() {
        return !leftOut.isEmpty();
    }

    /** Characters of both messages together; what {@link PromptConfig#maxChars()} bounds. */
    public int length() {
        return system.length() + user.length();
    }
}
