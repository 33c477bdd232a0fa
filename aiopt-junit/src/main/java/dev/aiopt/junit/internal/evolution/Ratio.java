package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.stats.Comparison;

/**
 * A ratio to a reference with its confidence interval, and the decision it led to; {@code reference} names
 * the program it was measured against.
 */
record Ratio(double ratio, double low, double high, double pValue, String decision, String reference) {

    static Ratio of(Comparison c, String reference) {
        return new Ratio(c.ratio(), c.low(), c.high(), c.pValue(), c.decision().name(), reference);
    }

    static Ratio unity(String reference) {
        return new Ratio(1, 1, 1, 1, "NO_DIFFERENCE", reference);
    }

    /** This ratio chained onto the reference's own ratio to the baseline (the reference's uncertainty not added). */
    Ratio chain(Ratio referenceToBaseline, String baselineId) {
        double f = referenceToBaseline.ratio;
        return new Ratio(ratio * f, low * f, high * f, pValue, decision, baselineId);
    }
}
