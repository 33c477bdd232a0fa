package dev.aiopt.junit.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the figures a rendered report shows (the DOM as the browser built it) with {@code run.json}, read
 * here with plain Jackson rather than through {@link RunJson}, so that a mistake in the reader cannot agree with
 * itself: the header cards, the status counts, per candidate its generation, island, status, fitness,
 * medians, ratios and what each ratio is relative to, and the write pressure per program (stall, L0, write p99).
 */
final class PageFigures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CARD = Pattern.compile("<div class=\"card\"><div class=\"k\">(.*?)</div>"
            + "<div class=\"v\">(.*?)</div><div class=\"x\">(.*?)</div></div>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL);

    private PageFigures() {
    }

    /** Every figure of the page that differs from the run file, one line each; empty when they all agree. */
    static List<String> disagreements(String dom, Path runDir) throws IOException {
        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        List<String> problems = new ArrayList<>();
        Map<String, String[]> cards = cards(dom);
        List<JsonNode> candidates = new ArrayList<>();
        run.path("candidates").forEach(candidates::add);
        List<JsonNode> proposals = candidates.stream().filter(c -> !"BASELINE".equals(c.path("status").asText())).toList();
        long benchmarked = proposals.stream().filter(c -> c.path("metrics").size() > 0
                && !"DUPLICATE".equals(c.path("status").asText())).count();
        long improved = proposals.stream().filter(c -> "IMPROVED".equals(c.path("status").asText())).count();
        expect(problems, "candidates card", card(cards, "candidates", 0), String.valueOf(proposals.size()));
        expectStart(problems, "candidates card", card(cards, "candidates", 1),
                benchmarked + " benchmarked, " + improved + " improved");

        JsonNode baseline = run.path("baseline").path("metrics");
        if (baseline.has("ops_per_sec")) {
            expect(problems, "baseline card", card(cards, "baseline", 0), Html.metric(baseline.get("ops_per_sec").asDouble())
                    + " ops/s");
            expect(problems, "baseline card p99", card(cards, "baseline", 1), "p99 "
                    + Html.metric(baseline.get("p99_us").asDouble()) + " µs");
        }
        JsonNode champion = run.path("champion");
        if (champion.path("fitness").isNumber()) {
            expect(problems, "champion fitness card", card(cards, "champion fitness", 0),
                    fixed(champion.get("fitness").asDouble(), 4));
            if (run.path("best").path("fitness").isNumber()) {
                expectContains(problems, "champion fitness card", card(cards, "champion fitness", 1),
                        "first measurement " + fixed(run.path("best").get("fitness").asDouble(), 4));
            }
        }
        if (champion.path("throughput").isObject() && champion.path("repeats").asInt() > 0) {
            JsonNode t = champion.get("throughput");
            expectStart(problems, "champion throughput card", card(cards, "champion throughput", 0),
                    String.format(Locale.ROOT, "%+.1f%%", (t.get("ratio").asDouble() - 1) * 100));
            expectStart(problems, "champion throughput card", card(cards, "champion throughput", 1),
                    "ratio " + fixed(t.get("ratio").asDouble(), 3));
        }

        Map<String, Integer> counts = new LinkedHashMap<>();
        candidates.forEach(c -> counts.merge(c.path("status").asText(), 1, Integer::sum));
        Map<String, List<String>> statusRows = rows(section(dom, "statuses"));
        counts.forEach((status, count) -> {
            List<String> row = statusRows.get(status);
            expect(problems, "status table " + status, row == null ? null : row.get(1), String.valueOf(count));
        });
        List<String> total = statusRows.get("total");
        expect(problems, "status table total", total == null ? null : total.get(1), String.valueOf(candidates.size()));

        Map<String, List<String>> ratioRows = rows(section(dom, "ratios"));
        Map<String, List<String>> detailRows = rows(section(dom, "candidates"));
        for (JsonNode c : candidates) {
            String id = c.path("id").asText();
            List<String> ratio = ratioRows.get(id);
            List<String> detail = detailRows.get(id);
            if (ratio == null || detail == null) {
                problems.add(id + ": no row in the " + (ratio == null ? "ratios" : "candidates") + " table");
                continue;
            }
            expect(problems, id + " generation", ratio.get(1), c.path("generation").asText());
            expect(problems, id + " status", ratio.get(2), c.path("status").asText());
            expect(problems, id + " island", detail.get(2), c.path("island").asText());
            expect(problems, id + " fitness", detail.get(4), c.path("fitness").isNumber()
                    ? fixed(c.get("fitness").asDouble(), 4) : "–");
            JsonNode metrics = c.path("metrics");
            expect(problems, id + " ops/s", ratio.get(3), metrics.has("ops_per_sec")
                    ? Html.metric(metrics.get("ops_per_sec").asDouble()) : "–");
            expect(problems, id + " p99", ratio.get(5), metrics.has("p99_us") ? Html.metric(metrics.get("p99_us").asDouble()) : "–");
            JsonNode comparison = c.path("comparison");
            JsonNode t = comparison.path("throughput");
            expectStart(problems, id + " throughput ratio", ratio.get(7), t.isObject() ? fixed(t.get("ratio").asDouble(), 3) : "–");
            JsonNode p = comparison.path("p99");
            expectStart(problems, id + " p99 ratio", ratio.get(9), p.isObject() ? fixed(p.get("ratio").asDouble(), 3) : "–");
            if (t.isObject()) {
                String reference = t.path("reference").asText();
                String name = reference.equals(run.path("baseline").path("id").asText()) ? "baseline" : reference;
                JsonNode direct = comparison.path("vsParent").path("throughput");
                String expected = "DUPLICATE".equals(c.path("status").asText())
                        ? "vs " + name + ", the original's figures (not measured again)"
                        : direct.isObject() && !direct.path("reference").asText().equals(reference)
                        ? "vs " + name + ", chained via " + direct.path("reference").asText() + " (measured "
                        + String.format(Locale.ROOT, "×%.3f", direct.get("ratio").asDouble()) + " vs "
                        + direct.path("reference").asText() + ")"
                        : "vs " + name + ", direct";
                expect(problems, id + " ratio reference", ratio.get(11), expected);
            }
        }
        pressure(problems, dom, run);
        return problems;
    }

    /** Pressure metrics and how the page writes them: the stall share with one decimal, the others as metrics. */
    private static final Map<String, String> PRESSURE = new LinkedHashMap<>();

    static {
        PRESSURE.put("stall_percent", "write stall %");
        PRESSURE.put("l0_files", "L0 files");
        PRESSURE.put("write.p99_us", "write p99 µs");
    }

    // The pressure table: a row per measured program (the baseline's own runs first), median [min, max] of its runs.
    private static void pressure(List<String> problems, String dom, JsonNode run) {
        List<JsonNode> programs = new ArrayList<>();
        JsonNode baseline = run.path("baseline");
        boolean baselineApart = baseline.path("id").isTextual() && baseline.path("runs").size() > 0;
        if (baselineApart) {
            programs.add(baseline);
        }
        for (JsonNode c : run.path("candidates")) {
            String status = c.path("status").asText();
            if (!(baselineApart && "BASELINE".equals(status)) && !"DUPLICATE".equals(status)
                    && (c.path("runs").size() > 0 || c.path("metrics").size() > 0)) {
                programs.add(c);
            }
        }
        List<String> present = PRESSURE.keySet().stream().filter(m -> programs.stream().anyMatch(p -> carries(p, m)))
                .toList();
        String section = section(dom, "pressure");
        if (!present.contains("stall_percent") && !present.contains("l0_files")) {
            if (dom.contains("<section id=\"pressure\">")) {
                problems.add("pressure section shown, but no program in run.json has stall_percent or l0_files");
            }
            return;
        }
        Map<String, List<String>> rows = rows(section);
        List<String> header = rows.get("program");
        if (header == null) {
            problems.add("pressure section: no table, run.json has " + present);
            return;
        }
        for (String metric : PRESSURE.keySet()) {
            int column = column(header, PRESSURE.get(metric));
            if (present.contains(metric) != (column >= 0)) {
                problems.add("pressure column " + metric + (column >= 0 ? " shown, but no program in run.json has it"
                        : " missing, run.json has it"));
            }
        }
        for (JsonNode p : programs) {
            String id = p.path("id").asText();
            List<String> row = rows.get(id);
            if (row == null) {
                problems.add(id + ": no row in the pressure table");
                continue;
            }
            expect(problems, id + " pressure runs", row.get(2), String.valueOf(p.path("runs").size()));
            for (String metric : present) {
                int column = column(header, PRESSURE.get(metric));
                expect(problems, id + " " + metric, column < 0 || column >= row.size() ? null : row.get(column),
                        spread(p, metric));
            }
        }
    }

    private static boolean carries(JsonNode program, String metric) {
        for (JsonNode r : program.path("runs")) {
            if (r.path(metric).isNumber()) {
                return true;
            }
        }
        return program.path("metrics").path(metric).isNumber();
    }

    private static int column(List<String> header, String heading) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(heading)) {
                return i;
            }
        }
        return -1;
    }

    private static String spread(JsonNode program, String metric) {
        List<Double> values = new ArrayList<>();
        program.path("runs").forEach(r -> {
            if (r.path(metric).isNumber()) {
                values.add(r.get(metric).asDouble());
            }
        });
        if (values.isEmpty()) {
            JsonNode median = program.path("metrics").path(metric);
            return median.isNumber() ? pressureValue(metric, median.asDouble()) : "–";
        }
        values.sort(null);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        return n == 1 ? pressureValue(metric, median) : pressureValue(metric, median) + " ["
                + pressureValue(metric, values.get(0)) + ", " + pressureValue(metric, values.get(n - 1)) + "]";
    }

    private static String pressureValue(String metric, double value) {
        return "stall_percent".equals(metric) ? fixed(value, 1) : Html.metric(value);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void expect(List<String> problems, String what, String shown, String expected) {
        if (shown == null || !shown.equals(expected)) {
            problems.add(what + ": page shows " + (shown == null ? "nothing" : "'" + shown + "'") + ", run.json says '"
                    + expected + "'");
        }
    }

    private static void expectStart(List<String> problems, String what, String shown, String expected) {
        if (shown == null || !shown.startsWith(expected)) {
            problems.add(what + ": page shows " + (shown == null ? "nothing" : "'" + shown + "'") + ", run.json says '"
                    + expected + "...'");
        }
    }

    private static void expectContains(List<String> problems, String what, String shown, String expected) {
        if (shown == null || !shown.contains(expected)) {
            problems.add(what + ": page shows " + (shown == null ? "nothing" : "'" + shown + "'") + ", run.json says '..."
                    + expected + "...'");
        }
    }

    private static Map<String, String[]> cards(String dom) {
        Map<String, String[]> cards = new HashMap<>();
        Matcher m = CARD.matcher(dom);
        while (m.find()) {
            cards.put(text(m.group(1)), new String[] {text(m.group(2)), text(m.group(3))});
        }
        return cards;
    }

    private static String card(Map<String, String[]> cards, String key, int part) {
        String[] card = cards.get(key);
        return card == null ? null : card[part];
    }

    private static String section(String dom, String id) {
        Matcher m = Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL).matcher(dom);
        return m.find() ? m.group(1) : "";
    }

    /** Table rows by their first cell's text, each as its cells' texts. */
    private static Map<String, List<String>> rows(String html) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            // Nested markup in a cell (details, lists) holds no table rows: the first-level cells are enough.
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(text(cell.group(1)));
            }
            if (!cells.isEmpty()) {
                rows.putIfAbsent(cells.get(0), cells);
            }
        }
        return rows;
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replace("\u00a0", " ").replaceAll("\\s+", " ").strip();
    }
}
