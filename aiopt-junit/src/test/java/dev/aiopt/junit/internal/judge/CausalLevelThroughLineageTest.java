package dev.aiopt.junit.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.aiopt.junit.internal.profile.CarriedLine;
import dev.aiopt.junit.internal.profile.CausalProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.LineProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.PointKind;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupPoint;
import dev.aiopt.junit.internal.profile.CausalReading;
import dev.aiopt.junit.internal.profile.SliceMapping;
import dev.aiopt.junit.internal.profile.ViewerVariant;
import dev.aiopt.junit.internal.stats.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The score stage's causal glue, end to end: the baseline's hotspot, carried through the lineage's diffs, read in
 * parent and child profiles, judged. The child edits above the hotspot, so the same line number now holds another
 * statement, which still looks like a bottleneck: reading by line number (the old rule) would score it 0.
 */
class CausalLevelThroughLineageTest {
    private static final String FILE = "writepath.cc";
    private static final SliceMapping BASELINE = new SliceMapping(FILE, 1, 6);
    private static final List<String> BASE_SLICE = List.of("void Write() {", "  lock();", "  prepare();",
            "  Encode();", "  Append();", "}");
    private static final int MIN_POINTS = 5;

    @Test
    void theChildEarnsTheLevelAtTheCarriedLineNotAtTheSameNumber() {
        CausalProfile baselineProfile = profile(line(4, 0.4));
        CausalReading hotspot = CausalReading.baselineHotspot(baselineProfile, BASELINE, MIN_POINTS).orElseThrow();
        assertThat(hotspot.sliceLine()).isEqualTo(4);

        List<String> child = new ArrayList<>(BASE_SLICE);
        child.add(2, "  reserve();");
        child.add(2, "  // two lines above the hotspot");
        List<String> diffs = List.of(diff(BASE_SLICE, child));
        CarriedLine carried = BASELINE.carry(hotspot.sliceLine(), diffs);
        assertThat(carried.sliceLine()).hasValue(6);

        // The child's profile: Encode (now line 6) is no bottleneck any more; line 4, now prepare(), still predicts a lot.
        SliceMapping childMapping = new SliceMapping(FILE, 1, child.size());
        CausalProfile childProfile = profile(line(4, 0.4), line(6, 0.1));
        CausalReading parentReading = hotspot;
        CausalReading childReading = CausalReading.at(childProfile, childMapping, carried.sliceLine().getAsInt(),
                MIN_POINTS).orElseThrow();

        Judgement j = Judge.defaults().judge(Levels.BASELINE, Comparisons.throughput(1.0, Decision.NO_DIFFERENCE),
                Comparisons.p99(1.0, Decision.NO_DIFFERENCE), evidence(hotspot, Optional.of(parentReading),
                        Optional.of(childReading), carried));

        assertThat(j.causal()).isEqualTo(Decision.BETTER);
        assertThat(j.levels().causal()).isCloseTo((hotspot.predicted() - childReading.predicted()) / hotspot.predicted(),
                within(1e-12)).isCloseTo(0.75, within(0.01));
        assertThat(j.verdict()).isEqualTo(Verdict.IMPROVED);

        // Read by number, the child would look unchanged: no credit.
        CausalReading sameNumber = CausalReading.at(childProfile, childMapping, 4, MIN_POINTS).orElseThrow();
        assertThat(Judge.defaults().judge(Levels.BASELINE, Comparisons.throughput(1.0, Decision.NO_DIFFERENCE),
                Comparisons.p99(1.0, Decision.NO_DIFFERENCE), evidence(hotspot, Optional.of(parentReading),
                        Optional.of(sameNumber), carried)).levels().causal()).isZero();
    }

    @Test
    void aGoneLineLeavesTheInheritedLevel() {
        CausalReading hotspot = CausalReading.baselineHotspot(profile(line(4, 0.4)), BASELINE, MIN_POINTS).orElseThrow();
        List<String> child = new ArrayList<>(BASE_SLICE);
        child.remove(3);
        CarriedLine carried = BASELINE.carry(hotspot.sliceLine(), List.of(diff(BASE_SLICE, child)));
        assertThat(carried.gone()).isTrue();

        Judgement j = Judge.defaults().judge(new Levels(1.2, 1, 0.6), Comparisons.throughput(1.1, Decision.BETTER),
                Comparisons.p99(1.0, Decision.NO_DIFFERENCE), evidence(hotspot, Optional.empty(), Optional.empty(),
                        carried));

        assertThat(j.levels().causal()).isEqualTo(0.6);
        assertThat(j.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    /** The glue: both readings or unknown, with the trail as the note. */
    static CausalEvidence evidence(CausalReading baseline, Optional<CausalReading> parent, Optional<CausalReading> child,
            CarriedLine carried) {
        if (parent.isEmpty() || child.isEmpty()) {
            return CausalEvidence.unknown(carried.gone() ? carried.trail() : "no reading at the carried line");
        }
        return CausalEvidence.measured(baseline.predicted(),
                new CausalEvidence.Reading(parent.get().predicted(), parent.get().noise()),
                new CausalEvidence.Reading(child.get().predicted(), child.get().noise()), carried.trail());
    }

    private static LineProfile line(int fileLine, double slope) {
        List<SpeedupPoint> points = new ArrayList<>();
        double[] wiggle = {0, 0.004, -0.003, 0.002, -0.004, 0.003};
        for (int i = 0; i < wiggle.length; i++) {
            double x = i * 0.2;
            points.add(new SpeedupPoint(x, slope * x + wiggle[i]));
        }
        return new LineProfile(FILE + ":" + fileLine, List.of(new SpeedupCurve("p", PointKind.THROUGHPUT, points)));
    }

    private static CausalProfile profile(LineProfile... lines) {
        return new CausalProfile(ViewerVariant.HEAD, MIN_POINTS, List.of("p"), List.of(lines), List.of(), 1);
    }

    private static String diff(List<String> before, List<String> after) {
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + FILE, "b/" + FILE, before,
                DiffUtils.diff(before, after), 3);
        return String.join("\n", lines) + "\n";
    }
}
