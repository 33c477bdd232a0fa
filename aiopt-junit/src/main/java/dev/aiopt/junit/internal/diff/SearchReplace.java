package dev.aiopt.junit.internal.diff;

import java.util.Objects;

/**
 * One {@code <<<<<<< SEARCH} / {@code =======} / {@code >>>>>>> REPLACE} block of a model reply.
 *
 * @param search text that must occur exactly once in the slice ({@code \n} line ends)
 * @param replace text to put in its place
 * @param replyLine 1-based line of the reply where the block starts, for messages
 */
record SearchReplace(String search, String replace, int replyLine) {
    public SearchReplace {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(replace, "replace");
    }
}
