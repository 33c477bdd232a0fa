package dev.aiopt.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison page's answer: runs of the same track are its replicates. */
class TrackAnswerSectionTest {
    @TempDir
    Path dir;

    @Test
    void threeReplicatesATrackAreTooFewToRankAndThePageSaysSo() throws Exception {
        Path experiment = dir.resolve("EmbeddedWritePathExperiment");
        List<Path> runs = new ArrayList<>();
        runs.addAll(replicates(experiment, "profiler", false, 1.30, 1.31, 1.32));
        runs.addAll(replicates(experiment, "gpt5", false, 1.01, 1.02, 1.03));

        ReportWriter.writeComparison(experiment, runs);

        String table = Files.readString(experiment.resolve("comparison.md"));
        String html = Files.readString(experiment.resolve("comparison.html"));
        assertThat(table).contains("## Does causal vision beat blind intelligence?",
                "**throughput:** K = 3 replicates per track is too small to say whether causal vision (profiler) beats "
                        + "blind intelligence (gpt5): with 3 against 3 the Mann-Whitney p-value cannot go below 0.100",
                "| profiler | 3 | x1.310 [", "| gpt5 | 3 | x1.020 [", "| profiler | gpt5 | 0.100 | 0.100 | +1.00 | large | K too small |",
                "| profiler | gpt5 | 1.00 | 1.00 | +0.00 | negligible | K too small |",
                "no shift is detectable at this K, whatever its size");
        assertThat(html).contains("<section id=\"answer\">", "too small to say whether causal vision");
    }

    @Test
    void fiveReplicatesWithASeparatedTrackAnswerYes() throws Exception {
        Path experiment = dir.resolve("EmbeddedWritePathExperiment");
        List<Path> runs = new ArrayList<>();
        runs.addAll(replicates(experiment, "profiler", false, 1.30, 1.31, 1.32, 1.33, 1.34));
        runs.addAll(replicates(experiment, "gpt5", false, 1.01, 1.02, 1.03, 1.04, 1.05));

        ReportWriter.writeComparison(experiment, runs);

        String table = Files.readString(experiment.resolve("comparison.md"));
        assertThat(table).contains("**throughput:** Yes: causal vision (profiler) beats blind intelligence (gpt5) on "
                + "throughput (median throughput x1.320").contains("smallest shift detectable at this K");
    }

    @Test
    void offlineReplayMeasuresOnlyNoise() throws Exception {
        Path experiment = dir.resolve("EmbeddedWritePathExperiment");
        List<Path> runs = new ArrayList<>();
        runs.addAll(replicates(experiment, "profiler", true, 1.30, 1.31, 1.32, 1.33, 1.34));
        runs.addAll(replicates(experiment, "gpt5", true, 1.01, 1.02, 1.03, 1.04, 1.05));

        ReportWriter.writeComparison(experiment, runs);

        assertThat(Files.readString(experiment.resolve("comparison.md")))
                .contains("**throughput:** This comparison cannot say whether causal vision (profiler)")
                .contains("Offline replay gives every track the same recorded answers")
                .contains("| profiler | 5 | x1.320 [1.300, 1.340] | offline replay |");
    }

    @Test
    void theTournamentsFiguresAreTheReplicatesWhenEveryRunTookPart() throws Exception {
        Path experiment = dir.resolve("EmbeddedWritePathExperiment");
        List<Path> runs = new ArrayList<>();
        // Champion re-measurements say 1.112 everywhere; the tournament says otherwise, and it is what counts.
        for (String track : List.of("profiler", "gpt5")) {
            for (int i = 0; i < 3; i++) {
                double ratio = (track.equals("profiler") ? 1.40 : 1.10) + i / 100.0;
                String tournament = String.format(Locale.ROOT, "{\"tournament\": {\"id\": \"g1-c1\", \"throughput\": "
                        + "{\"ratio\": %.3f, \"low\": %.3f, \"high\": %.3f, \"decision\": \"BETTER\", \"reference\": "
                        + "\"g0-baseline\"}, \"p99\": {\"ratio\": 0.9, \"decision\": \"BETTER\", \"reference\": "
                        + "\"g0-baseline\"}, \"repeats\": 6, \"programs\": 7, \"note\": \"7 programs round-robin, 6 "
                        + "rounds\"},", ratio, ratio - 0.02, ratio + 0.02);
                String json = Fixture.json().replace("\"track\": \"profiler\"", "\"track\": \"" + track + "\"")
                        .replace("\"offline\": true", "\"offline\": false").replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement(tournament));
                runs.add(Fixture.write(experiment.resolve(track + "/r" + (i + 1)), json));
            }
        }

        ReportWriter.writeComparison(experiment, runs);

        String table = Files.readString(experiment.resolve("comparison.md"));
        assertThat(table).contains("Figures: each run's champion as measured in the final tournament",
                "tournament: champion g1-c1 vs baseline; 7 programs round-robin, 6 rounds",
                "| profiler | 3 | x1.410 [", "| gpt5 | 3 | x1.110 [", "K = 3 replicates per track is too small");
    }

    @Test
    void aTournamentThatBenchmarkedNothingSaysSoInsteadOfClaimingABlock() throws Exception {
        Path experiment = dir.resolve("EmbeddedWritePathExperiment");
        List<Path> runs = new ArrayList<>();
        for (String track : List.of("profiler", "gpt5")) {
            String tournament = "{\"tournament\": {\"id\": \"g0-baseline\", \"throughput\": {\"ratio\": 1.0, "
                    + "\"low\": 1.0, \"high\": 1.0, \"decision\": \"NO_DIFFERENCE\", \"reference\": \"g0-baseline\"}, "
                    + "\"p99\": {\"ratio\": 1.0, \"decision\": \"NO_DIFFERENCE\", \"reference\": \"g0-baseline\"}, "
                    + "\"repeats\": 0, \"programs\": 0, \"note\": \"no run's champion beat the baseline\"},";
            String json = Fixture.json().replace("\"track\": \"profiler\"", "\"track\": \"" + track + "\"")
                    .replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement(tournament));
            runs.add(Fixture.write(experiment.resolve(track + "/r1"), json));
        }

        ReportWriter.writeComparison(experiment, runs);

        String table = Files.readString(experiment.resolve("comparison.md"));
        assertThat(table).contains("the final tournament benchmarked nothing")
                .doesNotContain("benchmarked round-robin in one block");
    }

    private List<Path> replicates(Path experiment, String track, boolean offline, double... ratios) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            String json = Fixture.json().replace("\"track\": \"profiler\"", "\"track\": \"" + track + "\"")
                    .replace("\"offline\": true", "\"offline\": " + offline)
                    .replace("\"ratio\": 1.112", String.format(Locale.ROOT, "\"ratio\": %.3f", ratios[i]));
            out.add(Fixture.write(experiment.resolve(track + "/r" + (i + 1)), json));
        }
        return out;
    }
}
