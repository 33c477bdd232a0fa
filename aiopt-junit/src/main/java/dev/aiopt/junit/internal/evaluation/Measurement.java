package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Figures of two programs measured interleaved (A B A B ...), one map of metrics per run and program.
 *
 * @param candidate per-run metrics of the candidate, in run order
 * @param reference per-run metrics of the reference, in run order
 * @param candidateHistograms the candidate's latency histogram per run; empty unless every run carried one
 * @param referenceHistograms the reference's, likewise
 * @param elapsed wall time of all runs, warm-ups included
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Measurement(List<Map<String, Double>> candidate, List<Map<String, Double>> reference,
        List<LatencyHistogram> candidateHistograms, List<LatencyHistogram> referenceHistograms, Duration elapsed) {
    public Measurement {
        candidate = List.copyOf(candidate);
        reference = List.copyOf(reference);
        candidateHistograms = candidateHistograms.size() == candidate.size() ? List.copyOf(candidateHistograms)
                : List.of();
        referenceHistograms = referenceHistograms.size() == reference.size() ? List.copyOf(referenceHistograms)
                : List.of();
    }

    /** Whether every run of both sides carried a latency histogram (so a merged-tail test can use them). */
    public boolean hasHistograms() {
        return !candidate.isEmpty() && !candidateHistograms.isEmpty() && !referenceHistograms.isEmpty();
    }

    /** Whether the runs have a latency axis ({@code p99_us}); not when the benchmark's latency is {@code none}. */
    public boolean hasLatency() {
        return !candidate.isEmpty() && candidate.stream().allMatch(m -> m.containsKey(Evaluator.P99))
                && reference.stream().allMatch(m -> m.containsKey(Evaluator.P99));
    }

    /** One metric of the candidate's runs. */
    public double[] candidate(String metric) {
        return candidate.stream().mapToDouble(m -> m.get(metric)).toArray();
    }

    /** One metric of the reference's runs. */
    public double[] reference(String metric) {
        return reference.stream().mapToDouble(m -> m.get(metric)).toArray();
    }

    /** Adds the runs of another measurement of the same pair. */
    public Measurement plus(Measurement more) {
        List<Map<String, Double>> c = new java.util.ArrayList<>(candidate);
        c.addAll(more.candidate);
        List<Map<String, Double>> r = new java.util.ArrayList<>(reference);
        r.addAll(more.reference);
        List<LatencyHistogram> ch = new java.util.ArrayList<>(candidateHistograms);
        ch.addAll(more.candidateHistograms);
        List<LatencyHistogram> rh = new java.util.ArrayList<>(referenceHistograms);
        rh.addAll(more.referenceHistograms);
        boolean complete = hasHistograms() && more.hasHistograms();
        return new Measurement(c, r, complete ? ch : List.of(), complete ? rh : List.of(), elapsed.plus(more.elapsed));
    }
}
