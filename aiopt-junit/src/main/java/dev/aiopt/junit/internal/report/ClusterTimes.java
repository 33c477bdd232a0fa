package dev.aiopt.junit.internal.report;

import static dev.aiopt.junit.internal.report.Html.esc;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the time of a generation went when a cluster evaluated it: in the queue, in build (and verify), in
 * bench, and on which nodes. Shown only for runs whose candidates carry a placement.
 */
final class ClusterTimes {
    private ClusterTimes() {
    }

    static void section(StringBuilder out, RunData run) {
        Map<Integer, List<Candidate>> byGeneration = run.candidates().stream().filter(c -> c.placement() != null)
                .collect(Collectors.groupingBy(Candidate::generation, TreeMap::new, Collectors.toList()));
        if (byGeneration.isEmpty()) {
            return;
        }
        out.append("<section id=\"cluster\"><h2>Time on the cluster per generation</h2><div class=\"scroll\"><table><thead><tr>"
                + "<th class=\"n\">gen</th><th class=\"n\">jobs</th><th>nodes</th><th class=\"n\">queue s (max)</th>"
                + "<th class=\"n\">build + verify s</th><th class=\"n\">bench s</th></tr></thead><tbody>");
        byGeneration.forEach((generation, candidates) -> {
            long queue = candidates.stream().mapToLong(c -> c.placement().queueMs()).sum();
            long maxQueue = candidates.stream().mapToLong(c -> c.placement().queueMs()).max().orElse(0);
            double build = candidates.stream().mapToDouble(c -> ms(c, "build_ms") + ms(c, "verify_ms")).sum();
            double bench = candidates.stream().mapToDouble(c -> ms(c, "bench_ms")).sum();
            String nodes = String.join(" ", candidates.stream().map(c -> c.placement().node())
                    .collect(Collectors.toCollection(TreeSet::new)));
            out.append("<tr><td class=\"n\">").append(generation).append("</td><td class=\"n\">")
                    .append(candidates.size()).append("</td><td class=\"mono\">").append(esc(nodes))
                    .append("</td><td class=\"n\">").append(seconds(queue)).append(" (").append(seconds(maxQueue))
                    .append(")</td><td class=\"n\">").append(seconds(build)).append("</td><td class=\"n\">")
                    .append(seconds(bench)).append("</td></tr>");
        });
        out.append("</tbody></table></div><p class=\"note\">Sums over the generation's jobs (the attempt that ran each"
                + " candidate); queue: from submission to the job's start on its node. The cluster's utilisation is"
                + " not recorded yet.</p></section>\n");
    }

    private static double ms(Candidate c, String key) {
        Double value = c.timings().get(key);
        return value == null ? 0 : value;
    }

    private static String seconds(double millis) {
        return String.format("%.1f", millis / 1e3);
    }
}
