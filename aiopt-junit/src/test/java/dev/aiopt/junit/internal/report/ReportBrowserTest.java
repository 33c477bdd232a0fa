package dev.aiopt.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.aiopt.junit.internal.config.UserSwitches;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders reports in a real headless Chromium (Debian: {@code apt-get install -y chromium}) and fails on
 * console errors or plots without data; leaves a screenshot in {@code target/report-screenshot/report.png}.
 * Skipped, saying why, where Chromium is not installed, unless {@code -Daiopt.report.requireChromium=true} (for CI).
 *
 * <p>Reports of real runs are checked the same way when {@value #RUNS_PROPERTY} names a run directory or an aiopt
 * output root (absolute, or relative to this module), e.g. after the experiments ran:
 * {@code ./mvnw -pl aiopt-junit test -Dtest=ReportBrowserTest -Daiopt.report.check=$PWD/example-experiments/target/aiopt};
 * their screenshots go beside the fixture's.
 */
@Tag("browser")
class ReportBrowserTest {
    static final String RUNS_PROPERTY = "aiopt.report.check";
    /** Set to true in CI, where a missing Chromium must fail the build rather than skip the check. */
    static final String REQUIRE_PROPERTY = "aiopt.report.requireChromium";
    private static final Path OUTPUT = Path.of(System.getProperty("basedir", ".")).resolve("target/report-screenshot");
    /**
     * A laptop-wide window, where the index table overflowed, and a narrow one (half a wide screen). From
     * {@link #WIDE} px on, tables fit without scrolling; below, a table may scroll inside its own container.
     */
    private static final List<Integer> VIEWPORTS = List.of(1400, 800);
    private static final int WIDE = 1400;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void findChromium() {
        Optional<HeadlessChromium> found = HeadlessChromium.find();
        if (Boolean.parseBoolean(UserSwitches.testProperty(REQUIRE_PROPERTY))) {
            assertThat(found).as("chromium on the PATH (-D%s=true): install it with apt-get install -y chromium",
                    REQUIRE_PROPERTY).isPresent();
        }
        assumeTrue(found.isPresent(), "no chromium on the PATH: install it (Debian: apt-get install -y chromium)"
                + " to run the browser check of the reports");
        chromium = found.get();
    }

    @Test
    void runReportLoadsCleanlyWithItsPlots(@TempDir Path work) throws Exception {
        Path runDir = Fixture.runDir(OUTPUT.resolve("EmbeddedWritePathExperiment/profiler/synthetic-run"));
        Path report = ReportWriter.writeRunReport(runDir);

        HeadlessChromium.Load load = chromium.dumpDom(report, work);

        assertThat(problems(load, List.of("fitness-plot", "ratio-plot", "status-plot"))).isEmpty();
        assertThat(points(load.dom(), "fitness-plot")).isEqualTo(Fixture.run(work).candidates().size());
        assertThat(PageFigures.disagreements(load.dom(), runDir)).isEmpty();

        Path png = OUTPUT.resolve("report.png");
        chromium.screenshot(report, png, 1280, 2000, work);
        assertThat(pngSize(png)).containsExactly(1280, 2000);
        chromium.screenshot(report, OUTPUT.resolve("report-full.png"), 1280, 5600, work);
    }

    @Test
    void aDbBenchReportShowsItsPressureAsTheRunFileHasIt(@TempDir Path work) throws Exception {
        Path runDir = Fixture.write(OUTPUT.resolve("DbBenchPressure/profiler/synthetic-run"), PressureFixture.json());
        Path report = ReportWriter.writeRunReport(runDir);

        HeadlessChromium.Load load = chromium.dumpDom(report, work);

        assertThat(problems(load, List.of("fitness-plot", "ratio-plot", "status-plot"))).isEmpty();
        assertThat(load.dom()).contains("<section id=\"pressure\">");
        assertThat(PageFigures.disagreements(load.dom(), runDir)).isEmpty();
        for (int width : VIEWPORTS) {
            assertThat(PageLayout.overflows(chromium, report, width, width >= WIDE, work)).isEmpty();
        }
        chromium.screenshot(report, OUTPUT.resolve("pressure.png"), 1280, 1400, work);
    }

    @Test
    void reportsOfRealRunsLoadCleanly(@TempDir Path work) throws Exception {
        String where = Objects.toString(UserSwitches.testProperty(RUNS_PROPERTY), "");
        assumeTrue(!where.isBlank(), "no real runs to check: pass -D" + RUNS_PROPERTY + "=<run directory or"
                + " target/aiopt root> to check their reports too");
        Path root = Path.of(where);
        List<Path> runDirs;
        try (var found = Files.find(root, 4, (path, attributes) -> path.endsWith("run.json"))) {
            runDirs = found.map(Path::getParent).sorted().toList();
        }
        assertThat(runDirs).as("run.json files under %s", root.toAbsolutePath()).isNotEmpty();
        for (Path runDir : runDirs) {
            Path report = ReportWriter.writeRunReport(runDir);
            RunData run = RunJson.read(runDir);
            List<String> plots = run.candidates().stream().anyMatch(RunData.Candidate::hasComparison)
                    ? List.of("fitness-plot", "ratio-plot", "status-plot") : List.of("fitness-plot", "status-plot");

            HeadlessChromium.Load load = chromium.dumpDom(report, work);
            assertThat(problems(load, plots)).as("%s", report).isEmpty();
            // Figure by figure, the page says what run.json says (the main job's run, in CI).
            assertThat(PageFigures.disagreements(load.dom(), runDir)).as("%s against its run.json", report).isEmpty();
            for (int width : VIEWPORTS) {
                assertThat(PageLayout.overflows(chromium, report, width, width >= WIDE, work)).as("%s", report).isEmpty();
            }
            String name = (run.experiment() + "-" + run.track() + "-" + run.run()).replaceAll("[^A-Za-z0-9._-]", "_");
            chromium.screenshot(report, OUTPUT.resolve("run-" + name + ".png"), 1280, 2000, work);
        }
        if (!Files.exists(root.resolve("run.json"))) {
            Path index = ReportWriter.writeIndex(root);
            for (int width : VIEWPORTS) {
                assertThat(PageLayout.overflows(chromium, index, width, width >= WIDE, work)).as("%s", index).isEmpty();
            }
        }
    }

    @Test
    void indexAndComparisonLoadCleanly(@TempDir Path work) throws Exception {
        Path root = work.resolve("aiopt");
        List<Path> runs = new ArrayList<>();
        Path experiment = root.resolve("EmbeddedWritePathExperiment");
        for (String track : List.of("baseline", "gpt5", "gpt5_profiler")) {
            runs.add(Fixture.write(experiment.resolve(track).resolve("r1"), Fixture.weaker(track)));
        }
        runs.add(Fixture.runDir(experiment.resolve("profiler/r1")));
        Path comparison = ReportWriter.writeComparison(root.resolve("EmbeddedWritePathExperiment"), runs);
        Path index = ReportWriter.writeIndex(root);

        assertThat(problems(chromium.dumpDom(index, work), List.of())).isEmpty();
        chromium.screenshot(index, OUTPUT.resolve("index.png"), 1280, 700, work);
        assertThat(problems(chromium.dumpDom(comparison, work), List.of())).isEmpty();
        chromium.screenshot(comparison, OUTPUT.resolve("comparison.png"), 1280, 900, work);
    }

    @Test
    void everyPageFitsWideAndNarrowViewports(@TempDir Path work) throws Exception {
        // Where a real user's runs live: the index prints this root, and ids, paths and hashes are long.
        Path root = work.resolve("home/developer/projects/write-path-optimisation/example-experiments/target/aiopt");
        Path experiment = root.resolve("EmbeddedWritePathExperiment");
        List<Path> runs = new ArrayList<>();
        for (String track : List.of("baseline", "gpt5_profiler")) {
            runs.add(Fixture.write(experiment.resolve(track).resolve("2026-11-24T05-30-00Z-seed42"),
                    Fixture.weaker(track)));
        }
        runs.add(Fixture.runDir(experiment.resolve("profiler/2026-11-24T05-30-00Z-seed42")));
        List<Path> pages = new ArrayList<>();
        for (Path run : runs) {
            pages.add(ReportWriter.writeRunReport(run));
        }
        pages.add(ReportWriter.writeComparison(experiment, runs));
        pages.add(ReportWriter.writeIndex(root));

        List<String> overflows = new ArrayList<>();
        for (Path page : pages) {
            for (int width : VIEWPORTS) {
                overflows.addAll(PageLayout.overflows(chromium, page, width, width >= WIDE, work));
            }
        }

        assertThat(overflows).isEmpty();
    }

    @Test
    void theLayoutCheckCatchesWhatOverflows(@TempDir Path work) throws Exception {
        Path page = Html.write(work.resolve("wide.html"), Html.page("wide", "<section><table><tr><td class=\"mono\">"
                + "x".repeat(400) + "</td></tr></table></section><div class=\"scroll\"><table><tr><td class=\"mono\">"
                + "y".repeat(400) + "</td></tr></table></div>"));

        List<String> overflows = PageLayout.overflows(chromium, page, 800, false, work);

        assertThat(overflows).anyMatch(p -> p.contains("document: scrollWidth"))
                .anyMatch(p -> p.contains("is ") && p.contains("px wide and not in a scroll container") && p.contains("xxx"))
                .noneMatch(p -> p.contains("yyy"));
    }

    @Test
    void theCheckCatchesScriptErrorsAndEmptyPlots(@TempDir Path work) throws Exception {
        Path broken = work.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><body><svg class=\"plot fitness-plot\"></svg>"
                + "<script>console.error('boom'); missingFunction();</script></body></html>");

        List<String> problems = problems(chromium.dumpDom(broken, work), List.of("fitness-plot", "ratio-plot"));

        assertThat(problems).anyMatch(p -> p.contains("boom"))
                .anyMatch(p -> p.contains("missingFunction is not defined"))
                .anyMatch(p -> p.contains("fitness-plot has no data points"))
                .anyMatch(p -> p.contains("no ratio-plot"));
    }

    /** Console lines, and each wanted plot missing or without data points. */
    static List<String> problems(HeadlessChromium.Load load, List<String> plots) {
        List<String> problems = new ArrayList<>();
        load.consoleLines().forEach(line -> problems.add("console: " + line));
        if (!load.dom().contains("</html>")) {
            problems.add("no DOM: the page did not load\n" + load.stderr());
        }
        for (String plot : plots) {
            if (!Pattern.compile("<svg[^>]*class=\"plot " + plot + "\"").matcher(load.dom()).find()) {
                problems.add("no " + plot + " in the DOM");
            } else if (points(load.dom(), plot) == 0) {
                problems.add(plot + " has no data points");
            }
        }
        return problems;
    }

    /** How many elements of class "point" the plot holds in the DOM. */
    static int points(String dom, String plot) {
        Matcher svg = Pattern.compile("<svg[^>]*class=\"plot " + plot + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL)
                .matcher(dom);
        if (!svg.find()) {
            return 0;
        }
        Matcher point = Pattern.compile("class=\"point[ \"]").matcher(svg.group(1));
        int count = 0;
        while (point.find()) {
            count++;
        }
        return count;
    }

    private static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertThat(signature).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            data.readInt(); // IHDR length
            data.readInt(); // "IHDR"
            return new int[] {data.readInt(), data.readInt()};
        }
    }
}
