package dev.aiopt.junit.internal.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One question to a model.
 *
 * @param system the system message
 * @param user the user message (the prompt proper)
 * @param key what identifies this request for record and replay: the same key gets the same answer
 * @param maxOutputTokens an output token limit for this request instead of the configured one (a re-ask after
 *     a reply cut off at the limit); empty: the configured limit
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ModelRequest(String system, String user, ReplayKey key, OptionalInt maxOutputTokens) {
    public ModelRequest {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        if (maxOutputTokens.isPresent() && maxOutputTokens.getAsInt() <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be > 0: " + maxOutputTokens.getAsInt());
        }
    }

    /** A request with the configured output token limit. */
    public ModelRequest(String system, String user, ReplayKey key) {
        this(system, user, key, OptionalInt.empty());
    }

    /** This request with its own output token limit. */
    public ModelRequest withMaxOutputTokens(int tokens) {
        return new ModelRequest(system, user, key, OptionalInt.of(tokens));
    }
}
