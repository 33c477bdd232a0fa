package dev.aiopt.junit.internal.model;

import java.util.Objects;

/**
 * Identifies a model request independently of measured values, so that a replayed run gets the same answers
 * even though its benchmark figures (which appear in the prompt) differ: the hash of the parent program's
 * slice, how many requests were already made for that same parent in this run, and, for a request asked
 * again because its reply reproduced code the run already had, which such re-ask it is. A re-ask keeps its
 * request's ordinal, so adding re-asks never moves the keys of the requests after it.
 *
 * @param parentSha256 hex SHA-256 of the parent slice text
 * @param ordinal 0 for the first request made for this parent, 1 for the next, ...
 * @param reask 0 for a request as first asked; n for its n-th re-ask after a reply that duplicated known code
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ReplayKey(String parentSha256, int ordinal, int reask) {
    public ReplayKey {
        Objects.requireNonNull(parentSha256, "parentSha256");
        if (!parentSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("parentSha256 must be 64 lowercase hex digits: " + parentSha256);
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0: " + ordinal);
        }
        if (reask < 0) {
            throw new IllegalArgumentException("reask must be >= 0: " + reask);
        }
    }

    /** A request as first asked (no re-ask). */
    public ReplayKey(String parentSha256, int ordinal) {
        this(parentSha256, ordinal, 0);
    }

    /** The key of the {@code n}-th re-ask of this request after a reply that duplicated known code. */
    public ReplayKey reasked(int n) {
        return new ReplayKey(parentSha256, ordinal, n);
    }

    @Override
    public String toString() {
        return parentSha256.substring(0, 12) + "#" + ordinal + (reask > 0 ? "/reask" + reask : "");
    }
}
