package dev.aiopt.junit.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes the human-readable pages of aiopt runs from their {@code run.json}: one report per run, an index of
 * all runs, and the comparison of tracks after {@code -Dtrack=all}. Every page is a single HTML file that
 * works offline: inline style and inline SVG plots, nothing loaded from anywhere. The evolution loop calls it
 * after writing {@code run.json}; it can also be called on old run directories to re-render them.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ReportWriter {
    /** File name of a run's report, beside its {@code run.json}. */
    public static final String REPORT = "report.html";
    /** File name of the index, in the aiopt output root. */
    public static final String INDEX = "index.html";
    /** File name of the track comparison page, in the experiment's directory. */
    public static final String COMPARISON = "comparison.html";
    /** File name of the track comparison as a Markdown table, beside the page. */
    public static final String COMPARISON_TABLE = "comparison.md";

    private ReportWriter() {}

    /**
     * Reads {@code runDir/run.json} and writes {@code runDir/report.html}.
     *
     * @return the report written
     * @throws IllegalArgumentException if there is no {@code run.json} or it does not match schema 1; the
     *     message names the file and the offending JSON path
     */
    public static Path writeRunReport(Path runDir) {
        Objects.requireNonNull(runDir, "runDir");
        RunData run = RunJson.read(runDir);
        return Html.write(runDir.resolve(REPORT), RunPage.render(run));
    }

    /**
     * Writes {@code aioptRoot/index.html} listing every run found as
     * {@code aioptRoot/<experiment>/<track>/<run>/run.json} (normally {@code target/aiopt}). A run whose report
     * is missing or older than its {@code run.json} gets it written first, so every link works; a run whose
     * {@code run.json} cannot be read is listed with the reason instead of failing the index.
     *
     * @return the index written
     */
    public static Path writeIndex(Path aioptRoot) {
        Objects.requireNonNull(aioptRoot, "aioptRoot");
        if (!Files.isDirectory(aioptRoot)) {
            throw new IllegalArgumentException("no aiopt output directory at " + aioptRoot.toAbsolutePath()
                    + ": pass the root the runs are written under (normally target/aiopt)");
        }
        List<IndexPage.Row> rows = new ArrayList<>();
        for (Path runJson : find(aioptRoot, 4, "run.json")) {
            Path runDir = runJson.getParent();
            String experiment = runDir.getParent().getParent().getFileName().toString();
            String track = runDir.getParent().getFileName().toString();
            String runName = runDir.getFileName().toString();
            try {
                RunData run = RunJson.read(runDir);
                writeIfStale(runDir, run);
                rows.add(new IndexPage.Row(runDir, experiment, track, runName, run, null));
            } catch (IllegalArgumentException e) {
                rows.add(new IndexPage.Row(runDir, experiment, track, runName, null, e.getMessage()));
            }
        }
        // Newest run first within an experiment and track; run names start with their timestamp.
        rows.sort(Comparator.comparing(IndexPage.Row::experiment).thenComparing(IndexPage.Row::track)
                .thenComparing(IndexPage.Row::runName, Comparator.reverseOrder()));
        List<Path> comparisons = find(aioptRoot, 2, COMPARISON);
        return Html.write(aioptRoot.resolve(INDEX), IndexPage.html(aioptRoot, rows, comparisons));
    }

    /**
     * Writes the comparison of tracks of one experiment ({@code -Dtrack=all}): {@code experimentDir/comparison.html}
     * and the same figures as a Markdown table in {@code experimentDir/comparison.md}. Per track: the best
     * improvement with its interval (the champion's re-measurement when there is one), candidates, cost; between
     * tracks: Cliff's delta on the candidates' fitness and the ratio of the best throughput ratios (defined on
     * the page). Writes the runs' own reports too where they are missing or out of date, as the page links to
     * them.
     *
     * @param runDirs one run directory per track, in the order to show them
     * @return the HTML page written
     */
    public static Path writeComparison(Path experimentDir, List<Path> runDirs) {
        Objects.requireNonNull(experimentDir, "experimentDir");
        if (runDirs == null || runDirs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare for " + experimentDir.toAbsolutePath()
                    + ": pass the run directory of each track");
        }
        List<TrackComparison.Entry> entries = TrackComparison.entries(runDirs);
        entries.forEach(e -> writeIfStale(e.runDir(), e.run()));
        String experiment = entries.get(0).run().experiment();
        for (TrackComparison.Entry e : entries) {
            if (!e.run().experiment().equals(experiment)) {
                throw new IllegalArgumentException("cannot compare runs of different experiments: "
                        + e.runDir().toAbsolutePath() + " is " + e.run().experiment() + ", "
                        + entries.get(0).runDir().toAbsolutePath() + " is " + experiment);
            }
        }
        Html.write(experimentDir.resolve(COMPARISON_TABLE), ComparisonPage.markdown(experiment, entries));
        return Html.write(experimentDir.resolve(COMPARISON), ComparisonPage.html(experiment, experimentDir, entries));
    }

    /** Writes the run's report when it is missing or older than its run.json, so that links to it work. */
    private static void writeIfStale(Path runDir, RunData run) {
        Path report = runDir.resolve(REPORT);
        try {
            if (!Files.exists(report) || Files.getLastModifiedTime(report)
                    .compareTo(Files.getLastModifiedTime(runDir.resolve("run.json"))) < 0) {
                Html.write(report, RunPage.render(run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dates of " + report.toAbsolutePath(), e);
        }
    }

    private static List<Path> find(Path root, int depth, String fileName) {
        try (Stream<Path> paths = Files.find(root, depth, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().equals(fileName) && root.relativize(path).getNameCount() == depth)) {
            return paths.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.toAbsolutePath(), e);
        }
    }
}
