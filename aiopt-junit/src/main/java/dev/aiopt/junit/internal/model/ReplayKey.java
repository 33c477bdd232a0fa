package dev.aiopt.junit.internal.model;

import java.util.Objects;

/**
 * Identifies a model request independently of measured values, so that a replayed run gets the same answers
 * even though its benchmark figures (which appear in the prompt) differ: the hash of the parent program's
 * slice, and how many requests were already made for that same parent in this run.
 *
 * @param parentSha256 hex SHA-256 of the parent slice text
 * @param ordinal 0 for the first request made for this parent, 1 for the next, ...
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ReplayKey(String parentSha256, int ordinal) {
    public ReplayKey {
        Objects.requireNonNull(parentSha256, "parentSha256");
        if (!parentSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("parentSha256 must be 64 lowercase hex digits: " + parentSha256);
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0: " + ordinal);
        }
    }

    @Override
    public String toString() {
        return parentSha256.substring(0, 12) + "#" + ordinal;
    }
}
