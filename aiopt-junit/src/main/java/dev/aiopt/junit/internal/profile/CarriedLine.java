package dev.aiopt.junit.internal.profile;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a line of the baseline ended up after every diff of a lineage: a line of the program (file and slice
 * coordinates) or gone, with the trail that says how.
 *
 * @param fileLine the 1-based line of the program's reassembled file, empty when gone
 * @param sliceLine the 1-based slice line in the program, empty when gone
 * @param trail one step per diff, e.g. {@code "diff 1: 42 -> 45 (shifted); diff 2: 45 deleted"}
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CarriedLine(OptionalInt fileLine, OptionalInt sliceLine, String trail) {

    public CarriedLine {
        Objects.requireNonNull(fileLine, "fileLine");
        Objects.requireNonNull(sliceLine, "sliceLine");
        Objects.requireNonNull(trail, "trail");
        if (fileLine.isPresent() != sliceLine.isPresent()) {
            throw new IllegalArgumentException("a carried line has both coordinates or neither: " + trail);
        }
    }

    /** Whether some diff of the lineage deleted the line (or rewrote it beyond recognition). */
    public boolean gone() {
        return fileLine.isEmpty();
    }
}
