package dev.aiopt.junit.evolution;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The system and user messages for one candidate: the parent slice with line numbers, its figures, the rules. */
final class Prompts {
    private Prompts() {
    }

    static String system() {
        return """
                You are an expert C++ performance engineer. You improve the throughput and tail latency of one
                function without changing its observable behaviour: every acknowledged write must stay durable,
                ordered and readable. Answer only with SEARCH/REPLACE blocks.""";
    }

    static String user(ExperimentPlan plan, ProgramResult parent, List<String> rejected, String profileSection) {
        StringBuilder out = new StringBuilder();
        out.append("# Program to improve: ").append(plan.slice().how()).append(" of ").append(plan.slice().file())
                .append(" (program ").append(parent.id()).append(")\n\n");
        out.append("## Current figures\n");
        Map<String, Double> metrics = new TreeMap<>(parent.metrics());
        metrics.forEach((k, v) -> out.append("- ").append(k).append(": ").append(String.format("%.4g", v)).append('\n'));
        out.append(String.format("- fitness: %.4f (baseline %.4f)%n%n", parent.fitness(), plan.fitness().baseline()));
        if (profileSection != null && !profileSection.isBlank()) {
            out.append("## Causal profile\n").append(profileSection.strip()).append("\n\n");
        }
        if (!rejected.isEmpty()) {
            out.append("## Your previous replies for this candidate were rejected\n");
            rejected.forEach(r -> out.append("- ").append(r.replace("\n", "\n  ")).append('\n'));
            out.append('\n');
        }
        out.append("## Code (line numbers are for reference only; they are not part of the code)\n```cpp\n");
        String[] lines = parent.slice().split("\n", -1);
        int count = parent.slice().endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            out.append(String.format("%4d| %s%n", i + 1, lines[i]));
        }
        out.append("```\n\n");
        out.append("""
                ## How to answer
                Reply with one or more blocks, each exactly:
                <<<<<<< SEARCH
                (lines copied exactly from the code above, without the line numbers)
                =======
                (the new lines)
                >>>>>>> REPLACE
                Each SEARCH part must match exactly one place. Do not touch the EVOLVE-BLOCK markers.
                """);
        return out.toString();
    }
}
