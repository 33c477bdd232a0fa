package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.Placement;
import dev.aiopt.junit.internal.runfile.RunFile.Causal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything known about one program of a run: where it came from, what became of it and, when measured, its
 * figures. The run file's candidate entries are written from it.
 *
 * @param origin id, generation, parent, island
 * @param outcome status and reason
 * @param slice the program's slice text (null when the model gave nothing usable)
 * @param sliceSha256 hash of the slice, for dedupe and replay keys
 * @param measured its figures; null unless measured (or a duplicate of a measured program)
 * @param fitness the score (null unless scored; 0 for a program that fails the oracle)
 * @param causal causal realization and hotspots, when profiled
 * @param diff unified diff against the parent (null when there is no new slice)
 * @param timings where its time went
 * @param attempts the reasons earlier replies were rejected
 * @param placement the node and job that evaluated it on a cluster; null when this JVM did, or nothing ran
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ProgramResult(Origin origin, Outcome outcome, String slice, String sliceSha256, Measured measured,
        Double fitness, Causal causal, String diff, Timings timings, List<String> attempts, Placement placement) {

    public ProgramResult {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(timings, "timings");
        attempts = List.copyOf(attempts);
        if (outcome.status().measured() && (measured == null || fitness == null)) {
            throw new IllegalArgumentException("a measured program needs figures and a fitness: " + origin.id());
        }
    }

    /** A program evaluated in this JVM, or not evaluated at all. */
    public ProgramResult(Origin origin, Outcome outcome, String slice, String sliceSha256, Measured measured,
            Double fitness, Causal causal, String diff, Timings timings, List<String> attempts) {
        this(origin, outcome, slice, sliceSha256, measured, fitness, causal, diff, timings, attempts, null);
    }

    /** This result, evaluated where {@code where} says (null: in this JVM). */
    ProgramResult placedOn(Placement where) {
        return new ProgramResult(origin, outcome, slice, sliceSha256, measured, fitness, causal, diff, timings,
                attempts, where);
    }

    /** A program that failed before it was measured; one that fails the oracle scores 0. */
    static ProgramResult failed(Origin origin, Status status, String reason, String slice, String sha256,
            String diff, Timings timings, List<String> attempts) {
        return new ProgramResult(origin, new Outcome(status, reason), slice, sha256, null,
                status == Status.VERIFY_FAILED ? 0.0 : null, null, diff, timings, attempts);
    }

    public String id() {
        return origin.id();
    }

    public int generation() {
        return origin.generation();
    }

    public String parentId() {
        return origin.parentId();
    }

    public int island() {
        return origin.island();
    }

    public Status status() {
        return outcome.status();
    }

    public String reason() {
        return outcome.reason();
    }

    /** Medians of the runs; null unless measured. */
    public Map<String, Double> metrics() {
        return measured == null ? null : measured.metrics();
    }

    /** Per-run metrics; empty unless measured. */
    public List<Map<String, Double>> runs() {
        return measured == null ? List.of() : measured.runs();
    }

    /** Throughput relative to the baseline; null unless measured. */
    public Ratio throughput() {
        return measured == null ? null : measured.throughput();
    }

    /** p99 relative to the baseline; null unless measured. */
    public Ratio p99() {
        return measured == null ? null : measured.p99();
    }

    /** The statistics against the parent; empty unless compared with it. */
    public List<Ratio> vsParent() {
        return measured == null ? List.of() : measured.vsParent();
    }
}
