package dev.aiopt.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void runReportHasEverySection() throws Exception {
        String html = render(Fixture.json());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<h1>EmbeddedWritePathExperiment", "track <b>profiler</b>",
                        "run <b>2026-11-24T05-30-00Z-seed42</b>", "seed 42")
                .contains("id=\"summary\"", "id=\"fitness\"", "id=\"ratios\"", "id=\"statuses\"", "id=\"lineage\"",
                        "id=\"causal\"", "id=\"best-diff\"", "id=\"candidates\"", "id=\"configuration\"",
                        "id=\"ledger\"")
                .contains("class=\"plot fitness-plot\"", "class=\"plot ratio-plot\"", "class=\"plot status-plot\"")
                .contains("writepath.cc:142", "causal realization 0.550")
                .contains("aiopt.bench.repeats", "junit-platform.properties")
                .contains("gpt-5-mini (replay)", "$0.0112", "24,419 tokens")
                .contains("stopped early: <b>budget: 12 of 12 candidates evaluated</b>");
    }

    @Test
    void everyFigureOfThePageIsWhatRunJsonSays() throws Exception {
        Path runDir = Fixture.write(dir.resolve("figures"), chained(Fixture.json()));
        String html = Files.readString(ReportWriter.writeRunReport(runDir));

        assertThat(PageFigures.disagreements(html, runDir)).isEmpty();
        assertThat(html).contains("vs baseline, chained via g1-c2 (measured ×1.045 vs g1-c2)", "vs baseline, direct",
                        "first measurement 0.5620")
                // the duplicate is not counted as benchmarked, and the fitness plot draws it as a cross
                .contains("6 benchmarked, 3 improved, 1 duplicate (not benchmarked again)")
                .containsPattern("<path class=\"point\" data-id=\"g2-c4\"");
    }

    @Test
    void theFigureCheckFailsOnAPageThatSaysSomethingElse() throws Exception {
        Path runDir = Fixture.write(dir.resolve("tampered"), chained(Fixture.json()));
        String html = Files.readString(ReportWriter.writeRunReport(runDir));

        assertThat(PageFigures.disagreements(html.replace("chained via g1-c2", "chained via g1-c1")
                .replace(">0.5620<", ">0.5000<"), runDir))
                .anyMatch(p -> p.startsWith("g2-c1 ratio reference: page shows 'vs baseline, chained via g1-c1"))
                .anyMatch(p -> p.startsWith("g2-c1 fitness: page shows '0.5000'"));
    }

    /** g2-c1 as the engine writes it now: its ratios to the baseline chained through g1-c2, the direct ones beside. */
    private static String chained(String json) {
        String direct = """
                      "comparison": {
                        "throughput": {
                          "ratio": 1.045,
                          "low": 1.013,
                          "high": 1.077,
                          "pValue": 0.008,
                          "decision": "BETTER",
                          "reference": "g1-c2"
                        },
                        "p99": {
                          "ratio": 0.958,
                          "low": 0.898,
                          "high": 1.018,
                          "pValue": 0.18,
                          "decision": "NO_DIFFERENCE",
                          "reference": "g1-c2"
                        }
                      },""".indent(6);
        assertThat(json).contains(direct);
        return json.replace(direct, """
                      "comparison": {
                        "throughput": {"ratio": 1.118, "low": 1.084, "high": 1.152, "pValue": 0.008,
                          "decision": "BETTER", "reference": "g0-baseline"},
                        "p99": {"ratio": 0.910, "low": 0.853, "high": 0.967, "pValue": 0.18,
                          "decision": "NO_DIFFERENCE", "reference": "g0-baseline"},
                        "vsParent": {
                          "throughput": {"ratio": 1.045, "low": 1.013, "high": 1.077, "pValue": 0.008,
                            "decision": "BETTER", "reference": "g1-c2"},
                          "p99": {"ratio": 0.958, "low": 0.898, "high": 1.018, "pValue": 0.18,
                            "decision": "NO_DIFFERENCE", "reference": "g1-c2"}
                        }
                      },""".indent(6));
    }

    @Test
    void pagesGetTheSameFileModeAsRunJson() throws Exception {
        Path runDir = Fixture.runDir(dir.resolve("mode"));
        Path report = ReportWriter.writeRunReport(runDir);

        // run.json is written with the process's umask; a page must not be 0600 beside it.
        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(runDir.resolve("run.json")));
        assertThat(Files.getPosixFilePermissions(ReportWriter.writeIndex(dir)))
                .isEqualTo(Files.getPosixFilePermissions(runDir.resolve("run.json")));
    }

    @Test
    void candidatesEvaluatedOnAClusterShowTheirNodeAndEachGenerationItsTimeInQueueBuildAndBench() throws Exception {
        String local = render(Fixture.json());
        assertThat(local).doesNotContain("<th>node</th>", "id=\"cluster\"");

        String json = Fixture.json()
                .replace("\"id\": \"g1-c1\",", "\"id\": \"g1-c1\", \"placement\": {\"node\": \"n2\", \"jobId\": \"149\","
                        + " \"queueMs\": 854, \"attempt\": 1},")
                .replace("\"id\": \"g1-c2\",", "\"id\": \"g1-c2\", \"placement\": {\"node\": \"n3\", \"jobId\": \"150\","
                        + " \"queueMs\": 1146, \"attempt\": 2},");
        String html = render(json);

        assertThat(html).contains("<th>node</th>", "n2 (job 149, 854 ms queued)", "n3 (job 150, 1146 ms queued, attempt 2)");
        // Generation 1: two jobs on n2 and n3, 0.854 + 1.146 s queued (max 1.146), build + verify 6567 + 994 +
        // 7542 + 993 ms, bench 23459 + 23570 ms.
        assertThat(html).contains("id=\"cluster\"", "<td class=\"n\">1</td><td class=\"n\">2</td>"
                + "<td class=\"mono\">n2 n3</td><td class=\"n\">2.0 (1.1)</td><td class=\"n\">16.1</td>"
                + "<td class=\"n\">47.0</td>");
    }

    @Test
    void offlineRunsAreLabelledAsReplays() throws Exception {
        assertThat(render(Fixture.json())).contains(">OFFLINE REPLAY</span>").doesNotContain("LIVE MODEL");

        String live = render(Fixture.json().replace("\"offline\": true", "\"offline\": false"));

        assertThat(live).doesNotContain("OFFLINE REPLAY").contains("LIVE MODEL");
    }

    @Test
    void everyPlotHasOnePointPerDatum() throws Exception {
        RunData run = Fixture.run(dir);
        String html = render(Fixture.json());

        long compared = run.candidates().stream().filter(c -> c.throughput() != null).count()
                + run.candidates().stream().filter(c -> c.p99() != null).count();
        long statuses = run.candidates().stream().map(RunData.Candidate::status).distinct().count();
        assertThat(ReportBrowserTest.points(html, "fitness-plot")).isEqualTo(run.candidates().size());
        assertThat(ReportBrowserTest.points(html, "ratio-plot")).isEqualTo(compared + 2); // + the champion's two
        assertThat(ReportBrowserTest.points(html, "status-plot")).isEqualTo(statuses);
        // Each candidate's dot carries its id and status as a tooltip.
        assertThat(html).contains("data-id=\"g2-c1\"", "<title>g2-c1 · IMPROVED · fitness 0.5620</title>");
    }

    @Test
    void escapesEverythingTakenFromRunJson() throws Exception {
        String hostile = Fixture.json()
                .replace("\"experiment\": \"EmbeddedWritePathExperiment\"",
                        "\"experiment\": \"Exp\\\"><img src=x onerror=alert(1)>\"")
                .replace("\"g3-c3\"", "\"g3-\\\"c3'<b>\"");

        String html = render(hostile);

        assertThat(html).doesNotContain("<script", "<img", "<b>c3")
                .contains("Exp&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("data-id=\"g3-&quot;c3&#39;&lt;b&gt;\"")
                .contains("(&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;)")
                .contains("keys missing &lt;lost writes&gt;; fitness 0")
                .contains("std::vector&lt;WriteBatch*&gt; batches;")
                .contains("echo &quot;ok&quot; &gt; build.log");
    }

    @Test
    void loadsNothingFromTheNetwork() throws Exception {
        String html = render(Fixture.json());

        assertThat(resourceReferences(html)).isEmpty();
        assertThat(html).doesNotContain("<script", "<link", "@import", "url(")
                .contains("default-src 'none'");
        // A URL in the configuration is shown as text, not loaded.
        assertThat(html).contains("<td class=\"mono reason\">http://localhost:8000/v1</td>");
    }

    @Test
    void resourceReferenceCheckFindsReferences() {
        assertThat(resourceReferences("<img src=\"https://cdn.example/x.png\"><a href='//x.org/y'>"
                + "<use xlink:href=\"http://a/b#c\"/>")).hasSize(3);
    }

    @Test
    void bestDiffIsEscapedAndColouredPerLine() throws Exception {
        String html = render(Fixture.json());
        String best = html.substring(html.indexOf("id=\"best-diff\""), html.indexOf("id=\"candidates\""));

        assertThat(best).contains("<span class=\"hdr\">+++ b/writepath.cc</span>")
                .contains("<span class=\"hunk\">@@ -160,6 +160,8 @@ Status WritePath::WriteImpl(")
                .contains("<span class=\"add\">+    batches.reserve(write_group.size);</span>")
                .contains("<span class=\"del\">-      mutex_.Lock();</span>")
                .contains("<span class=\"ctx\">     if (status.ok()) {</span>");
    }

    @Test
    void lineageNestsChildrenUnderTheirParent() throws Exception {
        String html = render(Fixture.json());
        String lineage = html.substring(html.indexOf("id=\"lineage\""), html.indexOf("id=\"causal\""));

        Matcher g2c1 = Pattern.compile("<span class=\"id\">g2-c1</span>.*?<ul>(.*?)</ul>", Pattern.DOTALL)
                .matcher(lineage);
        assertThat(g2c1.find()).isTrue();
        assertThat(g2c1.group(1)).contains(">g3-c1<", ">g3-c2<", ">g3-c3<").doesNotContain(">g3-c4<");
        assertThat(lineage).contains("★ best");
    }

    @Test
    void bestDiffIsReadFromItsFileWhenNotInlined() throws Exception {
        Path runDir = Fixture.write(dir.resolve("run"), Fixture.json().replaceFirst("\"unifiedDiff\": \"[^\"]*\"",
                "\"unifiedDiff\": null"));
        Files.writeString(runDir.resolve("best.diff"), "--- a/x.cc\n+++ b/x.cc\n@@ -1 +1 @@\n-old<int>\n+new<int>\n");

        String html = Files.readString(ReportWriter.writeRunReport(runDir));

        assertThat(html).contains("<span class=\"del\">-old&lt;int&gt;</span><span class=\"add\">+new&lt;int&gt;</span>");
    }

    @Test
    void aMinimalRunJsonRendersWithEveryOptionalPartAbsent() throws Exception {
        String html = render("{\"schema\": 1, \"experiment\": \"E\", \"track\": \"baseline\", \"run\": \"r\","
                + " \"finishedAt\": null, \"champion\": null, \"ledger\": null, \"profile\": null,"
                + " \"candidates\": [{\"id\": \"g1-c1\", \"status\": \"BUILD_FAILED\", \"fitness\": null,"
                + " \"metrics\": null, \"comparison\": null, \"causal\": null}]}");

        assertThat(html).contains("<b>not finished</b>", "No candidate was compared with a reference yet.",
                        "No best candidate.", "Not recorded.", "No model calls recorded.")
                .doesNotContain("id=\"causal\"");
        assertThat(ReportBrowserTest.points(html, "fitness-plot")).isEqualTo(1);
    }

    @Test
    void manyGenerationsGetShortAxisLabelsAndEveryCandidateAPoint() throws Exception {
        StringBuilder candidates = new StringBuilder();
        for (int g = 1; g <= 12; g++) {
            for (int c = 1; c <= 4; c++) {
                candidates.append(candidates.length() == 0 ? "" : ",").append("{\"id\": \"g").append(g).append("-c")
                        .append(c).append("\", \"generation\": ").append(g).append(", \"status\": \"NO_CHANGE\","
                                + " \"fitness\": ").append(0.5 + g * 0.001 + c * 0.0001).append("}");
            }
        }
        String html = render("{\"schema\": 1, \"experiment\": \"E\", \"track\": \"gpt5\", \"run\": \"r\","
                + " \"candidates\": [" + candidates + "]}");

        assertThat(ReportBrowserTest.points(html, "fitness-plot")).isEqualTo(48);
        assertThat(html).contains(">12</text>", ">generation</text>").doesNotContain("generation 12");
    }

    @Test
    void aMissingRunJsonIsReportedWithWhatToPass() {
        assertThatThrownBy(() -> ReportWriter.writeRunReport(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no run.json in " + dir.toAbsolutePath())
                .hasMessageContaining("target/aiopt/<experiment>/<track>/<run>/");
    }

    @Test
    void brokenRunJsonIsReportedWithFileAndPath() {
        Fixture.write(dir.resolve("cut"), Fixture.json().substring(0, 500));
        assertThatThrownBy(() -> ReportWriter.writeRunReport(dir.resolve("cut")))
                .hasMessageContaining(dir.resolve("cut/run.json").toAbsolutePath() + " is not valid JSON")
                .hasMessageContaining("re-run the experiment");

        Fixture.write(dir.resolve("schema"), Fixture.json().replace("\"schema\": 1", "\"schema\": 2"));
        assertThatThrownBy(() -> ReportWriter.writeRunReport(dir.resolve("schema")))
                .hasMessageContaining("$.schema is 2, but this report writer reads schema 1");

        Fixture.write(dir.resolve("type"), Fixture.json().replace("\"fitness\": 0.531", "\"fitness\": \"high\""));
        assertThatThrownBy(() -> ReportWriter.writeRunReport(dir.resolve("type")))
                .hasMessageContaining(dir.resolve("type/run.json").toAbsolutePath() + ": $.candidates[2].fitness ")
                .hasMessageContaining("from String \"high\"");
    }

    @Test
    void indexListsEveryRunWithLinksAndWritesMissingReports() throws Exception {
        Path root = dir.resolve("aiopt");
        Path profiler = Fixture.runDir(root.resolve("EmbeddedWritePathExperiment/profiler/2026-11-24T05-30-00Z"));
        Path baseline = Fixture.runDir(root.resolve("EmbeddedWritePathExperiment/baseline/run 2"), "baseline");
        Path broken = Fixture.write(root.resolve("Other/gpt5/r1"), "{\"schema\": 1, \"candidates\": 3}");
        ReportWriter.writeComparison(root.resolve("EmbeddedWritePathExperiment"), List.of(baseline, profiler));

        Path index = ReportWriter.writeIndex(root);

        String html = Files.readString(index);
        assertThat(index).isEqualTo(root.resolve("index.html"));
        assertThat(html).contains("href=\"EmbeddedWritePathExperiment/profiler/2026-11-24T05-30-00Z/report.html\"")
                .contains("href=\"EmbeddedWritePathExperiment/baseline/run%202/report.html\"")
                .contains("href=\"EmbeddedWritePathExperiment/comparison.html\"")
                .contains("+11.2% <span class=\"ci\">1.112 <span class=\"ci\">[1.081, 1.146]</span>")
                .contains("unreadable: ", "$.candidates Cannot deserialize");
        assertThat(profiler.resolve("report.html")).exists();
        assertThat(baseline.resolve("report.html")).exists();
        assertThat(broken.resolve("report.html")).doesNotExist();
        assertThat(resourceReferences(html)).isEmpty();
    }

    @Test
    void indexOfAMissingRootSaysWhatToPass() {
        assertThatThrownBy(() -> ReportWriter.writeIndex(dir.resolve("nothing")))
                .hasMessageContaining("no aiopt output directory at " + dir.resolve("nothing").toAbsolutePath());
    }

    @Test
    void comparisonShowsEachTrackAndTheEffectSizeBetweenThem() throws Exception {
        Path experiment = dir.resolve("EmbeddedWritePathExperiment");
        Path profiler = Fixture.runDir(experiment.resolve("profiler/r1"));
        Path baseline = Fixture.write(experiment.resolve("baseline/r1"), Fixture.weaker("baseline"));

        Path page = ReportWriter.writeComparison(experiment, List.of(baseline, profiler));

        double[] a = TrackComparison.Entry.of(baseline, RunJson.read(baseline)).fitness();
        double[] b = TrackComparison.Entry.of(profiler, RunJson.read(profiler)).fitness();
        String expectedDelta = String.format(java.util.Locale.ROOT, "%+.3f", bruteForceCliffsDelta(a, b));
        String html = Files.readString(page);
        String table = Files.readString(experiment.resolve("comparison.md"));
        assertThat(page).isEqualTo(experiment.resolve("comparison.html"));
        assertThat(html).contains("<b>baseline</b>", "<b>profiler</b>", "href=\"profiler/r1/report.html\"",
                "champion g2-c1 re-measured vs baseline, 10 repeats", "best candidate g2-c1 vs g1-c2, not re-measured",
                expectedDelta, "Cliff&#39;s delta");
        assertThat(table).contains("| profiler (offline replay) | 2026-11-24T05-30-00Z-seed42 | +11.2% | "
                        + "1.112 [1.081, 1.146] | 0.917 [0.862, 0.981] | champion g2-c1 re-measured vs baseline,"
                        + " 10 repeats | 0.5620 | 12 | 6 | 3 | 0.0112 | 24419 |")
                .contains("| baseline | profiler | " + expectedDelta + " | ")
                // best ratio baseline/profiler: 1.045 (g2-c1 vs its parent) / 1.112 (champion)
                .contains(String.format(java.util.Locale.ROOT, " | %.3f |", 1.045 / 1.112))
                .contains("Cliff's delta on the candidates' fitness");
        assertThat(bruteForceCliffsDelta(a, b)).isNegative();
        assertThat(baseline.resolve("report.html")).exists();
    }

    @Test
    void comparisonRefusesRunsOfDifferentExperiments() {
        Path one = Fixture.runDir(dir.resolve("a"));
        Path other = Fixture.write(dir.resolve("b"), Fixture.json().replace("EmbeddedWritePathExperiment", "Other"));

        assertThatThrownBy(() -> ReportWriter.writeComparison(dir, List.of(one, other)))
                .hasMessageContaining("cannot compare runs of different experiments");
        assertThatThrownBy(() -> ReportWriter.writeComparison(dir, List.of()))
                .hasMessageContaining("no runs to compare");
    }

    @Test
    void cliffsDeltaMatchesCountingPairs() {
        assertThat(TrackComparison.cliffsDelta(new double[] {3, 5, 6}, new double[] {2, 4}))
                .isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TrackComparison.cliffsDelta(new double[] {1, 2, 3}, new double[] {2, 2})).isEqualTo(0.0);
        assertThat(TrackComparison.cliffsDelta(new double[] {1}, new double[] {2})).isEqualTo(-1.0);
        assertThat(TrackComparison.cliffsDelta(new double[] {}, new double[] {2})).isNaN();
        assertThat(List.of(0.1, 0.2, -0.4, 0.9).stream().map(TrackComparison::magnitude))
                .containsExactly("negligible", "small", "medium", "large");
    }

    private String render(String json) throws Exception {
        Path runDir = Fixture.write(Files.createTempDirectory(dir, "run"), json);
        Path report = ReportWriter.writeRunReport(runDir);
        assertThat(report).isEqualTo(runDir.resolve("report.html"));
        return Files.readString(report);
    }

    /** Attributes that would make a browser fetch something from a network location. */
    static List<String> resourceReferences(String html) {
        Matcher m = Pattern.compile("(?i)\\b(src|href|xlink:href|action|srcset|poster|data)\\s*=\\s*[\"']?\\s*"
                + "(https?:|//)[^\"'\\s>]*").matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static double bruteForceCliffsDelta(double[] a, double[] b) {
        int more = 0;
        int less = 0;
        for (double x : a) {
            for (double y : b) {
                more += x > y ? 1 : 0;
                less += x < y ? 1 : 0;
            }
        }
        return (more - less) / (double) (a.length * b.length);
    }
}
