package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.badge;
import static dev.aiopt.junit.internal.report.Html.change;
import static dev.aiopt.junit.internal.report.Html.decision;
import static dev.aiopt.junit.internal.report.Html.diff;
import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;
import static dev.aiopt.junit.internal.report.Html.grouped;
import static dev.aiopt.junit.internal.report.Html.metric;
import static dev.aiopt.junit.internal.report.Html.orDash;
import static dev.aiopt.junit.internal.report.Html.pValue;
import static dev.aiopt.junit.internal.report.Html.ratio;
import static dev.aiopt.junit.internal.report.Html.usd;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Champion;
import dev.aiopt.junit.internal.report.RunData.Comparison;
import dev.aiopt.junit.internal.report.RunData.ConfigEntry;
import dev.aiopt.junit.internal.report.RunData.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders one run's {@code report.html}. */
final class RunPage {
    static final String THROUGHPUT = "ops_per_sec";
    static final String P99 = "p99_us";

    private final RunData run;
    private final String baselineId;
    private final Map<String, Double> baselineMetrics;

    private RunPage(RunData run) {
        this.run = run;
        Candidate baselineCandidate = run.candidates().stream().filter(c -> "BASELINE".equals(c.status())).findFirst()
                .orElse(null);
        String id = run.baseline() != null ? run.baseline().id() : null;
        if (id == null && baselineCandidate != null) {
            id = baselineCandidate.id();
        }
        this.baselineId = id;
        this.baselineMetrics = run.baseline() != null && !run.baseline().metrics().isEmpty() ? run.baseline().metrics()
                : baselineCandidate != null ? baselineCandidate.metrics() : Map.of();
    }

    static String render(RunData run) {
        return new RunPage(run).render();
    }

    private String render() {
        StringBuilder body = new StringBuilder();
        header(body);
        fitness(body);
        RatioSection.section(body, run, baselineId, baselineMetrics);
        PressureSection.section(body, run);
        statuses(body);
        ClusterTimes.section(body, run);
        LineageSection.section(body, run);
        CausalSection.section(body, run);
        bestDiff(body);
        CandidateTable.section(body, run);
        configuration(body);
        body.append(ProvenanceSection.html(run.manifest()));
        ledger(body);
        return Html.page(run.experiment() + " · " + run.track() + " · " + run.run(), body.toString());
    }

    private void header(StringBuilder out) {
        out.append("<header id=\"summary\"><h1>").append(esc(run.experiment()));
        if (run.offline()) {
            out.append(" <span class=\"offline\" title=\"model answers were replayed from a recording\">"
                    + "OFFLINE REPLAY</span>");
        } else {
            out.append(" <span class=\"live\">LIVE MODEL</span>");
        }
        out.append("</h1>\n<div class=\"sub\">track <b>").append(esc(run.track())).append("</b> · run <b>")
                .append(esc(run.run())).append("</b>");
        if (run.seed() != null) {
            out.append(" · seed ").append(run.seed());
        }
        if (run.startedAt() != null) {
            out.append(" · started ").append(esc(run.startedAt()));
        }
        out.append(" · ").append(run.finishedAt() != null ? "finished " + esc(run.finishedAt()) + duration()
                : "<b>not finished</b>");
        out.append("</div>\n");
        if (run.model() != null) {
            out.append("<div class=\"sub\">model: ").append(esc(run.model())).append("</div>\n");
        }
        if (run.stopReason() != null) {
            out.append("<div class=\"sub\">stopped early: <b>").append(esc(run.stopReason())).append("</b></div>\n");
        }
        out.append("<div class=\"cards\">");
        Champion champion = run.champion();
        if (champion != null && champion.throughput() != null) {
            card(out, "champion throughput", change(champion.throughput().ratio()) + decision(champion.throughput()
                    .decision()), interval(champion.throughput()) + " · " + esc(orDash(champion.id())) + " vs baseline"
                    + (champion.repeats() != null ? ", " + champion.repeats() + " repeats" : ""));
        } else {
            card(out, "champion", "none", "no candidate was re-measured against the baseline");
        }
        if (champion != null && champion.p99() != null) {
            card(out, "champion p99", change(champion.p99().ratio()) + decision(champion.p99().decision()),
                    interval(champion.p99()));
        }
        // One champion figure, as the console and minFitness use it: the re-measured fitness.
        if (champion != null && champion.fitness() != null) {
            card(out, "champion fitness", fixed(champion.fitness(), 4), esc(orDash(champion.id()))
                    + " re-measured" + (run.best() != null && run.best().fitness() != null
                    ? "; first measurement " + fixed(run.best().fitness(), 4) : ""));
        } else if (run.best() != null) {
            card(out, "best fitness (first measurement)", fixed(run.best().fitness(), 4), esc(orDash(run.best().id()))
                    + ", not re-measured");
        }
        List<Candidate> proposals = run.proposals();
        long improved = proposals.stream().filter(c -> "IMPROVED".equals(c.status())).count();
        long duplicates = proposals.stream().filter(c -> "DUPLICATE".equals(c.status())).count();
        long benchmarked = proposals.stream().filter(c -> !c.metrics().isEmpty() && !"DUPLICATE".equals(c.status()))
                .count();
        card(out, "candidates", String.valueOf(proposals.size()), benchmarked + " benchmarked, " + improved
                + " improved" + (duplicates > 0 ? ", " + duplicates + " duplicate" + (duplicates == 1 ? "" : "s")
                + " (not benchmarked again)" : ""));
        card(out, "baseline", metric(baselineMetrics.get(THROUGHPUT)) + " <span class=\"x\">ops/s</span>",
                "p99 " + metric(baselineMetrics.get(P99)) + " µs");
        Ledger ledger = run.ledger();
        if (ledger != null) {
            card(out, "model cost", usd(totalCost(ledger)), ledger.calls().size() + " calls, " + grouped(
                    (double) totalTokens(ledger)) + " tokens");
        }
        out.append("</div></header>\n");
    }

    private void fitness(StringBuilder out) {
        out.append("<section id=\"fitness\"><h2>Fitness per generation</h2>");
        Candidate baseline = baselineId == null ? null : run.candidate(baselineId);
        out.append(Charts.fitness(run.candidates(), baseline != null ? baseline.fitness() : null));
        out.append(legend());
        out.append("<p class=\"note\">One dot per candidate; the blue step line is the best fitness so far. Fitness = ");
        Map<String, Double> w = run.weights();
        out.append(w.isEmpty() ? "weighted throughput, latency and causal realization"
                : esc(fixed(w.get("throughput"), 2) + "·throughput + " + fixed(w.get("latency"), 2) + "·latency + "
                + fixed(w.get("causal"), 2) + "·causal realization"));
        out.append(", each normalised to the baseline. Candidates without a positive fitness (failed, duplicate)"
                + " are the crosses under the axis.</p></section>\n");
    }

    private String legend() {
        Set<String> present = new LinkedHashSet<>();
        for (String status : Charts.STATUS_COLOURS.keySet()) {
            if (run.candidates().stream().anyMatch(c -> c.status().equals(status))) {
                present.add(status);
            }
        }
        run.candidates().forEach(c -> present.add(c.status()));
        StringBuilder legend = new StringBuilder("<div class=\"legend\">");
        for (String status : present) {
            legend.append("<span><i style=\"background:").append(Charts.colour(status)).append("\"></i>")
                    .append(esc(status)).append("</span>");
        }
        legend.append("<span><i style=\"background:#1d4ed8;border-radius:0;height:3px;vertical-align:3px\"></i>"
                + "best so far</span>");
        return legend.append("</div>").toString();
    }

    private void statuses(StringBuilder out) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Charts.STATUS_COLOURS.keySet().forEach(status -> counts.put(status, 0));
        run.candidates().forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        int total = run.candidates().size();
        out.append("<section id=\"statuses\"><h2>Status breakdown</h2>");
        out.append(Charts.statusBar(counts));
        out.append("<div class=\"scroll\"><table style=\"max-width:520px;margin-top:10px\"><thead><tr><th>status</th><th class=\"n\">"
                + "candidates</th><th class=\"n\">share</th></tr></thead><tbody>");
        counts.entrySet().removeIf(e -> e.getValue() == 0 && !"BASELINE".equals(e.getKey()));
        counts.forEach((status, count) -> out.append("<tr><td>").append(badge(status)).append("</td><td class=\"n\">")
                .append(count).append("</td><td class=\"n\">")
                .append(total == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * count / total))
                .append("</td></tr>"));
        out.append("<tr><th>total</th><th class=\"n\">").append(total).append("</th><th></th></tr>");
        out.append("</tbody></table></div><p class=\"note\">Statuses without candidates are not listed.</p></section>\n");
    }

    private void bestDiff(StringBuilder out) {
        out.append("<section id=\"best-diff\"><h2>Best candidate's diff</h2>");
        if (run.best() == null) {
            out.append("<p>No best candidate.</p></section>\n");
            return;
        }
        out.append("<p class=\"sub\"><span class=\"mono\">").append(esc(orDash(run.best().id()))).append("</span>");
        if (run.best().fitness() != null) {
            out.append(" · fitness ").append(fixed(run.best().fitness(), 4));
        }
        if (run.best().slice() != null) {
            out.append(" · slice <span class=\"mono\">").append(esc(run.best().slice())).append("</span>");
        }
        if (run.best().diff() != null) {
            out.append(" · diff <span class=\"mono\">").append(esc(run.best().diff())).append("</span>");
        }
        out.append(" (files in this run's directory)</p>");
        String diff = run.best().unifiedDiff();
        if (diff == null || diff.isBlank()) {
            out.append("<p>The best candidate is the baseline: no change.</p>");
        } else {
            out.append(diff(diff));
        }
        out.append("</section>\n");
    }

    private void configuration(StringBuilder out) {
        out.append("<section id=\"configuration\"><h2>Configuration</h2>");
        if (run.configuration().isEmpty()) {
            out.append("<p>Not recorded.</p>");
        } else {
            out.append("<div class=\"scroll\"><table><thead><tr><th>key</th><th>value</th><th>from</th></tr></thead><tbody>");
            for (ConfigEntry e : run.configuration()) {
                out.append("<tr><td class=\"mono\">").append(esc(e.key())).append("</td><td class=\"mono reason\">")
                        .append(esc(e.value())).append("</td><td class=\"sub\">").append(esc(e.source()))
                        .append("</td></tr>");
            }
            out.append("</tbody></table></div>");
        }
        if (!run.weights().isEmpty()) {
            out.append("<p class=\"note\">Fitness weights: ");
            List<String> parts = new ArrayList<>();
            new java.util.TreeMap<>(run.weights()).forEach((k, v) -> parts.add(esc(k) + " " + fixed(v, 2)));
            out.append(String.join(", ", parts)).append("</p>");
        }
        out.append("</section>\n");
    }

    private void ledger(StringBuilder out) {
        out.append("<section id=\"ledger\"><h2>Model calls and cost</h2>");
        Ledger ledger = run.ledger();
        if (ledger == null || ledger.calls().isEmpty()) {
            out.append("<p>No model calls recorded").append(run.offline() ? " (offline replay)." : ".").append("</p>");
            out.append("</section>\n");
            return;
        }
        Map<String, long[]> perModel = new LinkedHashMap<>();
        Map<String, Double> costPerModel = new LinkedHashMap<>();
        for (Ledger.Call call : ledger.calls()) {
            String model = orDash(call.model());
            long[] sums = perModel.computeIfAbsent(model, k -> new long[4]);
            sums[0]++;
            sums[1] += call.tokensIn() == null ? 0 : call.tokensIn();
            sums[2] += call.tokensOut() == null ? 0 : call.tokensOut();
            sums[3] += call.latencyMs() == null ? 0 : call.latencyMs();
            costPerModel.merge(model, call.costUsd() == null ? 0 : call.costUsd(), Double::sum);
        }
        out.append("<div class=\"scroll\"><table><thead><tr><th>model</th><th class=\"n\">calls</th><th class=\"n\">tokens in</th>"
                + "<th class=\"n\">tokens out</th><th class=\"n\">mean latency</th><th class=\"n\">cost</th></tr></thead>"
                + "<tbody>");
        perModel.forEach((model, s) -> out.append("<tr><td class=\"mono\">").append(esc(model))
                .append("</td><td class=\"n\">").append(s[0]).append("</td><td class=\"n\">")
                .append(grouped((double) s[1])).append("</td><td class=\"n\">").append(grouped((double) s[2]))
                .append("</td><td class=\"n\">").append(s[0] == 0 ? "–" : s[3] / s[0] + " ms")
                .append("</td><td class=\"n\">").append(usd(costPerModel.get(model))).append("</td></tr>"));
        out.append("<tr><th>total</th><th class=\"n\">").append(ledger.calls().size()).append("</th><th class=\"n\""
                + " colspan=\"2\">").append(grouped((double) totalTokens(ledger))).append(" tokens</th><th></th>"
                + "<th class=\"n\">").append(usd(totalCost(ledger))).append("</th></tr>");
        out.append("</tbody></table></div></section>\n");
    }

    // --- helpers ---

    static double totalCost(Ledger ledger) {
        if (ledger.totalCostUsd() != null) {
            return ledger.totalCostUsd();
        }
        return ledger.calls().stream().mapToDouble(c -> c.costUsd() == null ? 0 : c.costUsd()).sum();
    }

    static long totalTokens(Ledger ledger) {
        if (ledger.totalTokens() != null) {
            return ledger.totalTokens();
        }
        return ledger.calls().stream().mapToLong(c -> (c.tokensIn() == null ? 0 : c.tokensIn())
                + (c.tokensOut() == null ? 0 : c.tokensOut())).sum();
    }

    private static void card(StringBuilder out, String key, String valueHtml, String extraHtml) {
        out.append("<div class=\"card\"><div class=\"k\">").append(esc(key)).append("</div><div class=\"v\">")
                .append(valueHtml).append("</div><div class=\"x\">").append(extraHtml).append("</div></div>");
    }

    private static String interval(Comparison c) {
        return c.low() != null && c.high() != null
                ? "ratio " + fixed(c.ratio(), 3) + " [" + fixed(c.low(), 3) + ", " + fixed(c.high(), 3) + "]"
                + (c.pValue() != null ? ", p " + pValue(c.pValue()) : "")
                : "ratio " + fixed(c.ratio(), 3);
    }

    private String duration() {
        if (run.startedAt() == null || run.finishedAt() == null) {
            return "";
        }
        try {
            Duration d = Duration.between(Instant.parse(run.startedAt()), Instant.parse(run.finishedAt()));
            return String.format(Locale.ROOT, " (%d min %02d s)", d.toMinutes(), d.toSecondsPart());
        } catch (DateTimeParseException e) {
            return "";
        }
    }
}
