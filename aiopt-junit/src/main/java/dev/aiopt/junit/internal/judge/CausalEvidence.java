package dev.aiopt.junit.internal.judge;

import java.util.Objects;
import java.util.Optional;

/**
 * What the profiles say about the baseline's hotspot line, carried to the parent and the candidate: coz's
 * predicted program speedup at a 50% speedup of that line, each with the noise of its own curve. Either both
 * readings exist, or the evidence is {@linkplain #unknown unknown} (no hotspot in the baseline, line gone, too few
 * measurements, not profiled) and the causal level does not move.
 *
 * @param baselinePredicted the baseline's prediction {@code P0} at its hotspot, above 0; the reference of the level
 * @param parent the parent's reading at the carried line, empty when unknown
 * @param candidate the candidate's reading at the carried line, empty when unknown
 * @param note where the figures come from, or why they are unknown
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CausalEvidence(double baselinePredicted, Optional<Reading> parent, Optional<Reading> candidate,
        String note) {

    /**
     * One profile's prediction at one line.
     *
     * @param predicted predicted program speedup (0.21 = +21%) at a 50% line speedup
     * @param noise the standard deviation of that prediction estimated from the curve's own scatter, >= 0
     */
    public record Reading(double predicted, double noise) {
        public Reading {
            if (!Double.isFinite(predicted) || !(noise >= 0) || !Double.isFinite(noise)) {
                throw new IllegalArgumentException("a causal reading needs a finite prediction and a finite noise >= 0,"
                        + " got " + predicted + " ± " + noise);
            }
        }
    }

    public CausalEvidence {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(note, "note");
        if (parent.isPresent() != candidate.isPresent()) {
            throw new IllegalArgumentException("causal evidence needs both readings or neither: " + note);
        }
        if (parent.isPresent() && !(baselinePredicted > 0 && Double.isFinite(baselinePredicted))) {
            throw new IllegalArgumentException("the baseline's predicted speedup must be positive to define a level, got "
                    + baselinePredicted);
        }
    }

    /** No usable evidence; the causal level stays the parent's. */
    public static CausalEvidence unknown(String why) {
        return new CausalEvidence(Double.NaN, Optional.empty(), Optional.empty(), "unknown: " + why);
    }

    /** Readings of the parent and the candidate at the baseline hotspot's line. */
    public static CausalEvidence measured(double baselinePredicted, Reading parent, Reading candidate, String note) {
        return new CausalEvidence(baselinePredicted, Optional.of(parent), Optional.of(candidate), note);
    }

    /** Whether both readings exist. */
    public boolean known() {
        return parent.isPresent();
    }

    /** The level of a prediction: the share of the baseline's predicted headroom that is gone, in [0, 1]. */
    double level(double predicted) {
        return Math.max(0.0, Math.min(1.0, (baselinePredicted - predicted) / baselinePredicted));
    }
}
