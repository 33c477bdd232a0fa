package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.profile.CausalProfile.LineProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden parity with coz's own viewer code: every expected value was produced by the viewer's JavaScript
 * ({@code coz/tools/viewer_golden_harness.js}), see {@code src/test/resources/profile/README.md}.
 */
class ViewerGoldenTest {
    private static final double TOLERANCE = 1e-12;
    private static final List<String> GOLDEN_FILES = List.of(
            "viewer-0.2.2_minpoints0.json", "viewer-0.2.2_minpoints10.json",
            "viewer-head_minpoints0.json", "viewer-head_minpoints10.json",
            "debian-viewer-0.2.2_minpoints0.json", "debian-viewer-0.2.2_minpoints10.json");

    @TestFactory
    Stream<DynamicTest> matchesTheViewerOnEveryGoldenProfile() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        for (String goldenFile : GOLDEN_FILES) {
            JsonNode golden = json.readTree(Files.readString(TestResources.path("coz/golden/" + goldenFile)));
            ViewerVariant variant = goldenFile.contains("head") ? ViewerVariant.HEAD : ViewerVariant.COZ_0_2_2;
            golden.fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(
                    goldenFile + ": " + e.getKey(), () -> assertMatches(e.getKey(), e.getValue(), variant))));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4 * 8 + 2 * 5);
        return tests.stream();
    }

    private static void assertMatches(String profileName, JsonNode expected, ViewerVariant variant) {
        String resource = profileName.startsWith("debian-") ? profileName + ".gz" : profileName;
        CozProfile profile = CozProfile.read(TestResources.path("coz/" + resource));
        CausalProfile actual = profile.analyze(variant, expected.get("min_points").asInt());

        assertThat(actual.warnings()).hasSize(expected.get("warnings").size());
        assertThat(actual.progressPoints()).containsExactlyElementsOf(texts(expected.get("progress_points")));
        JsonNode lines = expected.get("lines");
        assertThat(actual.lines()).extracting(LineProfile::location).containsExactlyElementsOf(names(lines));
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            LineProfile actualLine = actual.lines().get(i);
            String where = profileName + " " + actualLine.location();
            assertThat(actualLine.impact()).as(where + " impact")
                    .isCloseTo(line.get("max_normalized_area").asDouble(), within(TOLERANCE));
            assertThat(actualLine.maxProgramSpeedup()).as(where + " max")
                    .isCloseTo(line.get("max_progress_speedup").asDouble(), within(TOLERANCE));
            assertThat(actualLine.minProgramSpeedup()).as(where + " min")
                    .isCloseTo(line.get("min_progress_speedup").asDouble(), within(TOLERANCE));
            JsonNode points = line.get("progress_points");
            assertThat(actualLine.curves()).extracting(SpeedupCurve::progressPoint)
                    .containsExactlyElementsOf(names(points));
            for (int p = 0; p < points.size(); p++) {
                JsonNode measurements = points.get(p).get("measurements");
                SpeedupCurve curve = actualLine.curves().get(p);
                assertThat(curve.points()).as(where + " " + curve.progressPoint() + " count")
                        .hasSize(measurements.size());
                for (int m = 0; m < measurements.size(); m++) {
                    assertThat(curve.points().get(m).lineSpeedup()).as(where + " speedup " + m)
                            .isCloseTo(measurements.get(m).get("speedup").asDouble(), within(TOLERANCE));
                    assertThat(curve.points().get(m).programSpeedup()).as(where + " progress_speedup " + m)
                            .isCloseTo(measurements.get(m).get("progress_speedup").asDouble(), within(TOLERANCE));
                }
            }
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
