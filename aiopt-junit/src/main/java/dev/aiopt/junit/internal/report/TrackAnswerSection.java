package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;

import dev.aiopt.junit.internal.judge.AnswerSource;
import dev.aiopt.junit.internal.judge.TrackAnswer;
import dev.aiopt.junit.internal.judge.TrackAnswer.PairTest;
import dev.aiopt.junit.internal.judge.TrackAnswer.TrackMedian;
import dev.aiopt.junit.internal.judge.TrackSample;
import dev.aiopt.junit.internal.report.TrackComparison.Entry;
import dev.aiopt.junit.internal.stats.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's answer to "does causal vision beat blind intelligence?": the runs of each track are its
 * replicates, each contributing its champion's ratio to the baseline (x1 when it found nothing), analysed by
 * {@link TrackAnswer} for throughput and p99.
 */
final class TrackAnswerSection {
    private static final double ALPHA = 0.05;
    private static final long SEED = 1;

    private TrackAnswerSection() {}

    /** Where the replicate figures come from: the tournament when every run took part in it. */
    static String figures(List<Entry> entries) {
        long inTournament = entries.stream().filter(e -> e.run().tournament() != null).count();
        if (inTournament == entries.size()) {
            // A tournament of zero programs is what Tournament.play records when no champion beat the baseline.
            boolean anyBlock = entries.stream().anyMatch(e -> e.run().tournament().programs() > 0);
            if (!anyBlock) {
                return "Figures: no run's champion beat the baseline, so the final tournament benchmarked nothing: "
                        + "every run counts as x1 and every interval below is the degenerate [1, 1].";
            }
            return "Figures: each run's champion as measured in the final tournament (the baseline and every champion "
                    + "that beat it benchmarked round-robin in one block, under the same machine state); a run whose "
                    + "champion is the baseline counts as x1.";
        }
        return "Figures: " + (entries.size() - inTournament) + " of " + entries.size() + " runs took no part in a "
                + "tournament, so their champions were re-measured in their own runs, under other machine states; "
                + "compare with care.";
    }

    /** Throughput then p99; empty when fewer than two tracks ran. */
    static List<TrackAnswer> answers(List<Entry> entries) {
        Map<String, List<Entry>> byTrack = new LinkedHashMap<>();
        entries.forEach(e -> byTrack.computeIfAbsent(e.run().track(), t -> new ArrayList<>()).add(e));
        if (byTrack.size() < 2) {
            return List.of();
        }
        List<TrackSample> throughput = new ArrayList<>();
        List<TrackSample> p99 = new ArrayList<>();
        byTrack.forEach((track, runs) -> {
            // Offline replay anywhere in a track makes its answers the shared recording's.
            AnswerSource source = runs.stream().anyMatch(e -> e.run().offline()) ? AnswerSource.OFFLINE_REPLAY
                    : AnswerSource.LIVE_MODEL;
            throughput.add(new TrackSample(track, source, runs.stream()
                    .map(e -> e.bestThroughput() == null ? 1.0 : e.bestThroughput().ratio()).toList()));
            p99.add(new TrackSample(track, source, runs.stream()
                    .map(e -> e.bestP99() == null ? 1.0 : e.bestP99().ratio()).toList()));
        });
        return List.of(
                TrackAnswer.of("throughput", Direction.HIGHER_IS_BETTER, throughput, TrackAnswer.Question.seeds(),
                        ALPHA, SEED),
                TrackAnswer.of("p99", Direction.LOWER_IS_BETTER, p99, TrackAnswer.Question.seeds(), ALPHA, SEED));
    }

    static String html(List<TrackAnswer> answers, String figures) {
        if (answers.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<section id=\"answer\"><h2>Does causal vision beat blind intelligence?</h2>");
        out.append("<p class=\"note\">").append(esc(figures)).append("</p>");
        for (TrackAnswer a : answers) {
            out.append("<p><b>").append(esc(a.metric())).append(":</b> ").append(esc(a.answer())).append("</p>");
        }
        answers.get(0).caveat().ifPresent(c -> out.append("<p class=\"note\">").append(esc(c)).append("</p>"));
        for (TrackAnswer a : answers) {
            out.append("<h3>").append(esc(a.metric())).append(" per track</h3><div class=\"scroll\"><table style=\"max-width:760px\"><thead>"
                    + "<tr><th>track</th><th class=\"n\">K</th><th class=\"n\">median ratio [95% bootstrap CI]</th>"
                    + "<th>answers from</th></tr></thead><tbody>");
            for (TrackMedian t : a.tracks()) {
                out.append("<tr><td><b>").append(esc(t.track())).append("</b></td><td class=\"n\">").append(t.replicates())
                        .append("</td><td class=\"n\">").append(median(t)).append("</td><td>")
                        .append(esc(t.source().label())).append("</td></tr>");
            }
            out.append("</tbody></table></div><div class=\"scroll\"><table style=\"max-width:760px\"><thead><tr><th>A</th><th>B</th>"
                    + "<th class=\"n\">Mann-Whitney p</th><th class=\"n\">Holm p</th><th class=\"n\">Cliff's δ (A better)"
                    + "</th><th>magnitude</th><th>significant</th></tr></thead><tbody>");
            for (String[] row : pairRows(a)) {
                out.append("<tr>");
                for (int i = 0; i < row.length; i++) {
                    out.append(i >= 2 && i <= 4 ? "<td class=\"n\">" : "<td>").append(esc(row[i])).append("</td>");
                }
                out.append("</tr>");
            }
            out.append("</tbody></table></div><p class=\"note\">").append(esc(limits(a))).append("</p>");
        }
        return out.append("</section>\n").toString();
    }

    static String markdown(List<TrackAnswer> answers, String figures) {
        if (answers.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n## Does causal vision beat blind intelligence?\n\n");
        out.append(figures).append("\n\n");
        for (TrackAnswer a : answers) {
            out.append("**").append(a.metric()).append(":** ").append(a.answer()).append("\n\n");
        }
        answers.get(0).caveat().ifPresent(c -> out.append(c).append("\n\n"));
        for (TrackAnswer a : answers) {
            out.append("| track | K | median ").append(a.metric()).append(" ratio [95% bootstrap CI] | answers from |\n"
                    + "|---|--:|--:|---|\n");
            for (TrackMedian t : a.tracks()) {
                out.append("| ").append(t.track()).append(" | ").append(t.replicates()).append(" | ").append(median(t))
                        .append(" | ").append(t.source().label()).append(" |\n");
            }
            out.append("\n| A | B | Mann-Whitney p | Holm p | Cliff's δ (A better) | magnitude | significant |\n"
                    + "|---|---|--:|--:|--:|---|---|\n");
            for (String[] row : pairRows(a)) {
                out.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            out.append("\n").append(limits(a)).append("\n\n");
        }
        return out.toString();
    }

    private static List<String[]> pairRows(TrackAnswer a) {
        List<String[]> rows = new ArrayList<>();
        for (PairTest p : a.pairs()) {
            rows.add(new String[] {p.a(), p.b(), String.format(Locale.ROOT, "%.3g", p.pValue()),
                String.format(Locale.ROOT, "%.3g", p.holmP()), String.format(Locale.ROOT, "%+.2f", p.cliffsDelta()),
                p.magnitude(), a.tooSmall() ? "K too small" : p.significant() ? "yes" : "no"});
        }
        return rows;
    }

    private static String median(TrackMedian t) {
        return String.format(Locale.ROOT, "x%.3f [%.3f, %.3f]", t.median(), t.low(), t.high());
    }

    private static String limits(TrackAnswer a) {
        String shift = a.detectableShift().isPresent()
                ? String.format(Locale.ROOT, "smallest shift detectable at this K with %.0f%% power (from the pooled "
                        + "replicate spread, Holm's strictest level): %.3f in the %s ratio", 100 * TrackAnswer.POWER,
                        a.detectableShift().getAsDouble(), a.metric())
                : "no shift is detectable at this K" + (a.tooSmall() ? ", whatever its size" : " (no spread measured)");
        return String.format(Locale.ROOT, "Smallest p-value the exact test can give at these K: %.4f; %s. Two-sided "
                + "Mann-Whitney U per pair, Holm-corrected over %d pair%s at α = %.2f; Cliff's δ over replicate pairs.",
                a.smallestPValue(), shift, a.pairs().size(), a.pairs().size() == 1 ? "" : "s", a.alpha());
    }
}
