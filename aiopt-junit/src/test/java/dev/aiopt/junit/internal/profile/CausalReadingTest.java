package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.profile.CausalProfile.LineProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.PointKind;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CausalReadingTest {
    private static final SliceMapping SLICE = new SliceMapping("a.cc", 10, 20);

    @Test
    void noiseEstimatesTheScatterAroundACurvedTrend() {
        Random random = new Random(3);
        double sigma = 0.02;
        List<SpeedupPoint> points = new ArrayList<>();
        for (int i = 0; i <= 400; i++) {
            double x = i / 400.0;
            // A saturating curve: the local-line residual must not count its curvature as noise.
            points.add(new SpeedupPoint(x, 0.3 * (1 - Math.exp(-3 * x)) + sigma * random.nextGaussian()));
        }
        SpeedupCurve curve = new SpeedupCurve("p", PointKind.THROUGHPUT, points);
        assertThat(curve.noise().getAsDouble()).isCloseTo(sigma, within(0.1 * sigma));
    }

    @Test
    void aNoiselessCurveIsHeldToTheFloorAndTooFewPointsGiveNothing() {
        CausalProfile straight = profile("a.cc:15", line(0.4, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
        CausalReading r = CausalReading.at(straight, SLICE, 6, 5).orElseThrow();
        assertThat(r.predicted()).isCloseTo(0.2, within(1e-12));
        assertThat(r.noise()).isEqualTo(CausalReading.NOISE_FLOOR);
        assertThat(r.points()).isEqualTo(6);
        assertThat(CausalReading.at(straight, SLICE, 6, 7)).isEmpty();
        assertThat(CausalReading.at(straight, SLICE, 7, 5)).isEmpty();
    }

    @Test
    void theBaselineHotspotIsTheHighestImpactSliceLineThatPredictsASpeedup() {
        CausalProfile baseline = new CausalProfile(ViewerVariant.HEAD, 5, List.of("p"), List.of(
                new LineProfile("a.cc:3", List.of(curve(line(0.9, 0, 0, 0, 0, 0, 0)))),   // outside the slice
                new LineProfile("a.cc:12", List.of(curve(line(0.1, 0, 0.01, 0, -0.01, 0, 0)))),
                new LineProfile("a.cc:15", List.of(curve(line(0.5, 0, 0.01, 0, -0.01, 0, 0))))), List.of(), 10);
        CausalReading hotspot = CausalReading.baselineHotspot(baseline, SLICE, 5).orElseThrow();
        assertThat(hotspot.sliceLine()).isEqualTo(6);
        assertThat(hotspot.location()).isEqualTo("a.cc:15");
        assertThat(hotspot.noise()).isGreaterThan(CausalReading.NOISE_FLOOR);
    }

    /** Points at equally spaced line speedups from 0 to 1 on slope {@code slope}, plus the given perturbations. */
    private static List<SpeedupPoint> line(double slope, double... perturbation) {
        List<SpeedupPoint> out = new ArrayList<>();
        for (int i = 0; i < perturbation.length; i++) {
            double x = i / (perturbation.length - 1.0);
            out.add(new SpeedupPoint(x, slope * x + perturbation[i]));
        }
        return out;
    }

    private static SpeedupCurve curve(List<SpeedupPoint> points) {
        return new SpeedupCurve("p", PointKind.THROUGHPUT, points);
    }

    private static CausalProfile profile(String location, List<SpeedupPoint> points) {
        return new CausalProfile(ViewerVariant.HEAD, 5, List.of("p"),
                List.of(new LineProfile(location, List.of(curve(points)))), List.of(), 1);
    }
}
