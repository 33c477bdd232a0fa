package dev.aiopt.junit.internal.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What coz's viewer computes from a profile: for each selected location with enough data, one speedup curve per
 * progress point. {@link #lines()} keeps the viewer's order (first location to receive a measurement first);
 * {@link #hotspots()} ranks by impact for our own use.
 *
 * @param variant the viewer version reproduced
 * @param minPoints the minimum number of measurements a curve needs
 * @param progressPoints all progress point names, sorted as the viewer sorts them
 * @param lines locations with at least one curve that passed the filters
 * @param warnings the viewer's warnings (an empty profile)
 * @param experiments number of experiment records that contributed
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CausalProfile(ViewerVariant variant, int minPoints, List<String> progressPoints, List<LineProfile> lines,
        List<String> warnings, int experiments) {

    public CausalProfile {
        Objects.requireNonNull(variant, "variant");
        progressPoints = List.copyOf(progressPoints);
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }

    /** The curve data of one location, if the viewer shows it. */
    public Optional<LineProfile> line(String location) {
        return lines.stream().filter(l -> l.location().equals(location)).findFirst();
    }

    /**
     * Hotspots ranked by throughput impact (highest first, ties in viewer order). Only throughput progress
     * points count here: latency curves keep the viewer's sign convention for parity but do not drive our
     * scoring. Locations without a throughput curve are left out.
     */
    public List<Hotspot> hotspots() {
        return lines.stream()
                .map(Hotspot::of)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingDouble(Hotspot::impact).reversed())
                .toList();
    }

    /** Hotspots as {@link #hotspots()}, with slice line numbers from {@code mapping}. */
    public List<Hotspot> hotspots(SliceMapping mapping) {
        return hotspots().stream().map(h -> h.mappedWith(mapping)).toList();
    }

    /**
     * One location's curves.
     *
     * @param location the selected location exactly as in the profile
     * @param curves one entry per progress point (in {@link CausalProfile#progressPoints()} order); a curve that
     *     did not pass the filters has no measurements
     */
    public record LineProfile(String location, List<SpeedupCurve> curves) {
        public LineProfile {
            Objects.requireNonNull(location, "location");
            curves = List.copyOf(curves);
        }

        /** The parsed location. */
        public CozLocation parsedLocation() {
            return CozLocation.parse(location);
        }

        /**
         * The viewer's "impact" sort key: the largest normalised area under any curve (area from 0 to a line
         * speedup, divided by that speedup), at least 0.
         */
        public double impact() {
            double max = 0;
            for (SpeedupCurve curve : curves) {
                max = Math.max(max, curve.impact());
            }
            return max;
        }

        /** The viewer's largest program speedup over all curves, at least 0. */
        public double maxProgramSpeedup() {
            double max = 0;
            for (SpeedupCurve curve : curves) {
                for (SpeedupPoint p : curve.points()) {
                    if (p.programSpeedup() > max) {
                        max = p.programSpeedup();
                    }
                }
            }
            return max;
        }

        /** The viewer's smallest program speedup over all curves, at most 0. */
        public double minProgramSpeedup() {
            double min = 0;
            for (SpeedupCurve curve : curves) {
                for (SpeedupPoint p : curve.points()) {
                    if (p.programSpeedup() < min) {
                        min = p.programSpeedup();
                    }
                }
            }
            return min;
        }
    }

    /**
     * One progress point's curve for one location: measured program speedup per virtual line speedup, sorted by
     * line speedup. Latency curves keep the viewer's sign convention for parity: it computes the relative drop of
     * the average latency and then negates it, so a line whose speedup shortens latency shows a negative value.
     * Our scoring and prompts use throughput curves only ({@link Hotspot#of}).
     */
    public record SpeedupCurve(String progressPoint, PointKind kind, List<SpeedupPoint> points) {
        public SpeedupCurve {
            Objects.requireNonNull(progressPoint, "progressPoint");
            Objects.requireNonNull(kind, "kind");
            points = List.copyOf(points);
        }

        /** Largest normalised area under this curve (the viewer's impact), at least 0. */
        public double impact() {
            double max = 0;
            double area = 0;
            for (int j = 1; j < points.size(); j++) {
                SpeedupPoint prev = points.get(j - 1);
                SpeedupPoint current = points.get(j);
                double avg = (prev.programSpeedup() + current.programSpeedup()) / 2;
                area += avg * (current.lineSpeedup() - prev.lineSpeedup());
                double normalized = area / current.lineSpeedup();
                if (normalized > max) {
                    max = normalized;
                }
            }
            return max;
        }

        /**
         * The scatter of this curve's measurements: the standard deviation of one point around the curve, estimated
         * from each interior point's residual to the straight line through its two neighbours, so a smooth trend
         * (linear between neighbours) does not count as noise. With {@code t} the point's position between its
         * neighbours, the residual of independent noise {@code σ} has variance {@code σ²·(1 + t² + (1 − t)²)}; the
         * estimate is {@code sqrt(mean(r² / (1 + t² + (1 − t)²)))}. Empty with fewer than 3 points.
         */
        public OptionalDouble noise() {
            if (points.size() < 3) {
                return OptionalDouble.empty();
            }
            double sum = 0;
            for (int j = 1; j < points.size() - 1; j++) {
                SpeedupPoint left = points.get(j - 1);
                SpeedupPoint mid = points.get(j);
                SpeedupPoint right = points.get(j + 1);
                double span = right.lineSpeedup() - left.lineSpeedup();
                double t = span == 0 ? 0.5 : (mid.lineSpeedup() - left.lineSpeedup()) / span;
                double expected = left.programSpeedup() + t * (right.programSpeedup() - left.programSpeedup());
                double r = mid.programSpeedup() - expected;
                sum += r * r / (1 + t * t + (1 - t) * (1 - t));
            }
            return OptionalDouble.of(Math.sqrt(sum / (points.size() - 2)));
        }

        /**
         * Program speedup at {@code lineSpeedup} by linear interpolation between the two nearest measurements (the
         * measurement itself when present); empty outside the measured range or for an empty curve.
         */
        public OptionalDouble programSpeedupAt(double lineSpeedup) {
            for (int j = 0; j < points.size(); j++) {
                SpeedupPoint p = points.get(j);
                if (p.lineSpeedup() == lineSpeedup) {
                    return OptionalDouble.of(p.programSpeedup());
                }
                if (p.lineSpeedup() > lineSpeedup) {
                    if (j == 0) {
                        return OptionalDouble.empty();
                    }
                    SpeedupPoint q = points.get(j - 1);
                    double t = (lineSpeedup - q.lineSpeedup()) / (p.lineSpeedup() - q.lineSpeedup());
                    return OptionalDouble.of(q.programSpeedup() + t * (p.programSpeedup() - q.programSpeedup()));
                }
            }
            return OptionalDouble.empty();
        }
    }

    /** One measurement: virtual line speedup (0..1) and the resulting program speedup. */
    public record SpeedupPoint(double lineSpeedup, double programSpeedup) {
    }

    /** Kind of progress point. */
    public enum PointKind {
        /** Visits counted ({@code throughput-point}, {@code progress-point}): more per second is better. */
        THROUGHPUT,
        /** Begin/end pairs ({@code latency-point}): average latency by Little's law, shorter is better. */
        LATENCY
    }
}
