package dev.aiopt.junit.internal.profile;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * How much of the parent's top predicted speedup a candidate removed: the causal term of fitness.
 *
 * <p>Definition. Take the parent's hotspots inside the slice (throughput curves with at least {@code minPoints}
 * measurements), pick the one with the highest impact among those whose curve predicts a positive program
 * speedup {@code P} at a 50% line speedup. Re-profile the candidate and read its prediction {@code C} at the same
 * slice line (translated through the candidate's own slice coordinates when its edit moved lines). Then
 * <pre>   realization = clamp((P - C) / P, 0, 1)</pre>
 * 1 means the candidate made that line's predicted headroom disappear (the line is no longer a bottleneck), 0
 * means none of it was removed (or the prediction grew). When either side has too few measurements, the line
 * has no curve in the candidate's profile, or the parent predicts nothing in the slice, the realization is
 * <em>unknown</em>: {@link #value()} is empty, a {@link #reason()} says why, and {@link #credit()} is 0 (no credit).
 *
 * <p>Parent-relative, so a child better on every axis can score below its parent. Its replacement is the causal
 * level against the baseline: {@link CausalReading#baselineHotspot}, {@link SliceMapping#carry},
 * {@link CausalReading#at} and {@code judge.Judge}; this class goes once the score stage uses them.
 *
 * @param value the realization in [0, 1], empty when unknown
 * @param reason why the value is unknown, or how it was obtained
 * @param sliceLine the parent's slice line the figure is about, if one was chosen
 * @param parentPredicted {@code P}, if known
 * @param candidatePredicted {@code C}, if known
 */
public record CausalRealization(OptionalDouble value, String reason, OptionalInt sliceLine,
        OptionalDouble parentPredicted, OptionalDouble candidatePredicted) {

    /** Line speedup at which predictions are compared. */
    public static final double LINE_SPEEDUP = 0.5;

    public CausalRealization {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sliceLine, "sliceLine");
        Objects.requireNonNull(parentPredicted, "parentPredicted");
        Objects.requireNonNull(candidatePredicted, "candidatePredicted");
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("realization must be in [0, 1]: " + value.getAsDouble());
        }
    }

    /** Whether a value could be computed. */
    public boolean known() {
        return value.isPresent();
    }

    /** The value for fitness: the realization when known, otherwise 0 (no credit). */
    public double credit() {
        return value.orElse(0);
    }

    /** Realization when the candidate did not move lines inside the slice (same slice line numbers). */
    public static CausalRealization compute(CausalProfile parent, SliceMapping parentMapping, CausalProfile candidate,
            SliceMapping candidateMapping, int minPoints) {
        return compute(parent, parentMapping, candidate, candidateMapping, minPoints, OptionalInt::of);
    }

    /**
     * Realization, with {@code parentToCandidateLine} translating a parent slice line to the candidate's slice line
     * (empty when the candidate deleted the line, which makes the realization unknown).
     */
    public static CausalRealization compute(CausalProfile parent, SliceMapping parentMapping, CausalProfile candidate,
            SliceMapping candidateMapping, int minPoints, IntFunction<OptionalInt> parentToCandidateLine) {
        Optional<Hotspot> top = parent.hotspots(parentMapping).stream()
                .filter(h -> h.inSlice() && h.points() >= minPoints)
                .filter(h -> h.programSpeedupAt50().isPresent() && h.programSpeedupAt50().getAsDouble() > 0)
                .findFirst();
        if (top.isEmpty()) {
            return unknown("the parent's profile predicts no speedup for a slice line with at least " + minPoints
                    + " measurements", OptionalInt.empty(), OptionalDouble.empty());
        }
        Hotspot target = top.get();
        int parentLine = target.sliceLine().getAsInt();
        OptionalDouble p = target.programSpeedupAt50();
        OptionalInt candidateLine = parentToCandidateLine.apply(parentLine);
        if (candidateLine.isEmpty()) {
            return unknown("slice line " + parentLine + " no longer exists in the candidate", OptionalInt.of(parentLine), p);
        }
        Optional<Hotspot> same = candidate.hotspots(candidateMapping).stream()
                .filter(h -> h.sliceLine().equals(candidateLine))
                .findFirst();
        if (same.isEmpty()) {
            return unknown("the candidate's profile has no throughput curve for slice line " + candidateLine.getAsInt(),
                    OptionalInt.of(parentLine), p);
        }
        Hotspot c = same.get();
        if (c.points() < minPoints || c.programSpeedupAt50().isEmpty()) {
            return unknown("the candidate's curve for slice line " + candidateLine.getAsInt() + " has " + c.points()
                    + " measurements (need " + minPoints + " and one at or around a 50% line speedup)",
                    OptionalInt.of(parentLine), p);
        }
        double parentP = p.getAsDouble();
        double candidateC = c.programSpeedupAt50().getAsDouble();
        double realization = Math.max(0, Math.min(1, (parentP - candidateC) / parentP));
        return new CausalRealization(OptionalDouble.of(realization),
                String.format(Locale.ROOT, "slice line %d: predicted program speedup at +50%% line speedup "
                        + "%+.1f%% in the parent, %+.1f%% in the candidate", parentLine, 100 * parentP, 100 * candidateC),
                OptionalInt.of(parentLine), p, OptionalDouble.of(candidateC));
    }

    private static CausalRealization unknown(String reason, OptionalInt sliceLine, OptionalDouble parentPredicted) {
        return new CausalRealization(OptionalDouble.empty(), "unknown: " + reason, sliceLine, parentPredicted,
                OptionalDouble.empty());
    }
}
