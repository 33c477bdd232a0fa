package dev.aiopt.junit.internal.evolution;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A candidate the engine planned (or restored from the checkpoint), as callers see it: enough to name its
 * test and to ask the engine to evaluate it.
 *
 * @param id e.g. {@code g2-c1}
 * @param generation its generation, from 1
 * @param island the database island its parent was drawn from; empty when not known (restored from an
 *     earlier generation)
 * @param parentId the program it is derived from
 * @param resumed whether its result was restored, not computed in this session
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Candidate(String id, int generation, OptionalInt island, String parentId, boolean resumed) {
    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(island, "island");
        Objects.requireNonNull(parentId, "parentId");
    }
}
