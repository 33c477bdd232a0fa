package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Comparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG plots. Every plotted datum is an element with class {@code point} and a {@code <title>} tooltip,
 * which is also what the browser check counts.
 */
final class Charts {
    private static final int WIDTH = 960;

    /** Statuses in the order they are listed, with their colours (the same as the CSS badges). */
    static final Map<String, String> STATUS_COLOURS = new LinkedHashMap<>();

    static {
        STATUS_COLOURS.put("BASELINE", "#475569");
        STATUS_COLOURS.put("IMPROVED", "#15803d");
        STATUS_COLOURS.put("NO_CHANGE", "#94a3b8");
        STATUS_COLOURS.put("REGRESSED", "#dc2626");
        STATUS_COLOURS.put("DUPLICATE", "#8b5cf6");
        STATUS_COLOURS.put("APPLY_FAILED", "#d97706");
        STATUS_COLOURS.put("BUILD_FAILED", "#ea580c");
        STATUS_COLOURS.put("VERIFY_FAILED", "#be123c");
        STATUS_COLOURS.put("RUN_FAILED", "#92400e");
        STATUS_COLOURS.put("MODEL_FAILED", "#0284c7");
        STATUS_COLOURS.put("INFRA_FAILED", "#1e293b");
    }

    private Charts() {}

    static String colour(String status) {
        return STATUS_COLOURS.getOrDefault(status, "#334155");
    }

    /**
     * Fitness per generation: one dot per candidate, the best-so-far as a step line, and candidates without a
     * positive fitness as crosses in a strip under the axis (so that failures are visible but do not squash the
     * scale).
     */
    static String fitness(List<Candidate> candidates, Double baselineFitness) {
        int generations = candidates.stream().mapToInt(Candidate::generation).max().orElse(0);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Candidate c : candidates) {
            if (scored(c)) {
                lo = Math.min(lo, c.fitness());
                hi = Math.max(hi, c.fitness());
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double[] domain = pad(lo, hi);
        int left = 64;
        int right = 24;
        int top = 16;
        int plotBottom = 250;
        int stripY = 282;
        int height = 340;
        double band = (WIDTH - left - right) / (double) (generations + 1);
        Scale y = new Scale(domain[0], domain[1], plotBottom, top);

        StringBuilder svg = new StringBuilder();
        svg.append(open("fitness-plot", height, "Fitness per generation"));
        for (double tick : ticks(domain[0], domain[1], 5)) {
            double ty = y.map(tick);
            svg.append(line("grid", left, ty, WIDTH - right, ty))
                    .append(text(left - 8, ty + 4, "end", label(tick, domain[1] - domain[0])));
        }
        svg.append(line("axis", left, plotBottom, WIDTH - right, plotBottom))
                .append(line("axis", left, top, left, plotBottom))
                .append(text(14, (top + plotBottom) / 2.0, "middle", "fitness", "rotate(-90 14 " + (top + plotBottom) / 2
                        + ")"))
                .append(text(left - 8, stripY + 4, "end", "no fitness"));
        svg.append(line("grid", left, stripY - 14, WIDTH - right, stripY - 14));
        if (baselineFitness != null && baselineFitness >= domain[0] && baselineFitness <= domain[1]) {
            double by = y.map(baselineFitness);
            svg.append(line("ref", left, by, WIDTH - right, by))
                    .append(text(WIDTH - right - 4, by - 4, "end", "baseline"));
        }
        // Short labels when generations are many, so that they do not run into each other.
        boolean wide = band >= 90;
        for (int g = 0; g <= generations; g++) {
            double cx = left + band * (g + 0.5);
            svg.append(text(cx, height - 22, "middle", wide ? "generation " + g : String.valueOf(g)));
        }
        if (!wide) {
            svg.append(text(WIDTH - right, height - 4, "end", "generation"));
        }

        StringBuilder best = new StringBuilder();
        double bestSoFar = Double.NEGATIVE_INFINITY;
        for (int g = 0; g <= generations; g++) {
            List<Candidate> inGeneration = new ArrayList<>();
            for (Candidate c : candidates) {
                if (c.generation() == g) {
                    inGeneration.add(c);
                }
            }
            double centre = left + band * (g + 0.5);
            double step = Math.min(16, band * 0.7 / Math.max(1, inGeneration.size()));
            for (int i = 0; i < inGeneration.size(); i++) {
                Candidate c = inGeneration.get(i);
                double cx = centre + (i - (inGeneration.size() - 1) / 2.0) * step;
                String title = c.id() + " · " + c.status() + " · fitness " + fixed(c.fitness(), 4);
                if (scored(c)) {
                    bestSoFar = Math.max(bestSoFar, c.fitness());
                    svg.append(String.format(Locale.ROOT,
                            "<circle class=\"point\" data-id=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\""
                                    + " stroke=\"#fff\" stroke-width=\"1.5\"><title>%s</title></circle>",
                            esc(c.id()), cx, y.map(c.fitness()), colour(c.status()), esc(title)));
                } else {
                    svg.append(String.format(Locale.ROOT,
                            "<path class=\"point\" data-id=\"%s\" d=\"M%.1f %.1fl8 8m0 -8l-8 8\" stroke=\"%s\""
                                    + " stroke-width=\"2.2\"><title>%s</title></path>",
                            esc(c.id()), cx - 4, stripY - 4.0, colour(c.status()), esc(title)));
                }
            }
            if (bestSoFar > Double.NEGATIVE_INFINITY) {
                double by = y.map(bestSoFar);
                if (best.length() == 0) {
                    best.append(String.format(Locale.ROOT, "M%.1f %.1f", left + band * g, by));
                } else {
                    best.append(String.format(Locale.ROOT, " V%.1f", by));
                }
                best.append(String.format(Locale.ROOT, " H%.1f", left + band * (g + 1)));
            }
        }
        if (best.length() > 0) {
            svg.append("<path class=\"best\" d=\"").append(best).append("\"><title>best fitness so far</title></path>");
        }
        return svg.append("</svg>").toString();
    }

    /** One row of the interval plot. */
    record RatioRow(String label, String note, Comparison throughput, Comparison p99, boolean emphasised) {}

    /**
     * Ratios against the reference with their confidence intervals: throughput on the left (higher is better),
     * p99 on the right (lower is better), a dashed line at 1.
     */
    static String ratios(List<RatioRow> rows) {
        int labelWidth = 210;
        int gap = 36;
        int top = 34;
        int rowHeight = 24;
        int panelWidth = (WIDTH - labelWidth - gap - 16) / 2;
        int height = top + rowHeight * rows.size() + 40;
        int[] panelLeft = {labelWidth, labelWidth + panelWidth + gap};
        Scale[] x = {scale(rows, true, panelLeft[0], panelWidth), scale(rows, false, panelLeft[1], panelWidth)};
        String[] titles = {"throughput ratio (higher is better)", "p99 latency ratio (lower is better)"};

        StringBuilder svg = new StringBuilder(open("ratio-plot", height, "Throughput and p99 ratios with intervals"));
        int axisY = top + rowHeight * rows.size() + 4;
        for (int p = 0; p < 2; p++) {
            svg.append(text(panelLeft[p] + panelWidth / 2.0, 14, "middle", titles[p], null, "font-weight:600"));
            for (double tick : ticks(x[p].from, x[p].to, 6)) {
                double tx = x[p].map(tick);
                svg.append(line("grid", tx, top - 6, tx, axisY))
                        .append(text(tx, axisY + 16, "middle", label(tick, x[p].to - x[p].from)));
            }
            svg.append(line("axis", panelLeft[p], axisY, panelLeft[p] + panelWidth, axisY));
            double one = x[p].map(1.0);
            svg.append(line("ref", one, top - 8, one, axisY));
        }
        for (int r = 0; r < rows.size(); r++) {
            RatioRow row = rows.get(r);
            double cy = top + rowHeight * (r + 0.5);
            if (r % 2 == 1) {
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#f8fafc\"/>", cy - rowHeight / 2.0,
                        WIDTH, rowHeight));
            }
            svg.append(text(8, cy + 4, "start", row.label(), null, row.emphasised() ? "font-weight:700" : null));
            // About 6.5 px per character at 11 px; a note that would run into the label is left to the tooltip.
            if (row.note() != null && (row.label().length() + row.note().length() + 2) * 6.5 < labelWidth - 18) {
                svg.append(text(labelWidth - 10, cy + 4, "end", row.note(), null, "fill:#6b7280"));
            }
            Comparison[] values = {row.throughput(), row.p99()};
            for (int p = 0; p < 2; p++) {
                Comparison c = values[p];
                if (c == null) {
                    svg.append(text(panelLeft[p] + panelWidth / 2.0, cy + 4, "middle", "not measured", null,
                            "fill:#9ca3af"));
                    continue;
                }
                String cls = decisionClass(c.decision());
                String what = p == 0 ? "throughput" : "p99";
                String title = row.label() + (row.note() != null ? " " + row.note() : "") + ": " + what + " ratio " + fixed(c.ratio(), 3)
                        + (c.low() != null && c.high() != null
                        ? " [" + fixed(c.low(), 3) + ", " + fixed(c.high(), 3) + "]" : "")
                        + (c.pValue() != null ? ", p=" + fixed(c.pValue(), 4) : "")
                        + (c.decision() != null ? ", " + c.decision() : "")
                        + (c.reference() != null && row.note() == null ? ", vs " + c.reference() : "");
                if (c.low() != null && c.high() != null) {
                    double x1 = x[p].map(c.low());
                    double x2 = x[p].map(c.high());
                    svg.append(String.format(Locale.ROOT,
                            "<path class=\"whisker %s\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
                            cls, x1, cy, x2, x1, cy - 5, cy + 5, x2, cy - 5, cy + 5));
                }
                svg.append(String.format(Locale.ROOT,
                        "<circle class=\"point %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\"><title>%s</title></circle>",
                        cls, x[p].map(c.ratio()), cy, row.emphasised() ? "6" : "4.5", esc(title)));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A stacked bar of status counts. */
    static String statusBar(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int height = 34;
        StringBuilder svg = new StringBuilder(open("status-plot", height, "Candidates by status"));
        double x = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() == 0 || total == 0) {
                continue;
            }
            double w = WIDTH * entry.getValue() / (double) total;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"point\" x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"26\" fill=\"%s\" stroke=\"#fff\">"
                            + "<title>%s: %d</title></rect>",
                    x, w, colour(entry.getKey()), esc(entry.getKey()), entry.getValue()));
            if (w > 28) {
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"21\" text-anchor=\"middle\" style=\"fill:#fff;font-weight:600\">%d</text>",
                        x + w / 2, entry.getValue()));
            }
            x += w;
        }
        return svg.append("</svg>").toString();
    }

    static String decisionClass(String decision) {
        if ("BETTER".equals(decision)) {
            return "better";
        }
        return "WORSE".equals(decision) ? "worse" : "undecided";
    }

    // A duplicate repeats its original's fitness: it is a cross, as the caption says, not a second dot.
    private static boolean scored(Candidate c) {
        return c.fitness() != null && c.fitness() > 0 && Double.isFinite(c.fitness()) && !"DUPLICATE".equals(c.status());
    }

    private static Scale scale(List<RatioRow> rows, boolean throughput, int left, int width) {
        double lo = 1;
        double hi = 1;
        for (RatioRow row : rows) {
            Comparison c = throughput ? row.throughput() : row.p99();
            if (c != null) {
                lo = Math.min(lo, c.low() != null ? Math.min(c.low(), c.ratio()) : c.ratio());
                hi = Math.max(hi, c.high() != null ? Math.max(c.high(), c.ratio()) : c.ratio());
            }
        }
        double[] domain = pad(lo, hi);
        return new Scale(domain[0], domain[1], left, left + width);
    }

    private static double[] pad(double lo, double hi) {
        double span = hi - lo;
        if (span < 1e-9) {
            span = Math.max(Math.abs(hi) * 0.05, 0.01);
        }
        return new double[] {lo - span * 0.08, hi + span * 0.08};
    }

    /** Round tick values covering [lo, hi]. */
    static List<Double> ticks(double lo, double hi, int wanted) {
        double raw = (hi - lo) / Math.max(1, wanted);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    private static String label(double value, double span) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(span / 5)) + 1);
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 4) + "f", value);
    }

    private static String open(String cssClass, int height, String title) {
        return String.format(Locale.ROOT,
                "<svg class=\"plot %s\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\""
                        + " aria-label=\"%s\">", cssClass, WIDTH, height, esc(title));
    }

    private static String line(String cssClass, double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                cssClass, x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String content) {
        return text(x, y, anchor, content, null, null);
    }

    private static String text(double x, double y, String anchor, String content, String transform) {
        return text(x, y, anchor, content, transform, null);
    }

    private static String text(double x, double y, String anchor, String content, String transform, String style) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>%s</text>", x, y, anchor,
                transform == null ? "" : " transform=\"" + transform + "\"",
                style == null ? "" : " style=\"" + style + "\"", esc(content));
    }

    /** Linear map from a data interval onto a pixel interval. */
    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double map(double value) {
            return pixelFrom + (value - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
