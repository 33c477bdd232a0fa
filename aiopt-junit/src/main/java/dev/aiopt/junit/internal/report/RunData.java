package dev.aiopt.junit.internal.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a report shows of one run, read from {@code run.json}. Optional parts of the file are {@code null}
 * here (documented per component); lists and maps are never null, only empty.
 */
record RunData(
        String experiment,
        String track,
        String run,
        Long seed,
        boolean offline,
        String model,
        String startedAt,
        String finishedAt,
        Map<String, Double> weights,
        List<ConfigEntry> configuration,
        Baseline baseline,
        List<Candidate> candidates,
        Best best,
        Champion champion,
        Ledger ledger,
        String stopReason,
        Profile profile,
        Map<String, String> manifest,
        Tournament tournament) {

    RunData {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(run, "run");
        weights = Map.copyOf(weights);
        configuration = List.copyOf(configuration);
        candidates = List.copyOf(candidates);
        // In the manifest's own order: library, JVM, build, machine, target, models, seeds.
        manifest = manifest == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
    }

    /** The candidate with this id, or null. */
    Candidate candidate(String id) {
        for (Candidate candidate : candidates) {
            if (candidate.id().equals(id)) {
                return candidate;
            }
        }
        return null;
    }

    /** Candidates other than the baseline itself. */
    List<Candidate> proposals() {
        return candidates.stream().filter(c -> !"BASELINE".equals(c.status())).toList();
    }

    /** One effective configuration value and where it came from. */
    record ConfigEntry(String key, String value, String source) {}

    /** The unchanged program's measurement; {@code id} may be null. */
    record Baseline(String id, Map<String, Double> metrics, List<Map<String, Double>> runs) {}

    /**
     * One candidate. Nullable: parentId, reason, fitness, throughput, p99, vsParent, causal, diff; metrics is empty when the
     * candidate was not benchmarked.
     */
    record Candidate(
            String id,
            int generation,
            String parentId,
            Integer island,
            String status,
            String reason,
            Double fitness,
            Map<String, Double> metrics,
            List<Map<String, Double>> runs,
            Comparison throughput,
            Comparison p99,
            VsParent vsParent,
            Causal causal,
            String diff,
            Map<String, Double> timings,
            List<String> attempts,
            Placement placement) {

        boolean hasComparison() {
            return throughput != null || p99 != null;
        }

        /**
         * Whether the ratios to the baseline are chained: measured against a parent other than the baseline and
         * multiplied by the parent's own ratio.
         */
        boolean chained() {
            return vsParent != null && vsParent.throughput() != null && throughput != null
                    && !Objects.equals(vsParent.throughput().reference(), throughput.reference());
        }
    }

    /** The ratios measured directly against the parent; either may be null. */
    record VsParent(Comparison throughput, Comparison p99) {}

    /**
     * A ratio of medians (candidate / reference) with its confidence interval. Nullable: low, high, pValue,
     * decision, reference.
     */
    record Comparison(double ratio, Double low, Double high, Double pValue, String decision, String reference) {}

    /** The node and job of a cluster that evaluated a candidate, and how long the job waited in the queue. */
    record Placement(String node, String jobId, long queueMs, int attempt) {
        String describe() {
            return node + " (job " + jobId + ", " + queueMs + " ms queued" + (attempt > 1 ? ", attempt " + attempt : "")
                    + ")";
        }
    }

    /** The causal profile of a candidate; realization and reason may be null. */
    record Causal(Double realization, String reason, List<Hotspot> hotspots) {}

    /** One line of a causal profile; every field but location may be null. */
    record Hotspot(String location, Integer sliceLine, Double speedupAt20, Double speedupAt50, Double impact) {}

    /** The best candidate of the run. Nullable: fitness, slice, diff, unifiedDiff. */
    record Best(String id, Double fitness, String slice, String diff, String unifiedDiff) {}

    /** The best candidate re-measured against the baseline. Nullable: throughput, p99, repeats, fitness. */
    record Champion(String id, Comparison throughput, Comparison p99, Integer repeats, Double fitness) {}

    /**
     * The champion in the final tournament of {@code -Dtrack=all}; the whole record is null for other runs.
     * Nullable: throughput, p99.
     */
    record Tournament(String id, Comparison throughput, Comparison p99, int repeats, int programs, String note) {}

    /** Model calls and their cost. Totals may be null when the writer did not compute them. */
    record Ledger(List<Call> calls, Double totalCostUsd, Long totalTokens) {

        record Call(String model, Long tokensIn, Long tokensOut, Double costUsd, Long latencyMs) {}
    }

    /** The baseline's causal profile as summarised for the prompt; summary may be null. */
    record Profile(String summary, List<Hotspot> hotspots) {}
}
