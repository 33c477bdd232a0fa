package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;
import static dev.aiopt.junit.internal.report.Html.usd;

import dev.aiopt.junit.internal.report.RunData.Comparison;
import dev.aiopt.junit.internal.report.TrackComparison.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the side-by-side comparison of tracks, as a page and as a Markdown table. */
final class ComparisonPage {
    private ComparisonPage() {}

    static final String DEFINITION = "Effect size: Cliff's delta on the candidates' fitness, δ(A, B) = P(a > b) − "
            + "P(a < b) over every pair of a candidate of A and a candidate of B (ties count half), from −1 (B always"
            + " better) to +1 (A always better). Every proposed candidate counts, the baseline does not; a candidate"
            + " without a fitness (failed before the benchmark, or a duplicate) counts as 0. Magnitude after Romano"
            + " et al. (2006): |δ| < 0.147 negligible, < 0.33 small, < 0.474 medium, else large. Best ratio A/B: A's"
            + " best throughput ratio divided by B's (> 1: A found the larger improvement).";

    static String html(String experiment, Path experimentDir, List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("<header><h1>").append(esc(experiment)).append(": tracks compared</h1><div class=\"sub\">")
                .append(entries.size()).append(" runs · ").append(offlineNote(entries)).append("</div></header>\n");
        if (entries.stream().anyMatch(e -> e.run().offline())) {
            out.append("<p><span class=\"offline\" style=\"margin:0\">OFFLINE REPLAY</span> <span class=\"sub\">"
                    + "model answers replayed from a recording: the figures show the pipeline, not a model.</span></p>");
        }
        out.append("<section id=\"tracks\"><h2>Per track</h2><div class=\"scroll\"><table><thead><tr><th>track · run</th>"
                + "<th class=\"n\">best throughput [CI]</th><th class=\"n\">p99 ratio [CI]</th>"
                + "<th class=\"n\">best fitness</th>"
                + "<th class=\"n\" title=\"proposed / benchmarked / improved\">candidates<br>all / bench / impr</th>"
                + "<th class=\"n\">cost</th></tr></thead><tbody>");
        boolean mixed = entries.stream().anyMatch(e -> e.run().offline())
                && entries.stream().anyMatch(e -> !e.run().offline());
        for (Entry e : entries) {
            RunData run = e.run();
            out.append("<tr><td style=\"white-space:nowrap\"><b>").append(esc(run.track())).append("</b>")
                    .append(mixed && run.offline() ? " <span class=\"sub\">(offline replay)</span>" : "")
                    .append("<br><a class=\"mono\" href=\"")
                    .append(esc(IndexPage.link(experimentDir, e.runDir().resolve(ReportWriter.REPORT))))
                    .append("\">").append(esc(run.run())).append("</a></td><td class=\"n\">")
                    .append(change(e.bestThroughput())).append(Html.decision(decision(e.bestThroughput())))
                    .append("<br><span class=\"sub\">").append(esc(e.source())).append("</span>")
                    .append("</td><td class=\"n\">").append(Html.ratio(e.bestP99())).append("</td><td class=\"n\">")
                    .append(fixed(run.best() != null ? run.best().fitness() : null, 4)).append("</td><td class=\"n\">")
                    .append(run.proposals().size()).append(" / ").append(e.benchmarked()).append(" / ")
                    .append(e.improved()).append("</td><td class=\"n\">");
            if (run.ledger() == null) {
                out.append("–");
            } else {
                out.append(usd(RunPage.totalCost(run.ledger()))).append("<br><span class=\"sub\">")
                        .append(Html.grouped((double) RunPage.totalTokens(run.ledger()))).append(" tokens</span>");
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table></div></section>\n");
        out.append("<section id=\"effect-size\"><h2>Effect size between tracks</h2>");
        List<String[]> pairs = pairs(entries);
        if (pairs.isEmpty()) {
            out.append("<p>Only one run: nothing to compare.</p>");
        } else {
            out.append("<div class=\"scroll\"><table style=\"max-width:760px\"><thead><tr><th>A</th><th>B</th><th class=\"n\">Cliff's δ"
                    + " (fitness, A vs B)</th><th>magnitude</th><th class=\"n\">best ratio A/B</th></tr></thead><tbody>");
            for (String[] p : pairs) {
                out.append("<tr><td><b>").append(esc(p[0])).append("</b></td><td><b>").append(esc(p[1]))
                        .append("</b></td><td class=\"n\">").append(p[2]).append("</td><td>").append(p[3])
                        .append("</td><td class=\"n\">").append(p[4]).append("</td></tr>");
            }
            out.append("</tbody></table></div>");
        }
        out.append("<p class=\"note\">").append(esc(DEFINITION)).append("</p></section>\n");
        out.append(TrackAnswerSection.html(TrackAnswerSection.answers(entries), TrackAnswerSection.figures(entries)));
        return Html.page(experiment + ": tracks compared", out.toString());
    }

    static String markdown(String experiment, List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(experiment).append(": tracks compared\n\n");
        out.append(offlineNote(entries)).append("\n\n");
        out.append("| track | run | best throughput change | ratio [CI] | p99 ratio [CI] | measured as | best fitness"
                + " | candidates | benchmarked | improved | cost USD | tokens |\n");
        out.append("|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|\n");
        for (Entry e : entries) {
            RunData run = e.run();
            out.append("| ").append(cell(run.track() + (run.offline() ? " (offline replay)" : ""))).append(" | ")
                    .append(cell(run.run())).append(" | ").append(e.bestThroughput() == null ? "–"
                            : Html.change(e.bestThroughput().ratio())).append(" | ")
                    .append(plainRatio(e.bestThroughput())).append(" | ").append(plainRatio(e.bestP99())).append(" | ")
                    .append(cell(e.source())).append(" | ")
                    .append(fixed(run.best() != null ? run.best().fitness() : null, 4)).append(" | ")
                    .append(run.proposals().size()).append(" | ").append(e.benchmarked()).append(" | ")
                    .append(e.improved()).append(" | ")
                    .append(run.ledger() == null ? "–" : String.format(Locale.ROOT, "%.4f",
                            RunPage.totalCost(run.ledger()))).append(" | ")
                    .append(run.ledger() == null ? "–" : RunPage.totalTokens(run.ledger())).append(" |\n");
        }
        List<String[]> pairs = pairs(entries);
        if (!pairs.isEmpty()) {
            out.append("\n## Effect size between tracks\n\n| A | B | Cliff's δ (fitness, A vs B) | magnitude"
                    + " | best ratio A/B |\n|---|---|--:|---|--:|\n");
            for (String[] p : pairs) {
                out.append("| ").append(cell(p[0])).append(" | ").append(cell(p[1])).append(" | ").append(p[2])
                        .append(" | ").append(p[3]).append(" | ").append(p[4]).append(" |\n");
            }
        }
        out.append("\n").append(DEFINITION).append("\n");
        out.append(TrackAnswerSection.markdown(TrackAnswerSection.answers(entries), TrackAnswerSection.figures(entries)));
        return out.toString();
    }

    /** Rows of {A, B, δ, magnitude, best ratio}; plain text, no markup needed. */
    private static List<String[]> pairs(List<Entry> entries) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                Entry a = entries.get(i);
                Entry b = entries.get(j);
                double delta = TrackComparison.cliffsDelta(a.fitness(), b.fitness());
                double ratio = TrackComparison.bestRatio(a, b);
                pairs.add(new String[] {name(a, entries), name(b, entries),
                    Double.isNaN(delta) ? "–" : String.format(Locale.ROOT, "%+.3f", delta),
                    TrackComparison.magnitude(delta),
                    Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.3f", ratio)});
            }
        }
        return pairs;
    }

    /** The track, or track/run when the same track appears twice. */
    private static String name(Entry e, List<Entry> entries) {
        long sameTrack = entries.stream().filter(o -> o.run().track().equals(e.run().track())).count();
        return sameTrack > 1 ? e.run().track() + "/" + e.run().run() : e.run().track();
    }

    private static String offlineNote(List<Entry> entries) {
        long offline = entries.stream().filter(e -> e.run().offline()).count();
        if (offline == 0) {
            return "all runs used a live model";
        }
        return offline == entries.size() ? "all runs are OFFLINE REPLAYS of recorded model answers"
                : offline + " of " + entries.size() + " runs are OFFLINE REPLAYS of recorded model answers";
    }

    private static String change(Comparison c) {
        return c == null ? "–" : Html.change(c.ratio()) + " <span class=\"ci\">" + Html.ratio(c) + "</span>";
    }

    private static String decision(Comparison c) {
        return c == null ? null : c.decision();
    }

    private static String plainRatio(Comparison c) {
        if (c == null) {
            return "–";
        }
        return fixed(c.ratio(), 3) + (c.low() != null && c.high() != null
                ? " [" + fixed(c.low(), 3) + ", " + fixed(c.high(), 3) + "]" : "");
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
