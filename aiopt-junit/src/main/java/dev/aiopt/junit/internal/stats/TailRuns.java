package dev.aiopt.junit.internal.stats;

import java.util.List;
import java.util.Optional;

/**
 * What a gate has of the two sides' tail latency, and so which p99 test it runs: every run's latency
 * histogram ({@link Test#MERGED_HISTOGRAMS}: {@link MergedTailBootstrap}), else one p99 per run
 * ({@link Test#PER_RUN}: Mann-Whitney and the bootstrap of the ratio of medians), or nothing when the runs carry
 * no latency ({@link Test#NONE}: the p99 comparison is skipped).
 *
 * @param perRun each run's p99, both sides; empty for {@link Test#NONE}
 * @param candidateHistograms the candidate's histogram per run; empty unless every run of both sides has one
 * @param referenceHistograms the reference's, likewise
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record TailRuns(Optional<Samples> perRun, List<LatencyHistogram> candidateHistograms,
        List<LatencyHistogram> referenceHistograms) {

    /** The p99 test a gate runs. */
    public enum Test {
        /** Per-run p99 values: Mann-Whitney U and the bootstrap interval of the ratio of medians. */
        PER_RUN("per-run p99, Mann-Whitney + bootstrap of the median ratio"),
        /** Merged histograms: p99 of the pooled samples, bootstrap over runs and a one-sided permutation test. */
        MERGED_HISTOGRAMS("merged latency histograms, bootstrap over runs + permutation test"),
        /** No latency in the runs: no p99 comparison. */
        NONE("none: the runs carry no latency");

        private final String description;

        Test(String description) {
            this.description = description;
        }

        /** How the verdict names the test. */
        public String description() {
            return description;
        }
    }

    public TailRuns {
        if (perRun == null || candidateHistograms == null || referenceHistograms == null) {
            throw new IllegalArgumentException("tail runs need per-run p99 (or none) and histograms (or none)");
        }
        candidateHistograms = List.copyOf(candidateHistograms);
        referenceHistograms = List.copyOf(referenceHistograms);
        boolean histograms = !candidateHistograms.isEmpty() || !referenceHistograms.isEmpty();
        if (histograms && (perRun.isEmpty() || candidateHistograms.size() != perRun.get().candidate().size()
                || referenceHistograms.size() != perRun.get().reference().size())) {
            throw new IllegalArgumentException("histograms, when given, are one per run of each side");
        }
    }

    /** Per-run p99 only. */
    public static TailRuns perRun(Samples p99) {
        return new TailRuns(Optional.of(p99), List.of(), List.of());
    }

    /**
     * Per-run p99 and every run's histogram. Per-run only when either side has no histograms, or when the runs'
     * histograms cannot be counted on common buckets (a bucket holding samples in one run is split by an edge of
     * another: the benchmark changed its buckets), since merging those would misplace samples.
     */
    public static TailRuns of(Samples p99, List<LatencyHistogram> candidate, List<LatencyHistogram> reference) {
        if (candidate.isEmpty() || reference.isEmpty()) {
            return perRun(p99);
        }
        List<LatencyHistogram> all = new java.util.ArrayList<>(candidate);
        all.addAll(reference);
        try {
            LatencyHistogram.commonEdges(all);
        } catch (IllegalArgumentException otherBuckets) {
            return perRun(p99);
        }
        return new TailRuns(Optional.of(p99), candidate, reference);
    }

    /** Runs without latency. */
    public static TailRuns none() {
        return new TailRuns(Optional.empty(), List.of(), List.of());
    }

    /** The test these runs allow. */
    public Test test() {
        return perRun.isEmpty() ? Test.NONE : candidateHistograms.isEmpty() ? Test.PER_RUN : Test.MERGED_HISTOGRAMS;
    }
}
