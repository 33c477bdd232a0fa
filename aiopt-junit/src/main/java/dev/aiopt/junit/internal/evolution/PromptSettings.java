package dev.aiopt.junit.internal.evolution;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What every prompt of a run says the task is, and how large a prompt may be.
 *
 * @param task what "faster without changing what it does" means for this target: the behaviour a candidate must
 *     keep ({@code @Experiment(task)} / {@code aiopt.task}); {@link #GENERIC_TASK} when the experiment says nothing
 * @param maxPromptTokens the prompt token budget of the track's model ({@code aiopt.context.<family>}), estimated
 *     at {@link #CHARS_PER_TOKEN} characters a token; empty: the prompt builder's default size limit
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record PromptSettings(String task, OptionalInt maxPromptTokens) {
    /** The library's behaviour rule when the experiment states none. */
    public static final String GENERIC_TASK = "Keep what the program does unchanged: its output and every effect a"
            + " caller can observe must stay the same. A verification oracle rejects any program whose behaviour"
            + " differs from the original's, however fast it is.";
    /** The estimate behind the token budget: a conservative 4 characters per token for code and English. */
    public static final int CHARS_PER_TOKEN = 4;
    /** The smallest prompt token budget accepted: below it not even the task and a short slice fit. */
    public static final int MIN_PROMPT_TOKENS = 256;

    public PromptSettings {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(maxPromptTokens, "maxPromptTokens");
        if (task.isBlank()) {
            throw new IllegalArgumentException("the task must say something; leave it unset for the generic rule");
        }
        if (maxPromptTokens.isPresent() && maxPromptTokens.getAsInt() < MIN_PROMPT_TOKENS) {
            throw new IllegalArgumentException("a prompt token budget must be at least " + MIN_PROMPT_TOKENS
                    + " tokens, got " + maxPromptTokens.getAsInt());
        }
    }

    /** The generic behaviour rule and no prompt token budget. */
    public static PromptSettings generic() {
        return new PromptSettings(GENERIC_TASK, OptionalInt.empty());
    }

    /** The prompt size limit in characters, when a token budget is set. */
    OptionalInt maxPromptChars() {
        return maxPromptTokens.isPresent() ? OptionalInt.of(maxPromptTokens.getAsInt() * CHARS_PER_TOKEN)
                : OptionalInt.empty();
    }
}
