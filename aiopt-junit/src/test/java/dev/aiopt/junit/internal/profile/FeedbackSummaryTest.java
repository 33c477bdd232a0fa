package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackSummaryTest {
    private static final String TOY = TestResources.text("coz/toy.c");
    private static final List<String> TOY_LINES = TOY.lines().toList();

    /** The toy's slice: lines 14..24 (slow_work and fast_work), so toy.c:16 is slice line 3, toy.c:22 line 9. */
    private static String toySlice() {
        return String.join("\n", TOY_LINES.subList(13, 24));
    }

    @Test
    void showsTopSliceLinesWithPredictionsAndTheirCode() {
        CausalProfile profile = CozProfile.read(TestResources.path("coz/toy.coz")).analyze(ViewerVariant.HEAD, 10);
        Hotspot top = profile.hotspots().get(0);

        String text = FeedbackSummary.of(profile, new SliceMapping("toy.c", 14, 11), toySlice(), 4).render();

        assertThat(text).contains("122 experiments").contains("\"txn\"");
        assertThat(text).contains("- slice line 3: line 20% faster -> program "
                + String.format(java.util.Locale.ROOT, "%+.1f%%", 100 * top.programSpeedupAt20().getAsDouble()));
        assertThat(text).contains(TOY_LINES.get(15).strip());
        assertThat(text).contains("- slice line 9:").contains(TOY_LINES.get(21).strip());
        assertThat(text.indexOf("slice line 3")).isLessThan(text.indexOf("slice line 9"));
        assertThat(text).doesNotContain("Outside the slice").doesNotContain("Time split");
        assertThat(text.length()).isLessThan(1000);
    }

    @Test
    void reportsLinesOutsideTheSliceAsContextAndTheOffCpuSplit() {
        CausalProfile profile = CozProfile.read(TestResources.path("coz/toy.coz")).analyze(ViewerVariant.HEAD, 10);
        PerfReport bperf = PerfReport.read(TestResources.path("perf/bperf-report-transcribed.txt"));

        String text = FeedbackSummary.of(profile, new SliceMapping("toy.c", 20, 5), String.join("\n",
                TOY_LINES.subList(19, 24)), 3).withPerfReport(bperf).render();

        assertThat(text).contains("- slice line 3:").doesNotContain("- slice line 9");
        assertThat(text).contains("Outside the slice (context, not editable): toy.c:16 (impact");
        assertThat(text).contains("off-CPU 72.5% (I/O 9.1%, lock 50.2%, scheduling 0.0%, other 13.2%)");
    }

    @Test
    void staysBoundedOnALargeProfile() {
        CausalProfile profile = CozProfile.read(TestResources.path("coz/rocksdb-fillrandom-tree.coz"))
                .analyze(ViewerVariant.HEAD, 0);
        char[] line = new char[400];
        Arrays.fill(line, 'x');
        String slice = (new String(line) + "\n").repeat(3000);

        String text = FeedbackSummary.of(profile, new SliceMapping("db/memtable.cc", 1, 3000), slice, 5).render();

        assertThat(text.lines().filter(l -> l.startsWith("- slice line"))).hasSizeBetween(1, 5);
        assertThat(text.length()).isLessThan(2500);
    }

    @Test
    void rejectsAnUnreasonableNumberOfLines() {
        CausalProfile profile = CozProfile.parse("").analyze(ViewerVariant.HEAD, 0);

        assertThatThrownBy(() -> FeedbackSummary.of(profile, new SliceMapping("a.c", 1, 1), "", 50))
                .hasMessageContaining("maxLines must be between 1 and 10");
        assertThat(FeedbackSummary.of(profile, new SliceMapping("a.c", 1, 1), "", 3).render())
                .contains("No line inside the slice has a predicted program speedup");
    }
}
