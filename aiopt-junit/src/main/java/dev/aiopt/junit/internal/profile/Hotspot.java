package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.profile.CausalProfile.LineProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.PointKind;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One line the causal profile points at, as prompts and fitness use it: where it is (profile location and, when
 * inside the evolved slice, the slice line), what coz predicts for the whole program if the line got 20% or 50%
 * faster (interpolated from the measured curve), its impact (the viewer's normalised area) and how many
 * measurements back that curve. Built from the throughput progress point with the highest impact.
 *
 * @param location the location as written in the profile
 * @param progressPoint the throughput progress point the figures come from
 * @param sliceLine the 1-based slice line, empty for context outside the slice
 * @param programSpeedupAt20 predicted program speedup (fraction, 0.1 = +10%) at a 20% line speedup
 * @param programSpeedupAt50 predicted program speedup at a 50% line speedup
 * @param impact the viewer's impact of that curve
 * @param points number of measurements on that curve
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Hotspot(String location, String progressPoint, OptionalInt sliceLine, OptionalDouble programSpeedupAt20,
        OptionalDouble programSpeedupAt50, double impact, int points) {

    public Hotspot {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(progressPoint, "progressPoint");
        Objects.requireNonNull(sliceLine, "sliceLine");
        Objects.requireNonNull(programSpeedupAt20, "programSpeedupAt20");
        Objects.requireNonNull(programSpeedupAt50, "programSpeedupAt50");
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0");
        }
    }

    /**
     * The hotspot of one viewer line, from its throughput curve with the highest impact; empty if the line has
     * no throughput curve with measurements. Latency curves are ignored on purpose: our scoring is throughput.
     */
    public static Optional<Hotspot> of(LineProfile line) {
        SpeedupCurve best = null;
        for (SpeedupCurve curve : line.curves()) {
            if (curve.kind() == PointKind.THROUGHPUT && !curve.points().isEmpty()
                    && (best == null || curve.impact() > best.impact())) {
                best = curve;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Hotspot(line.location(), best.progressPoint(), OptionalInt.empty(),
                best.programSpeedupAt(0.2), best.programSpeedupAt(0.5), best.impact(), best.points().size()));
    }

    /** This hotspot with its slice line set from {@code mapping} (empty when outside the slice). */
    public Hotspot mappedWith(SliceMapping mapping) {
        return new Hotspot(location, progressPoint, mapping.sliceLine(location), programSpeedupAt20, programSpeedupAt50,
                impact, points);
    }

    /** True when this hotspot is inside the evolved slice (a target), false for context. */
    public boolean inSlice() {
        return sliceLine.isPresent();
    }
}
