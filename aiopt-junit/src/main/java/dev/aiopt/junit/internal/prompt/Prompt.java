package dev.aiopt.junit.internal.prompt;

import java.util.Objects;

/**
 * A built prompt: the system and user messages for one model request.
 *
 * @param system the system message (role and answer format)
 * @param user the user message (program, history, context)
 */
public record Prompt(String system, String user) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    /** Characters of both messages together; what {@link PromptConfig#maxChars()} bounds. */
    public int length() {
        return system.length() + user.length();
    }
}
