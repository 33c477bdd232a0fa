package dev.aiopt.junit.internal.report;

import dev.aiopt.junit.internal.report.RunData.Comparison;
import dev.aiopt.junit.internal.redact.RedactedFiles;
import java.nio.file.Path;
import java.util.Locale;

/** Escaping, number formats, the shared page frame and its style sheet. */
final class Html {
    private Html() {}

    /** Escapes text for element content and for quoted attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in HTML text.
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String fixed(Double value, int decimals) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String grouped(Double value) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A metric value with a sensible number of digits for its size. */
    static String metric(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 10_000) {
            return grouped(value);
        }
        return fixed(value, magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 4);
    }

    static String pValue(Double p) {
        if (p == null) {
            return "–";
        }
        return p < 0.001 ? "&lt;0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A ratio as a signed percentage change: 1.07 → "+7.0%". */
    static String change(double ratio) {
        return String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /** "1.070 [1.030, 1.110]" (escaped HTML). */
    static String ratio(Comparison c) {
        if (c == null) {
            return "–";
        }
        String interval = c.low() != null && c.high() != null
                ? " <span class=\"ci\">[" + fixed(c.low(), 3) + ", " + fixed(c.high(), 3) + "]</span>" : "";
        return fixed(c.ratio(), 3) + interval;
    }

    /** Like {@link #ratio}, with the ratio coloured by the decision (green better, red worse). */
    static String decidedRatio(Comparison c) {
        if (c == null) {
            return "–";
        }
        String interval = c.low() != null && c.high() != null
                ? " <span class=\"ci\">[" + fixed(c.low(), 3) + ", " + fixed(c.high(), 3) + "]</span>" : "";
        String decision = c.decision() == null ? "no decision" : c.decision().toLowerCase(Locale.ROOT).replace('_', ' ');
        return "<span class=\"r-" + cssName(c.decision()) + "\" title=\"" + esc(decision) + "\">" + fixed(c.ratio(), 3)
                + "</span>" + interval;
    }

    /** A unified diff, escaped, one span per line classed by its kind. */
    static String diff(String diff) {
        StringBuilder out = new StringBuilder("<pre class=\"diff\">");
        for (String line : diff.split("\r?\n", -1)) {
            String cls = line.startsWith("+++") || line.startsWith("---") ? "hdr"
                    : line.startsWith("@@") ? "hunk"
                    : line.startsWith("+") ? "add"
                    : line.startsWith("-") ? "del" : "ctx";
            out.append("<span class=\"").append(cls).append("\">").append(esc(line.isEmpty() ? " " : line))
                    .append("</span>");
        }
        return out.append("</pre>").toString();
    }

    /** The value, or a dash for none. */
    static String orDash(String value) {
        return value == null ? "–" : value;
    }

    static String usd(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "$%.4f", value);
    }

    /** A CSS class name derived from a status or decision; anything outside [a-z0-9-] is dropped. */
    static String cssName(String value) {
        return value == null ? "none" : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String badge(String status) {
        return "<span class=\"badge s-" + cssName(status) + "\">" + esc(status) + "</span>";
    }

    static String decision(String decision) {
        if (decision == null) {
            return "";
        }
        return " <span class=\"dec d-" + cssName(decision) + "\">" + esc(decision.toLowerCase(Locale.ROOT)
                .replace('_', ' ')) + "</span>";
    }

    /** Wraps a body in the page frame: inline style, no external resources, a policy that forbids loading any. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " img-src data:\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n<style>" + CSS + "</style>\n</head>\n<body>\n"
                + body + "\n<footer>Written by aiopt-junit. Self-contained: no scripts, fonts or images are loaded"
                + " from anywhere.</footer>\n</body>\n</html>\n";
    }

    /** Writes the file whole or not at all, so a reader never sees half a page; redacted. */
    static Path write(Path file, String content) {
        RedactedFiles.write(file, content);
        return file;
    }

    private static final String CSS = """
            :root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--accent:#1d4ed8;
            --good:#15803d;--bad:#b91c1c;--neutral:#6b7280}
            *{box-sizing:border-box}
            body{margin:0;padding:24px 32px;background:var(--bg);color:var(--fg);
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            h1{font-size:22px;margin:0 0 4px}
            body>header{margin:0 0 18px}
            h2{font-size:17px;margin:0 0 10px}
            h3{font-size:14px;margin:14px 0 6px}
            section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;
            margin:0 0 18px}
            .sub{color:var(--muted);overflow-wrap:anywhere}
            .note{color:var(--muted);font-size:12.5px;margin:6px 0 0}
            .offline{display:inline-block;background:#fef3c7;color:#92400e;border:1px solid #f59e0b;border-radius:4px;
            padding:2px 8px;font-weight:700;font-size:12px;letter-spacing:.04em;vertical-align:middle;margin-left:8px}
            .live{display:inline-block;background:#dbeafe;color:#1e3a8a;border:1px solid #93c5fd;border-radius:4px;
            padding:2px 8px;font-weight:700;font-size:12px;vertical-align:middle;margin-left:8px}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0 0}
            .card{flex:1 1 170px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
            .card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .card .v{font-size:19px;font-weight:650;margin-top:2px}
            .card .x{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:#f1f5f9;font-weight:600}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            td.n{white-space:nowrap}
            td.n.wrap{white-space:normal}
            .ci{color:var(--muted);white-space:nowrap}
            .badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:11.5px;font-weight:600;color:#fff;
            white-space:nowrap}
            .dec{font-size:11.5px;font-weight:600}
            .d-better{color:var(--good)}.d-worse{color:var(--bad)}
            .r-better{color:var(--good);font-weight:650}.r-worse{color:var(--bad);font-weight:650}
            .s-baseline{background:#475569}.s-improved{background:#15803d}.s-no-change{background:#94a3b8}
            .s-regressed{background:#dc2626}.s-duplicate{background:#8b5cf6}.s-apply-failed{background:#d97706}
            .s-build-failed{background:#ea580c}.s-verify-failed{background:#be123c}.s-run-failed{background:#92400e}
            .s-model-failed{background:#0284c7}.s-unknown,.s-none{background:#334155}
            .reason{color:#374151;max-width:560px;overflow-wrap:anywhere;white-space:pre-wrap}
            svg{display:block;width:100%;max-width:1180px;height:auto;font-family:inherit}
            .scroll{overflow-x:auto;max-width:100%}
            td.mono{white-space:nowrap}
            td.mono.reason{white-space:pre-wrap}
            td.mono.loc{white-space:normal;overflow-wrap:anywhere;min-width:14em}
            svg text{fill:#374151;font-size:11px}
            svg .axis{stroke:#9ca3af;stroke-width:1}
            svg .grid{stroke:#eef0f3;stroke-width:1}
            svg .ref{stroke:#111827;stroke-width:1;stroke-dasharray:4 3}
            svg .best{fill:none;stroke:#1d4ed8;stroke-width:2}
            svg .whisker{stroke-width:2}
            svg .better{stroke:#15803d;fill:#15803d}svg .worse{stroke:#b91c1c;fill:#b91c1c}
            svg .undecided{stroke:#6b7280;fill:#6b7280}
            .tree,.tree ul{list-style:none;margin:0;padding-left:18px}
            .tree{padding-left:0}
            .tree li{position:relative;padding:2px 0 2px 14px}
            .tree li::before{content:"";position:absolute;left:0;top:0;bottom:0;border-left:1px solid #cbd5e1}
            .tree li:last-child::before{bottom:auto;height:13px}
            .tree li::after{content:"";position:absolute;left:0;top:13px;width:10px;border-top:1px solid #cbd5e1}
            .tree .id{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-weight:600}
            .tree .star{color:#b45309;font-weight:700}
            pre.diff{background:#0f172a;color:#e2e8f0;border-radius:6px;padding:10px 12px;overflow-x:auto;
            font:12.5px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;margin:0}
            pre.diff span{display:block;white-space:pre}
            pre.diff .add{background:#14532d;color:#dcfce7}pre.diff .del{background:#7f1d1d;color:#fee2e2}
            pre.diff .hunk{color:#93c5fd}pre.diff .hdr{color:#fbbf24;font-weight:600}
            .bar{height:10px;border-radius:2px;display:inline-block;vertical-align:middle}
            .bar.pos{background:#2563eb}.bar.neg{background:#f87171}
            details{margin:4px 0}summary{cursor:pointer;color:var(--accent)}
            .legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0 0;font-size:12px;color:#374151}
            .legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
            .mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
            a{color:var(--accent)}
            footer{color:var(--muted);font-size:12px;margin:8px 0 0}
            """;
}
