package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CausalRealizationTest {
    private static final SliceMapping SLICE = new SliceMapping("a.c", 10, 20);

    /** A profile of one line with a throughput curve: program speedup {@code at50} at a 50% line speedup. */
    private static CausalProfile profile(String location, double at50, int extraPoints) {
        StringBuilder text = new StringBuilder();
        experiment(text, location, 0.0, 1000);
        experiment(text, location, 0.5, 1000 * (1 - at50));
        for (int i = 1; i <= extraPoints; i++) {
            experiment(text, location, 0.05 * i, 1000);
        }
        return CozProfile.parse(text.toString()).analyze(ViewerVariant.HEAD, 0);
    }

    private static void experiment(StringBuilder text, String location, double speedup, double durationPerVisit) {
        text.append("experiment\tselected=").append(location).append("\tspeedup=").append(speedup)
                .append("\tduration=").append(Math.round(durationPerVisit * 100)).append("\tselected-samples=1\n")
                .append("throughput-point\tname=p\tdelta=100\n");
    }

    @Test
    void measuresTheShareOfTheParentsPredictedSpeedupThatIsGone() {
        CausalRealization r = CausalRealization.compute(profile("a.c:15", 0.4, 5), SLICE, profile("a.c:15", 0.1, 5),
                SLICE, 5);

        assertThat(r.known()).isTrue();
        assertThat(r.value().getAsDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(r.sliceLine()).hasValue(6);
        assertThat(r.reason()).contains("slice line 6").contains("+40.0%").contains("+10.0%");
    }

    @Test
    void isBoundedToZeroAndOne() {
        assertThat(CausalRealization.compute(profile("a.c:15", 0.2, 5), SLICE, profile("a.c:15", 0.5, 5), SLICE, 5)
                .value()).hasValue(0);
        assertThat(CausalRealization.compute(profile("a.c:15", 0.2, 5), SLICE, profile("a.c:15", -0.3, 5), SLICE, 5)
                .value()).hasValue(1);
    }

    @Test
    void followsTheLineThroughTheCandidatesSliceCoordinates() {
        CausalRealization r = CausalRealization.compute(profile("a.c:15", 0.4, 5), SLICE, profile("a.c:17", 0.2, 5),
                SLICE, 5, line -> OptionalInt.of(line + 2));

        assertThat(r.value().getAsDouble()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void tooFewPointsOrAMissingLineIsUnknownAndEarnsNoCredit() {
        CausalRealization fewCandidatePoints = CausalRealization.compute(profile("a.c:15", 0.4, 5), SLICE,
                profile("a.c:15", 0.1, 0), SLICE, 5);
        CausalRealization fewParentPoints = CausalRealization.compute(profile("a.c:15", 0.4, 0), SLICE,
                profile("a.c:15", 0.1, 5), SLICE, 5);
        CausalRealization deleted = CausalRealization.compute(profile("a.c:15", 0.4, 5), SLICE,
                profile("a.c:15", 0.1, 5), SLICE, 5, line -> OptionalInt.empty());
        CausalRealization notProfiled = CausalRealization.compute(profile("a.c:15", 0.4, 5), SLICE,
                profile("a.c:16", 0.1, 5), SLICE, 5);
        CausalRealization outsideSlice = CausalRealization.compute(profile("a.c:5", 0.4, 5), SLICE,
                profile("a.c:5", 0.1, 5), SLICE, 5);

        assertThat(fewCandidatePoints.reason()).contains("has 2 measurements (need 5");
        assertThat(fewParentPoints.reason()).contains("predicts no speedup for a slice line");
        assertThat(deleted.reason()).contains("no longer exists");
        assertThat(notProfiled.reason()).contains("no throughput curve for slice line 6");
        assertThat(outsideSlice.reason()).contains("predicts no speedup");
        for (CausalRealization r : new CausalRealization[] {fewCandidatePoints, fewParentPoints, deleted, notProfiled,
                outsideSlice}) {
            assertThat(r.known()).isFalse();
            assertThat(r.credit()).isZero();
            assertThat(r.reason()).startsWith("unknown: ");
        }
    }
}
