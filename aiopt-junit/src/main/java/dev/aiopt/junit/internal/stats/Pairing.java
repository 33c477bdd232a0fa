package dev.aiopt.junit.internal.stats;

import java.util.Locale;

/**
 * How a gate's candidate runs relate to its reference runs, and so which test compares them. Interleaved runs
 * (A B B A ..., pair i adjacent in time) share the machine's slow drift pair by pair, which the paired test
 * cancels; runs measured apart (stored runs, history) share nothing and are compared unpaired.
 *
 * <p>Public because it is used by {@code gate} and {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum Pairing {
    /** Measured apart: Mann-Whitney U and the bootstrap of the ratio of medians ({@link Comparison}). */
    INDEPENDENT,
    /**
     * Measured in interleaved pairs, equal counts, in run order: Wilcoxon signed-rank on the per-pair log ratios
     * and the bootstrap over pairs of their Hodges-Lehmann estimate ({@link PairedComparison}).
     */
    INTERLEAVED_PAIRS;

    /**
     * How a verdict names the test, e.g. {@code paired: Wilcoxon signed-rank on 30 interleaved pairs} or
     * {@code unpaired: Mann-Whitney U on 10/12 runs}.
     */
    public String describe(int candidateRuns, int referenceRuns) {
        return this == INTERLEAVED_PAIRS
                ? String.format(Locale.ROOT, "paired: Wilcoxon signed-rank on %d interleaved pairs, bootstrap over pairs"
                        + " of the Hodges-Lehmann ratio", candidateRuns)
                : String.format(Locale.ROOT, "unpaired: Mann-Whitney U on %d/%d runs, bootstrap of the ratio of medians",
                        candidateRuns, referenceRuns);
    }

    /** The test's short name for a summary line: {@code signed-rank} or {@code Mann-Whitney}. */
    String testName() {
        return this == INTERLEAVED_PAIRS ? "paired signed-rank" : "Mann-Whitney";
    }
}
