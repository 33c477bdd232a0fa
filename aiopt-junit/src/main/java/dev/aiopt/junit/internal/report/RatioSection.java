package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.badge;
import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;
import static dev.aiopt.junit.internal.report.Html.metric;
import static dev.aiopt.junit.internal.report.Html.orDash;
import static dev.aiopt.junit.internal.report.Html.pValue;

import dev.aiopt.junit.internal.report.Charts.RatioRow;
import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Champion;
import dev.aiopt.junit.internal.report.RunData.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each candidate's throughput and p99 against its reference: the ratio plot and the table of medians, ratios,
 * p-values and what each ratio is relative to (direct or chained).
 */
final class RatioSection {
    private final RunData run;
    private final String baselineId;
    private final Map<String, Double> baselineMetrics;

    private RatioSection(RunData run, String baselineId, Map<String, Double> baselineMetrics) {
        this.run = run;
        this.baselineId = baselineId;
        this.baselineMetrics = baselineMetrics;
    }

    /** The section, against the baseline {@code baselineId} whose medians are {@code baselineMetrics}. */
    static void section(StringBuilder out, RunData run, String baselineId, Map<String, Double> baselineMetrics) {
        new RatioSection(run, baselineId, baselineMetrics).ratios(out);
    }

    private void ratios(StringBuilder out) {
        out.append("<section id=\"ratios\"><h2>Throughput and p99 against the reference</h2>");
        List<RatioRow> rows = new ArrayList<>();
        Champion champion = run.champion();
        if (champion != null && (champion.throughput() != null || champion.p99() != null)) {
            rows.add(new RatioRow("champion " + orDash(champion.id()), "vs baseline, direct (re-measured)", champion.throughput(),
                    champion.p99(), true));
        }
        for (Candidate c : run.candidates()) {
            if (c.hasComparison()) {
                String reference = c.throughput() != null ? c.throughput().reference() : c.p99().reference();
                rows.add(new RatioRow(c.id(), vsLabel(c, reference), c.throughput(), c.p99(), false));
            }
        }
        if (rows.isEmpty()) {
            out.append("<p>No candidate was compared with a reference yet.</p>");
        } else {
            out.append(Charts.ratios(rows));
            out.append("<div class=\"legend\"><span><i style=\"background:#15803d\"></i>better</span>"
                    + "<span><i style=\"background:#b91c1c\"></i>worse</span>"
                    + "<span><i style=\"background:#6b7280\"></i>no detectable difference</span></div>");
            out.append("<p class=\"note\">Ratio of medians (candidate / reference) over interleaved runs, with its"
                    + " confidence interval as whiskers; the colour is the decision of the test. A candidate is compared"
                    + " with its reference (its parent, or the baseline); the champion is re-measured against the"
                    + " baseline. The table below also gives each candidate's medians against the baseline's.</p>");
        }
        boolean onCluster = run.candidates().stream().anyMatch(c -> c.placement() != null);
        out.append("<div class=\"scroll\"><table><thead><tr><th>candidate</th><th class=\"n\">gen</th><th>status</th>"
                + "<th class=\"n\">ops/s</th><th class=\"n\">÷ baseline median</th><th class=\"n\">p99 µs</th>"
                + "<th class=\"n\">÷ baseline median</th><th class=\"n\">throughput ratio [CI]</th><th class=\"n\">p</th>"
                + "<th class=\"n\">p99 ratio [CI]</th><th class=\"n\">p</th><th>ratio to</th>"
                + (onCluster ? "<th>node</th>" : "") + "</tr></thead><tbody>");
        for (Candidate c : run.candidates()) {
            Double ops = c.metrics().get(RunPage.THROUGHPUT);
            Double p99 = c.metrics().get(RunPage.P99);
            Comparison t = c.throughput();
            Comparison l = c.p99();
            String reference = t != null ? t.reference() : l != null ? l.reference() : null;
            out.append("<tr><td class=\"mono\">").append(esc(c.id())).append("</td><td class=\"n\">")
                    .append(c.generation()).append("</td><td>").append(badge(c.status())).append("</td><td class=\"n\">")
                    .append(metric(ops)).append("</td><td class=\"n\">")
                    .append(againstBaseline(ops, baselineMetrics.get(RunPage.THROUGHPUT))).append("</td><td class=\"n\">")
                    .append(metric(p99)).append("</td><td class=\"n\">")
                    .append(againstBaseline(p99, baselineMetrics.get(RunPage.P99))).append("</td><td class=\"n\">")
                    .append(Html.decidedRatio(t)).append("</td><td class=\"n\">")
                    .append(t != null ? pValue(t.pValue()) : "–").append("</td><td class=\"n\">")
                    .append(Html.decidedRatio(l)).append("</td><td class=\"n\">")
                    .append(l != null ? pValue(l.pValue()) : "–").append("</td><td>")
                    .append(reference == null ? "–" : esc(vsLabel(c, reference)))
                    .append(onCluster ? "</td><td class=\"mono\">" + esc(c.placement() == null ? "–" : c.placement().describe())
                            : "").append("</td></tr>");
        }
        out.append("</tbody></table></div><p class=\"note\">Ratios in green were decided better, in red worse; grey:"
                + " no detectable difference. Ratio to: \"baseline, direct\" was measured side by side with the baseline;"
                + " \"baseline, chained via P\" is the ratio measured against the parent P (shown after it) times P's"
                + " own ratio to the baseline, whose uncertainty it does not add. ÷ baseline median: the candidate's"
                + " median over the baseline's from separate runs, without an interval.</p>");
        out.append("</section>\n");
    }

    /** What a candidate's ratios are relative to, and whether they were measured directly or chained. */
    private String vsLabel(Candidate c, String reference) {
        String name = reference == null || reference.equals(baselineId) ? "baseline" : reference;
        if ("DUPLICATE".equals(c.status())) {
            return "vs " + name + ", the original's figures (not measured again)";
        }
        if (!c.chained()) {
            return "vs " + name + ", direct";
        }
        Comparison direct = c.vsParent().throughput();
        return "vs " + name + ", chained via " + direct.reference() + " (measured "
                + String.format(Locale.ROOT, "×%.3f", direct.ratio()) + " vs " + direct.reference() + ")";
    }

    private static String againstBaseline(Double value, Double baseline) {
        return value == null || baseline == null || baseline == 0 ? "–" : fixed(value / baseline, 3);
    }
}
