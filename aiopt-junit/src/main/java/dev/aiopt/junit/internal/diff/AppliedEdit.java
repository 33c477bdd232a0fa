package dev.aiopt.junit.internal.diff;

import java.util.List;
import java.util.Objects;

/**
 * The slice a reply produced, with a note for every block that matched only with whitespace tolerance (so the
 * next prompt can tell the model to quote exactly).
 *
 * @param text the new slice ({@code \n} line ends)
 * @param toleranceNotes one sentence per block applied with whitespace tolerance, empty when all matched exactly
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record AppliedEdit(String text, List<String> toleranceNotes) {
    public AppliedEdit {
        Objects.requireNonNull(text, "text");
        toleranceNotes = List.copyOf(toleranceNotes);
    }

    /** Whether some block matched only after ignoring trailing whitespace, blank lines or an indentation shift. */
    public boolean withTolerance() {
        return !toleranceNotes.isEmpty();
    }
}
