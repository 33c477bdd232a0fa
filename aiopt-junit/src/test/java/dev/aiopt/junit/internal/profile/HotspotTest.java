package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotspotTest {

    @Test
    void ranksToyLinesByThroughputImpactWithPredictionsFromTheCurve() {
        CausalProfile profile = CozProfile.read(TestResources.path("coz/toy.coz")).analyze(ViewerVariant.COZ_0_2_2, 10);

        List<Hotspot> hotspots = profile.hotspots(new SliceMapping("toy.c", 14, 5));

        assertThat(hotspots).extracting(Hotspot::location).containsExactly("toy.c:16", "toy.c:22");
        Hotspot top = hotspots.get(0);
        assertThat(top.sliceLine()).hasValue(3);
        assertThat(hotspots.get(1).inSlice()).isFalse();
        SpeedupCurve curve = profile.line("toy.c:16").orElseThrow().curves().get(0);
        assertThat(top.impact()).isEqualTo(curve.impact()).isEqualTo(profile.line("toy.c:16").orElseThrow().impact());
        assertThat(top.points()).isEqualTo(curve.points().size());
        assertThat(top.programSpeedupAt20().getAsDouble()).isEqualTo(curve.points().stream()
                .filter(p -> p.lineSpeedup() == 0.2).findFirst().orElseThrow().programSpeedup());
    }

    @Test
    void interpolatesBetweenMeasurementsAndNeverExtrapolates() {
        SpeedupCurve curve = new SpeedupCurve("p", CausalProfile.PointKind.THROUGHPUT, List.of(
                new CausalProfile.SpeedupPoint(0, 0), new CausalProfile.SpeedupPoint(0.4, 0.2),
                new CausalProfile.SpeedupPoint(0.6, 0.4)));

        assertThat(curve.programSpeedupAt(0.5).getAsDouble()).isCloseTo(0.3, within(1e-12));
        assertThat(curve.programSpeedupAt(0.4)).hasValue(0.2);
        assertThat(curve.programSpeedupAt(0.7)).isEmpty();
    }

    @Test
    void latencyCurvesKeepTheViewersSignAndDoNotMakeHotspots() {
        CausalProfile profile = CozProfile.parse("""
                experiment\tselected=a.c:1\tspeedup=0.00\tduration=100\tselected-samples=1
                latency-point\tname=lat\tarrivals=10\tdepartures=10\tdifference=5
                experiment\tselected=a.c:1\tspeedup=0.50\tduration=100\tselected-samples=1
                latency-point\tname=lat\tarrivals=10\tdepartures=10\tdifference=2
                """).analyze(ViewerVariant.HEAD, 0);

        assertThat(profile.lines()).hasSize(1);
        // Latency fell from 50 to 20 time units; the viewer negates the speedup of points it minimises.
        assertThat(profile.lines().get(0).curves().get(0).points().get(1).programSpeedup())
                .isCloseTo(-0.6, within(1e-12));
        assertThat(profile.hotspots()).isEmpty();
    }
}
