package dev.aiopt.junit.internal.evolution;

import java.nio.file.Path;

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
            // Measured against its parent; against the baseline only when the parent is the baseline.
            boolean chained = !r.vsParent().isEmpty()
                    && !r.vsParent().get(0).reference().equals(r.throughput().reference());
            // The reference's own median from the same unit, so that the figure beside a ratio is one of the runs it
            // came from; the ratio itself is the paired estimate over the unit's interleaved pairs.
            Double reference = r.measured().referenceMetrics().get(Cascade.THROUGHPUT);
            String of = reference == null ? "" : String.format(" (median %.0f)", reference);
            out.append(String.format(" | %.0f ops/sec (x%.3f vs %s%s)",
                    r.metrics().get(Cascade.THROUGHPUT), r.throughput().ratio(), r.throughput().reference(),
                    r.status() == Status.DUPLICATE ? ", the original's figures"
                            : chained ? String.format(", chained: x%.3f vs %s%s measured", r.vsParent().get(0).ratio(),
                            r.vsParent().get(0).reference(), of) : of.isEmpty() ? ", measured"
                            : of + " over interleaved pairs in the same unit"));
            Double p99 = r.metrics().get(Cascade.P99);
            out.append(p99 == null ? ", no latency axis" : String.format(", p99 %.2f us (x%.3f%s)", p99,
                    r.p99().ratio(), chained ? String.format(" vs %s chained, x%.3f vs %s measured",
                            r.p99().reference(), r.vsParent().get(1).ratio(), r.vsParent().get(1).reference()) : ""));
        }
        out.append(" | ").append(r.timings().describe());
        if (r.reason() != null && !r.status().measured()) {
            String reason = r.reason().lines().findFirst().orElse("");
            out.append("\n    ").append(reason);
        }
        return out.toString();
    }

    /** How to take the champion home: its whole-file patch, and how to make it a gate's reference. */
    static String championPatch(String label, String id, ExperimentPlan plan) {
        Path dir = plan.run().directory().toAbsolutePath();
        return label + " champion " + id + " as a patch of the whole file " + plan.slice().file() + ": "
                + dir.resolve(RunRecord.BEST_DIFF) + "\n    apply it in your tree: cd " + plan.run().sourceRoot().toAbsolutePath()
                + " && patch -p1 < " + dir.resolve(RunRecord.BEST_DIFF)
                + "\n    or make it a gate's reference: copy " + dir.resolve(RunRecord.BEST_SLICE)
                + " beside the gate (e.g. src/test/gates/) and set @Gate(referenceSlice = \"src/test/gates/"
                + RunRecord.BEST_SLICE + "\") (relative to the module) or -Daiopt.gate.referenceSlice=<that file>";
    }
}
