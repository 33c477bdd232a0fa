package dev.aiopt.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PressureReportTest {

    @Test
    void theRealReadersFiguresReachTheRunFile() {
        List<Map<String, Double>> figures = PressureFixture.figures();

        // fillrandom_t2_nowal_stall: "Cumulative stall: 00:00:1.725 H:M:S, 20.3 percent"; the others do not stall.
        assertThat(figures).extracting(f -> f.get(PressureSection.STALL)).containsExactly(20.3, 0.0, 0.0, 0.0);
        assertThat(figures).allSatisfy(f -> assertThat(f.get(PressureSection.WRITE_P99)).isPositive());
    }

    @Test
    void aReportOfADbBenchRunShowsStallL0AndWriteP99PerProgramWithTheBaselinesSpread(@TempDir Path work)
            throws Exception {
        Path runDir = Fixture.write(work.resolve("run"), PressureFixture.json());

        String page = RunPage.render(RunJson.read(runDir));

        assertThat(page).contains("<section id=\"pressure\">", "write stall %", "L0 files", "write p99 µs",
                "median [min, max]");
        // The baseline's ten runs took the four outputs in turn: its stall runs from 0.0 to 20.3 %.
        assertThat(row(page, "g0-baseline")).contains(">0.0 <span class=\"ci\">[0.0, 20.3]</span>");
        assertThat(PageFigures.disagreements(page, runDir)).isEmpty();
    }

    @Test
    void theFigureCheckCatchesAWrongPressureFigure(@TempDir Path work) throws Exception {
        Path runDir = Fixture.write(work.resolve("run"), PressureFixture.json());
        String page = RunPage.render(RunJson.read(runDir));

        String wrong = page.replace("[0.0, 20.3]", "[0.0, 20.4]");

        assertThat(wrong).isNotEqualTo(page);
        assertThat(PageFigures.disagreements(wrong, runDir)).anyMatch(p -> p.contains("stall_percent")
                && p.contains("20.4") && p.contains("20.3"));
    }

    @Test
    void aColumnWithoutFiguresIsLeftOut(@TempDir Path work) throws Exception {
        Path runDir = Fixture.write(work.resolve("run"), PressureFixture.json(PressureSection.WRITE_P99));

        String page = RunPage.render(RunJson.read(runDir));

        assertThat(page).contains("<section id=\"pressure\">", "write stall %").doesNotContain("write p99 µs");
        assertThat(PageFigures.disagreements(page, runDir)).isEmpty();
    }

    @Test
    void aRunWithoutStallOrL0FiguresHasNoPressureSection(@TempDir Path work) throws Exception {
        // The embedded target prints a write histogram but no stats dump: its report stays as it was.
        Path runDir = Fixture.write(work.resolve("run"), PressureFixture.json(PressureSection.STALL, PressureSection.L0));
        Path embedded = Fixture.runDir(work.resolve("embedded"));

        assertThat(RunPage.render(RunJson.read(runDir))).doesNotContain("id=\"pressure\"");
        assertThat(RunPage.render(RunJson.read(embedded))).doesNotContain("id=\"pressure\"");
        assertThat(PageFigures.disagreements(RunPage.render(RunJson.read(runDir)), runDir)).isEmpty();
        assertThat(Files.readString(runDir.resolve("run.json"))).contains("write.p99_us");
    }

    private static String row(String page, String id) {
        int section = page.indexOf("<section id=\"pressure\">");
        int start = page.indexOf("<td class=\"mono\">" + id + "</td>", section);
        return start < 0 ? "" : page.substring(start, page.indexOf("</tr>", start));
    }
}
