package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.badge;
import static dev.aiopt.junit.internal.report.Html.diff;
import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;
import static dev.aiopt.junit.internal.report.Html.metric;
import static dev.aiopt.junit.internal.report.Html.orDash;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Every candidate in detail: parent, island, status, fitness, reason, and on request its attempts, runs and diff. */
final class CandidateTable {
    private final RunData run;

    private CandidateTable(RunData run) {
        this.run = run;
    }

    static void section(StringBuilder out, RunData run) {
        new CandidateTable(run).candidates(out);
    }

    private void candidates(StringBuilder out) {
        out.append("<section id=\"candidates\"><h2>Candidates in detail</h2>");
        out.append("<div class=\"scroll\"><table><thead><tr><th>candidate</th><th>parent</th><th class=\"n\">island</th><th>status</th>"
                + "<th class=\"n\">fitness</th><th>reason</th><th class=\"n\">time</th></tr></thead><tbody>");
        for (Candidate c : run.candidates()) {
            out.append("<tr><td class=\"mono\">").append(esc(c.id())).append("</td><td class=\"mono\">")
                    .append(esc(orDash(c.parentId()))).append("</td><td class=\"n\">")
                    .append(c.island() == null ? "–" : c.island()).append("</td><td>").append(badge(c.status()))
                    .append("</td><td class=\"n\">").append(fixed(c.fitness(), 4)).append("</td><td class=\"reason\">")
                    .append(esc(c.reason() == null ? "" : c.reason()));
            if (!c.attempts().isEmpty() || c.diff() != null || !c.runs().isEmpty() || !c.timings().isEmpty()) {
                out.append("<details><summary>details</summary>");
                if (!c.attempts().isEmpty()) {
                    out.append("<b>earlier attempts (re-asked):</b><ol>");
                    c.attempts().forEach(a -> out.append("<li>").append(esc(a)).append("</li>"));
                    out.append("</ol>");
                }
                if (!c.timings().isEmpty()) {
                    out.append("<div class=\"sub\">");
                    List<String> parts = new ArrayList<>();
                    c.timings().forEach((k, v) -> parts.add(esc(k.replace("_ms", "")) + " " + seconds(v)));
                    out.append(String.join(" · ", parts)).append("</div>");
                }
                if (!c.runs().isEmpty()) {
                    runs(out, c.runs());
                }
                if (c.diff() != null) {
                    out.append(diff(c.diff()));
                }
                out.append("</details>");
            }
            double total = c.timings().values().stream().mapToDouble(Double::doubleValue).sum();
            out.append("</td><td class=\"n\">").append(c.timings().isEmpty() ? "–" : seconds(total)).append("</td></tr>");
        }
        out.append("</tbody></table></div></section>\n");
    }

    private static void runs(StringBuilder out, List<Map<String, Double>> runs) {
        Set<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(r.keySet()));
        out.append("<div class=\"scroll\"><table style=\"margin:6px 0;width:auto\"><thead><tr><th class=\"n\">run</th>");
        keys.forEach(k -> out.append("<th class=\"n\">").append(esc(k)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            out.append("<tr><td class=\"n\">").append(i + 1).append("</td>");
            for (String k : keys) {
                out.append("<td class=\"n\">").append(metric(runs.get(i).get(k))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></div>");
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, millis >= 10_000 ? "%.0f s" : "%.1f s", millis / 1000);
    }
}
