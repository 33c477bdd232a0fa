package dev.aiopt.junit.internal.profile;

import java.util.List;
import java.util.Objects;

/**
 * The result of ranking lines by on-CPU samples and profiling the top ones with {@code --fixed-line} runs.
 *
 * @param rankedLines all ranked source lines, highest on-CPU share first (the fixed-line runs took the top ones)
 * @param runs every coz run made, ranking run first when there was one
 * @param merged all runs' records as one profile, ready for {@link CozProfile#analyze}
 *
 * <p>Public because it is other packages receive it from calls and use its members;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record RankedCozResult(List<String> rankedLines, List<CozRunResult> runs, CozProfile merged) {
    public RankedCozResult {
        rankedLines = List.copyOf(rankedLines);
        runs = List.copyOf(runs);
        Objects.requireNonNull(merged, "merged");
    }
}
