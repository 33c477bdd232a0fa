package dev.aiopt.junit.internal.evolution;

import java.util.Objects;

/**
 * Where a program came from.
 *
 * @param id e.g. {@code g0-baseline}, {@code g2-c1}
 * @param generation 0 for the baseline
 * @param parentId the program it was derived from; null for the baseline
 * @param island the database island it was bred on
 */
record Origin(String id, int generation, String parentId, int island) {
    public Origin {
        Objects.requireNonNull(id, "id");
        if (generation < 0 || island < 0 || (generation > 0) != (parentId != null)) {
            throw new IllegalArgumentException("program " + id + ": generation " + generation + ", island " + island
                    + ", parent " + parentId + " (every program but the baseline has a parent)");
        }
    }

    /** The baseline's origin. */
    static Origin baseline(String id) {
        return new Origin(id, 0, null, 0);
    }
}
