package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.badge;
import static dev.aiopt.junit.internal.report.Html.esc;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The write pressure each program ran under: db_bench's write stall share, its level-0 files and the write p99,
 * as the median of the program's benchmark runs with their range. Shown only when some program carries a stall
 * or L0 figure (db_bench with its {@code stats} dump); each column only when some program has its metric.
 */
final class PressureSection {
    static final String STALL = "stall_percent";
    static final String L0 = "l0_files";
    static final String WRITE_P99 = "write.p99_us";

    /** The columns, in their order: metric name, heading, and how a value is written. */
    private static final List<Column> COLUMNS = List.of(
            new Column(STALL, "write stall %", v -> Html.fixed(v, 1)),
            new Column(L0, "L0 files", Html::metric),
            new Column(WRITE_P99, "write p99 µs", Html::metric));

    private record Column(String metric, String heading, Function<Double, String> format) {}

    /** One measured program: its id, status and runs (or, without runs, its recorded medians). */
    private record Program(String id, String status, List<Map<String, Double>> runs, Map<String, Double> medians) {}

    private PressureSection() {
    }

    static void section(StringBuilder out, RunData run) {
        List<Program> programs = programs(run);
        List<Column> columns = COLUMNS.stream().filter(c -> programs.stream().anyMatch(p -> has(p, c.metric())))
                .toList();
        if (columns.stream().noneMatch(c -> c.metric().equals(STALL) || c.metric().equals(L0))) {
            return;
        }
        out.append("<section id=\"pressure\"><h2>Write pressure per program</h2><div class=\"scroll\"><table><thead>"
                + "<tr><th>program</th><th>status</th><th class=\"n\">runs</th>");
        columns.forEach(c -> out.append("<th class=\"n\">").append(esc(c.heading()))
                .append(" <span class=\"ci\">median [min, max]</span></th>"));
        out.append("</tr></thead><tbody>");
        for (Program p : programs) {
            out.append("<tr><td class=\"mono\">").append(esc(p.id())).append("</td><td>").append(badge(p.status()))
                    .append("</td><td class=\"n\">").append(p.runs().size());
            for (Column c : columns) {
                out.append("</td><td class=\"n\">").append(cell(p, c));
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table></div><p class=\"note\">Median of each program's benchmark runs, with the smallest"
                + " and largest run in brackets; the baseline's range is the run-to-run spread of the unchanged"
                + " program. Write stall: db_bench's cumulative stall as a share of the run (DB Stats); L0 files:"
                + " level-0 files at the end of the run; write p99: the 99th percentile of db_bench's \"Microseconds"
                + " per write\" histogram. A column is shown only when the benchmark printed that figure; duplicates"
                + " are not listed (they were not run again).</p></section>\n");
    }

    /** The baseline first (its own runs when the run file records them apart), then every measured candidate. */
    private static List<Program> programs(RunData run) {
        List<Program> programs = new ArrayList<>();
        RunData.Baseline baseline = run.baseline();
        boolean baselineApart = baseline != null && baseline.id() != null && !baseline.runs().isEmpty();
        if (baselineApart) {
            programs.add(new Program(baseline.id(), "BASELINE", baseline.runs(), baseline.metrics()));
        }
        for (Candidate c : run.candidates()) {
            boolean shownAbove = baselineApart && "BASELINE".equals(c.status());
            if (!shownAbove && !"DUPLICATE".equals(c.status()) && (!c.runs().isEmpty() || !c.metrics().isEmpty())) {
                programs.add(new Program(c.id(), c.status(), c.runs(), c.metrics()));
            }
        }
        return programs;
    }

    private static boolean has(Program p, String metric) {
        return p.runs().stream().anyMatch(r -> r.get(metric) != null) || p.medians().get(metric) != null;
    }

    private static String cell(Program p, Column c) {
        double[] values = p.runs().stream().map(r -> r.get(c.metric())).filter(v -> v != null && !v.isNaN())
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            Double median = p.medians().get(c.metric());
            return median == null ? "–" : c.format().apply(median);
        }
        String median = c.format().apply(median(values));
        return values.length == 1 ? median : median + " <span class=\"ci\">[" + c.format().apply(values[0]) + ", "
                + c.format().apply(values[values.length - 1]) + "]</span>";
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
