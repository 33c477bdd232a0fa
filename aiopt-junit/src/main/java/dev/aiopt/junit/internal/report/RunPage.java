package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.badge;
import static dev.aiopt.junit.internal.report.Html.change;
import static dev.aiopt.junit.internal.report.Html.decision;
import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;
import static dev.aiopt.junit.internal.report.Html.grouped;
import static dev.aiopt.junit.internal.report.Html.metric;
import static dev.aiopt.junit.internal.report.Html.pValue;
import static dev.aiopt.junit.internal.report.Html.ratio;
import static dev.aiopt.junit.internal.report.Html.usd;

import dev.aiopt.junit.internal.report.Charts.RatioRow;
import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Causal;
import dev.aiopt.junit.internal.report.RunData.Champion;
import dev.aiopt.junit.internal.report.RunData.Comparison;
import dev.aiopt.junit.internal.report.RunData.ConfigEntry;
import dev.aiopt.junit.internal.report.RunData.Hotspot;
import dev.aiopt.junit.internal.report.RunData.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        ratios(body);
        PressureSection.section(body, run);
        statuses(body);
        ClusterTimes.section(body, run);
        lineage(body);
        causal(body);
        bestDiff(body);
        candidates(body);
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
            Double ops = c.metrics().get(THROUGHPUT);
            Double p99 = c.metrics().get(P99);
            Comparison t = c.throughput();
            Comparison l = c.p99();
            String reference = t != null ? t.reference() : l != null ? l.reference() : null;
            out.append("<tr><td class=\"mono\">").append(esc(c.id())).append("</td><td class=\"n\">")
                    .append(c.generation()).append("</td><td>").append(badge(c.status())).append("</td><td class=\"n\">")
                    .append(metric(ops)).append("</td><td class=\"n\">")
                    .append(againstBaseline(ops, baselineMetrics.get(THROUGHPUT))).append("</td><td class=\"n\">")
                    .append(metric(p99)).append("</td><td class=\"n\">")
                    .append(againstBaseline(p99, baselineMetrics.get(P99))).append("</td><td class=\"n\">")
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

    private void lineage(StringBuilder out) {
        Map<String, List<Candidate>> children = new LinkedHashMap<>();
        List<Candidate> roots = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        run.candidates().forEach(c -> ids.add(c.id()));
        for (Candidate c : run.candidates()) {
            if (c.parentId() == null || !ids.contains(c.parentId()) || c.parentId().equals(c.id())) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        out.append("<section id=\"lineage\"><h2>Lineage</h2><ul class=\"tree\">");
        Set<String> shown = new HashSet<>();
        for (Candidate root : roots) {
            node(out, root, children, shown);
        }
        // Candidates caught in a parent cycle are reachable from no root; show them rather than lose them.
        for (Candidate c : run.candidates()) {
            if (!shown.contains(c.id())) {
                node(out, c, children, shown);
            }
        }
        out.append("</ul><p class=\"note\">Parent → children. ★ marks the best candidate.</p></section>\n");
    }

    private void node(StringBuilder out, Candidate c, Map<String, List<Candidate>> children, Set<String> shown) {
        if (!shown.add(c.id())) {
            return;
        }
        out.append("<li><span class=\"id\">").append(esc(c.id())).append("</span> ").append(badge(c.status()));
        if (c.fitness() != null) {
            out.append(" fitness ").append(fixed(c.fitness(), 4));
        }
        if (c.throughput() != null) {
            out.append(" <span class=\"sub\">throughput ").append(change(c.throughput().ratio())).append("</span>");
        }
        if (c.island() != null) {
            out.append(" <span class=\"sub\">island ").append(c.island()).append("</span>");
        }
        if (run.best() != null && c.id().equals(run.best().id())) {
            out.append(" <span class=\"star\" title=\"best candidate\">★ best</span>");
        }
        List<Candidate> kids = children.getOrDefault(c.id(), List.of());
        if (!kids.isEmpty()) {
            out.append("<ul>");
            for (Candidate kid : kids) {
                node(out, kid, children, shown);
            }
            out.append("</ul>");
        }
        out.append("</li>");
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

    private static String againstBaseline(Double value, Double baseline) {
        return value == null || baseline == null || baseline == 0 ? "–" : fixed(value / baseline, 3);
    }

    private static String percent(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%+.1f%%", value * 100);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, millis >= 10_000 ? "%.0f s" : "%.1f s", millis / 1000);
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

    private static String orDash(String value) {
        return value == null ? "–" : value;
    }
}
