package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code index.html}: every run under the aiopt output root, with links and key figures. */
final class IndexPage {
    private static final String TABLE_HEAD = "<div class=\"scroll\"><table><thead><tr><th>track</th><th>run</th>"
            + "<th>started</th><th>mode</th><th class=\"n\">candidates</th><th class=\"n\">best fitness</th>"
            + "<th class=\"n\">champion throughput [CI]</th><th class=\"n\">champion p99 [CI]</th>"
            + "<th class=\"n\">cost</th><th>stopped</th></tr></thead><tbody>";
    private IndexPage() {}

    /** A run directory found under the root, read or with the reason it could not be. */
    record Row(Path runDir, String experiment, String track, String runName, RunData run, String error) {}

    static String html(Path root, List<Row> rows, List<Path> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("<header><h1>aiopt runs</h1><div class=\"sub\">").append(rows.size()).append(" runs under <span"
                + " class=\"mono\">").append(esc(root.toAbsolutePath().normalize().toString()))
                .append("</span></div></header>\n");
        if (!comparisons.isEmpty()) {
            out.append("<section id=\"comparisons\"><h2>Track comparisons</h2><ul>");
            for (Path page : comparisons) {
                out.append("<li><a href=\"").append(esc(link(root, page))).append("\">")
                        .append(esc(root.relativize(page).toString())).append("</a></li>");
            }
            out.append("</ul></section>\n");
        }
        out.append("<section id=\"runs\"><h2>Runs</h2>");
        if (rows.isEmpty()) {
            out.append("<p>No runs yet: run an experiment (they write target/aiopt/&lt;experiment&gt;/&lt;track&gt;/"
                    + "&lt;run&gt;/run.json).</p>");
        } else {
            String experiment = null;
            for (Row row : rows) {
                if (!row.experiment().equals(experiment)) {
                    if (experiment != null) {
                        out.append("</tbody></table></div>");
                    }
                    experiment = row.experiment();
                    out.append("<h3>").append(esc(experiment)).append("</h3>").append(TABLE_HEAD);
                }
                row(out, root, row);
            }
            out.append("</tbody></table></div>");
        }
        out.append("</section>\n");
        return Html.page("aiopt runs", out.toString());
    }

    private static void row(StringBuilder out, Path root, Row row) {
        out.append("<tr><td><b>").append(esc(row.track())).append("</b></td><td class=\"mono\"><a href=\"")
                .append(esc(link(root, row.runDir().resolve(ReportWriter.REPORT)))).append("\">")
                .append(esc(row.runName())).append("</a></td>");
        RunData run = row.run();
        if (run == null) {
            out.append("<td colspan=\"8\" class=\"reason\">unreadable: ").append(esc(row.error())).append("</td></tr>");
            return;
        }
        out.append("<td class=\"mono\">").append(esc(run.startedAt() == null ? "–" : run.startedAt()))
                .append("</td><td>")
                .append(run.offline() ? "<span class=\"offline\" style=\"margin:0\">REPLAY</span>" : "live")
                .append("</td><td class=\"n\">").append(run.proposals().size()).append("</td><td class=\"n\">")
                .append(fixed(run.best() != null ? run.best().fitness() : null, 4)).append("</td><td class=\"n wrap\">");
        if (run.champion() != null && run.champion().throughput() != null) {
            out.append(Html.change(run.champion().throughput().ratio())).append(" <span class=\"ci\">")
                    .append(Html.ratio(run.champion().throughput())).append("</span>")
                    .append(Html.decision(run.champion().throughput().decision()));
        } else {
            out.append("–");
        }
        out.append("</td><td class=\"n wrap\">").append(run.champion() != null ? Html.ratio(run.champion().p99()) : "–")
                .append("</td><td class=\"n\">")
                .append(run.ledger() == null ? "–" : Html.usd(RunPage.totalCost(run.ledger())))
                .append("</td><td class=\"sub\">")
                .append(esc(run.stopReason() != null ? run.stopReason()
                        : run.finishedAt() == null ? "not finished" : ""))
                .append("</td></tr>");
    }

    /** A relative URL from the directory {@code from} to {@code target}, each segment percent-encoded. */
    static String link(Path from, Path target) {
        Path relative = from.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
        List<String> segments = new ArrayList<>();
        for (Path segment : relative) {
            segments.add(URLEncoder.encode(segment.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", segments);
    }
}
