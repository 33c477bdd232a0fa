package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;

import java.util.Map;

/** The run page's provenance: what produced its figures, from {@code run.json}'s manifest, one fact a row. */
final class ProvenanceSection {
    private ProvenanceSection() {}

    static String html(Map<String, String> manifest) {
        StringBuilder out = new StringBuilder("<section id=\"provenance\"><h2>Provenance</h2>");
        if (manifest.isEmpty()) {
            return out.append("<p>Not recorded (run.json predates the manifest).</p></section>\n").toString();
        }
        out.append("<div class=\"scroll\"><table><thead><tr><th>fact</th><th>value</th></tr></thead><tbody>");
        manifest.forEach((k, v) -> out.append("<tr><td class=\"mono\">").append(esc(k))
                .append("</td><td class=\"mono reason\">").append(esc(v)).append("</td></tr>"));
        return out.append("</tbody></table></div></section>\n").toString();
    }
}
