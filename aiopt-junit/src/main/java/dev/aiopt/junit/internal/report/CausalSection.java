package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Causal;
import dev.aiopt.junit.internal.report.RunData.Hotspot;
import java.util.List;
import java.util.Locale;

/** The causal profile: the baseline's hotspots, the best candidate's, and the realization per candidate. */
final class CausalSection {
    private final RunData run;

    private CausalSection(RunData run) {
        this.run = run;
    }

    static void section(StringBuilder out, RunData run) {
        new CausalSection(run).causal(out);
    }

    private void causal(StringBuilder out) {
        Candidate best = run.best() != null && run.best().id() != null ? run.candidate(run.best().id()) : null;
        Causal bestCausal = best != null ? best.causal() : null;
        boolean anyCausal = run.candidates().stream().anyMatch(c -> c.causal() != null);
        if (run.profile() == null && !anyCausal) {
            return;
        }
        out.append("<section id=\"causal\"><h2>Causal profile</h2>");
        if (run.profile() != null) {
            if (run.profile().summary() != null) {
                out.append("<p>").append(esc(run.profile().summary())).append("</p>");
            }
            hotspots(out, run.profile().hotspots());
        }
        if (bestCausal != null) {
            out.append("<h3>Best candidate ").append(esc(best.id())).append(": causal realization ")
                    .append(fixed(bestCausal.realization(), 3)).append("</h3>");
            if (bestCausal.reason() != null) {
                out.append("<p class=\"note\">").append(esc(bestCausal.reason())).append("</p>");
            }
            hotspots(out, bestCausal.hotspots());
        }
        if (anyCausal) {
            out.append("<h3>Causal realization per candidate</h3><div class=\"scroll\"><table style=\"max-width:720px\"><thead><tr>"
                    + "<th>candidate</th><th class=\"n\">realization</th><th>note</th></tr></thead><tbody>");
            for (Candidate c : run.candidates()) {
                if (c.causal() != null) {
                    out.append("<tr><td class=\"mono\">").append(esc(c.id())).append("</td><td class=\"n\">")
                            .append(fixed(c.causal().realization(), 3)).append("</td><td class=\"reason\">")
                            .append(esc(c.causal().reason() == null ? "" : c.causal().reason())).append("</td></tr>");
                }
            }
            out.append("</tbody></table></div>");
        }
        out.append("<p class=\"note\">Speedup: predicted program speedup if the line ran 20% / 50% faster (coz virtual"
                + " speedup). Impact: the profiler's summary of that curve. Slice line: where the location falls in the"
                + " slice shown to the model (– when outside it).</p></section>\n");
    }

    private void hotspots(StringBuilder out, List<Hotspot> hotspots) {
        if (hotspots.isEmpty()) {
            out.append("<p class=\"note\">No hotspots.</p>");
            return;
        }
        double maxImpact = hotspots.stream().filter(h -> h.impact() != null)
                .mapToDouble(h -> Math.abs(h.impact())).max().orElse(0);
        out.append("<div class=\"scroll\"><table class=\"hotspots\"><thead><tr><th>location</th><th class=\"n\">slice line</th>"
                + "<th class=\"n\">speedup at 20%</th><th class=\"n\">speedup at 50%</th><th class=\"n\">impact</th>"
                + "<th style=\"width:180px\"></th></tr></thead><tbody>");
        for (Hotspot h : hotspots) {
            out.append("<tr><td class=\"mono loc\">").append(esc(h.location())).append("</td><td class=\"n\">")
                    .append(h.sliceLine() == null ? "–" : h.sliceLine()).append("</td><td class=\"n\">")
                    .append(percent(h.speedupAt20())).append("</td><td class=\"n\">").append(percent(h.speedupAt50()))
                    .append("</td><td class=\"n\">").append(fixed(h.impact(), 3)).append("</td><td>");
            if (h.impact() != null && maxImpact > 0) {
                out.append(String.format(Locale.ROOT, "<span class=\"bar %s\" style=\"width:%.0fpx\"></span>",
                        h.impact() >= 0 ? "pos" : "neg", Math.max(2, 170 * Math.abs(h.impact()) / maxImpact)));
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table></div>");
    }

    private static String percent(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%+.1f%%", value * 100);
    }
}
