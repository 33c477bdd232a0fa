package dev.aiopt.junit.internal.evolution;

/** The console line of a landed program: id, parent, status, fitness, figures, time split, first reason line. */
final class ResultLine {
    private ResultLine() {
    }

    static String of(String label, ProgramResult r) {
        StringBuilder out = new StringBuilder(label).append(' ').append(r.id());
        if (r.parentId() != null) {
            out.append(" from ").append(r.parentId());
        }
        out.append(' ').append(r.status());
        if (r.fitness() != null) {
            out.append(String.format(" fitness %.4f", r.fitness()));
        }
        if (r.metrics() != null) {
            out.append(String.format(" | %.0f ops/sec (x%.3f vs baseline), p99 %.2f us (x%.3f)",
                    r.metrics().get(Cascade.THROUGHPUT), r.throughput().ratio(), r.metrics().get(Cascade.P99),
                    r.p99().ratio()));
        }
        out.append(" | ").append(r.timings().describe());
        if (r.reason() != null && !r.status().measured()) {
            String reason = r.reason().lines().findFirst().orElse("");
            out.append("\n    ").append(reason);
        }
        return out.toString();
    }
}
