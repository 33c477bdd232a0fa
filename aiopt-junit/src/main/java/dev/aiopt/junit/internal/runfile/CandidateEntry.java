package dev.aiopt.junit.internal.runfile;

import dev.aiopt.junit.internal.runfile.RunFile.Attempt;
import dev.aiopt.junit.internal.runfile.RunFile.Causal;
import dev.aiopt.junit.internal.runfile.RunFile.Comparison;
import dev.aiopt.junit.internal.runfile.RunFile.Placement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program of a run as {@code run.json} holds it: origin (id, generation, parent, island), outcome (status,
 * reason), and when measured its figures.
 *
 * @param id e.g. {@code g2-c1}
 * @param generation 0 for the baseline
 * @param parentId null for the baseline
 * @param island the database island it was bred on
 * @param status what became of it
 * @param reason why it failed or how it compared; null when there is nothing to say
 * @param fitness null unless scored
 * @param sliceSha256 hash of its slice; null when the model gave nothing usable
 * @param metrics medians of its runs; null unless measured (or a duplicate)
 * @param runs per-run metrics; empty unless measured
 * @param comparison ratios to the baseline and the parent; null unless measured
 * @param causal its causal profile; null when not profiled
 * @param diff unified diff against the parent; null when there is no new slice
 * @param timings milliseconds per stage: model_ms, apply_ms, build_ms, verify_ms, bench_ms, profile_ms
 * @param attempts rejected replies
 * @param placement the node and job that evaluated it on a cluster; null when the submitting JVM did
 *
 * <p>Public because it is used by {@code evolution}, {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CandidateEntry(String id, int generation, String parentId, int island, String status, String reason,
        Double fitness, String sliceSha256, Map<String, Double> metrics, List<Map<String, Double>> runs,
        Comparison comparison, Causal causal, String diff, Map<String, Long> timings, List<Attempt> attempts,
        Placement placement) {

    public CandidateEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        runs = runs == null ? List.of() : runs;
        timings = timings == null ? Map.of() : timings;
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** The timings map's keys, in order. */
    static final List<String> TIMING_KEYS = List.of("model_ms", "apply_ms", "build_ms", "verify_ms", "bench_ms",
            "profile_ms");
}
