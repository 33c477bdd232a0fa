package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.badge;
import static dev.aiopt.junit.internal.report.Html.change;
import static dev.aiopt.junit.internal.report.Html.esc;
import static dev.aiopt.junit.internal.report.Html.fixed;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The lineage tree: each candidate under its parent, with its status, fitness and island. */
final class LineageSection {
    private final RunData run;

    private LineageSection(RunData run) {
        this.run = run;
    }

    static void section(StringBuilder out, RunData run) {
        new LineageSection(run).lineage(out);
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
}
