package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.profile.CausalProfile.LineProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.PointKind;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One profile's evidence at one slice line, as the causal fitness level needs it: coz's predicted program speedup at
 * a {@value #LINE_SPEEDUP} line speedup on the line's throughput curve with the highest impact, and
 * that curve's own noise ({@link SpeedupCurve#noise()}, at least {@value #NOISE_FLOOR}). The level is defined against
 * the baseline: {@link #baselineHotspot} picks the baseline's line once, {@link SliceMapping#carry} finds it in each
 * descendant, {@link #at} reads it there.
 *
 * @param location the profile location read
 * @param sliceLine the slice line read
 * @param predicted predicted program speedup (0.21 = +21%) at a 50% line speedup
 * @param noise standard deviation of one measurement of that curve, at least {@value #NOISE_FLOOR}
 * @param points measurements on that curve
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CausalReading(String location, int sliceLine, double predicted, double noise, int points) {

    /** Line speedup at which predictions are read. */
    public static final double LINE_SPEEDUP = 0.5;

    /**
     * Least noise a reading claims: a curve whose few points happen to lie on a straight line has not shown that
     * coz measures to better than half a percent of program speedup.
     */
    public static final double NOISE_FLOOR = 0.005;

    public CausalReading {
        Objects.requireNonNull(location, "location");
        if (!Double.isFinite(predicted) || !(noise >= NOISE_FLOOR) || !Double.isFinite(noise) || points < 1) {
            throw new IllegalArgumentException("a causal reading needs a finite prediction, noise >= " + NOISE_FLOOR
                    + " and measurements: " + predicted + " ± " + noise + ", " + points + " points at " + location);
        }
    }

    /**
     * The baseline's hotspot: its slice line with the highest impact among those with at least {@code minPoints}
     * measurements whose curve predicts a positive program speedup at a 50% line speedup; empty when there is none.
     */
    public static Optional<CausalReading> baselineHotspot(CausalProfile baseline, SliceMapping mapping, int minPoints) {
        return baseline.hotspots(mapping).stream()
                .filter(h -> h.inSlice() && h.points() >= minPoints)
                .filter(h -> h.programSpeedupAt50().isPresent() && h.programSpeedupAt50().getAsDouble() > 0)
                .findFirst()
                .flatMap(h -> at(baseline, mapping, h.sliceLine().getAsInt(), minPoints));
    }

    /** The reading at {@code sliceLine}, empty when the line has no throughput curve with enough measurements there. */
    public static Optional<CausalReading> at(CausalProfile profile, SliceMapping mapping, int sliceLine, int minPoints) {
        for (LineProfile line : profile.lines()) {
            if (mapping.sliceLine(line.location()).orElse(-1) != sliceLine) {
                continue;
            }
            SpeedupCurve best = null;
            for (SpeedupCurve curve : line.curves()) {
                if (curve.kind() == PointKind.THROUGHPUT && !curve.points().isEmpty()
                        && (best == null || curve.impact() > best.impact())) {
                    best = curve;
                }
            }
            if (best == null || best.points().size() < Math.max(3, minPoints)) {
                return Optional.empty();
            }
            OptionalDouble predicted = best.programSpeedupAt(LINE_SPEEDUP);
            if (predicted.isEmpty()) {
                return Optional.empty();
            }
            double noise = Math.max(NOISE_FLOOR, best.noise().orElseThrow());
            return Optional.of(new CausalReading(line.location(), sliceLine, predicted.getAsDouble(), noise,
                    best.points().size()));
        }
        return Optional.empty();
    }
}
