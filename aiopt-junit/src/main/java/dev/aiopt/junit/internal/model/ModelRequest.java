package dev.aiopt.junit.internal.model;

import java.util.Objects;

/**
 * One question to a model.
 *
 * @param system the system message
 * @param user the user message (the prompt proper)
 * @param key what identifies this request for record and replay: the same key gets the same answer
 */
public record ModelRequest(String system, String user, ReplayKey key) {
    public ModelRequest {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
    }
}
