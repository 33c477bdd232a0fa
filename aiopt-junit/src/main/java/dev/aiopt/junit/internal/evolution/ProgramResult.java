package dev.aiopt.junit.internal.evolution;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything known about one program of a run: where it came from, what became of it and, when measured,
 * its figures. Written to {@code run.json}.
 *
 * @param id e.g. {@code g0-baseline}, {@code g2-c1}
 * @param generation 0 for the baseline
 * @param parentId the program it was derived from; null for the baseline
 * @param status what became of it
 * @param reason why it failed or how it compared; null when there is nothing to say
 * @param slice the program's slice text (null when the model gave nothing usable)
 * @param sliceSha256 hash of the slice, for dedupe and replay keys
 * @param metrics medians of the measured runs (null unless measured)
 * @param runs per-run metrics (empty unless measured)
 * @param throughput ops/sec relative to the baseline (null unless measured)
 * @param p99 p99 latency relative to the baseline (null unless measured)
 * @param vsParent the statistics against the parent: throughput then p99 (empty unless measured)
 * @param fitness the score (null unless measured; 0 for a program that fails the oracle)
 * @param causal causal realization and hotspots, when profiled
 * @param diff unified diff against the parent (null when there is no new slice)
 * @param timings where its time went
 * @param attempts the reasons earlier replies were rejected
 */
public record ProgramResult(String id, int generation, String parentId, Status status, String reason, String slice,
        String sliceSha256, Map<String, Double> metrics, List<Map<String, Double>> runs, Ratio throughput, Ratio p99,
        List<Ratio> vsParent, Double fitness, Map<String, Object> causal, String diff, Timings timings,
        List<String> attempts) {

    public ProgramResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        runs = List.copyOf(runs);
        vsParent = List.copyOf(vsParent);
        attempts = List.copyOf(attempts);
        if (status.measured() && (metrics == null || throughput == null || p99 == null || fitness == null)) {
            throw new IllegalArgumentException("a measured program needs metrics, ratios and fitness: " + id);
        }
    }
}
