package dev.aiopt.junit.internal.stats;

/**
 * Everything a gate compares, and how the two sides were measured: per-run throughput, the tail latency the
 * runs carry, and their {@link Pairing}. Built by {@link #interleaved} when the runs were measured A B B A ...
 * in the same job (equal counts, in run order, so pair i is adjacent in time): throughput and per-run p99 are
 * then compared paired. Built by {@link #independent} for runs measured apart (stored runs, history): unpaired.
 * The merged-histogram p99 test ({@link MergedTailBootstrap}) is the same either way.
 *
 * @param throughput per-run throughput of both sides, in run order
 * @param tail the tail latency of both sides (none, per-run p99, or histograms)
 * @param pairing how the runs relate
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record GateRuns(Samples throughput, TailRuns tail, Pairing pairing) {

    public GateRuns {
        if (throughput == null || tail == null || pairing == null) {
            throw new IllegalArgumentException("gate runs need throughput, tail runs (or TailRuns.none()) and a pairing");
        }
        if (pairing == Pairing.INTERLEAVED_PAIRS) {
            int n = throughput.candidate().size();
            boolean p99Paired = tail.perRun().map(p99 -> p99.candidate().size() == n && p99.reference().size() == n)
                    .orElse(true);
            if (throughput.reference().size() != n || !p99Paired) {
                throw new IllegalArgumentException("interleaved pairs need as many candidate as reference runs for every"
                        + " metric, got " + n + " and " + throughput.reference().size() + " throughput runs");
            }
        }
    }

    /** Runs measured interleaved in one job: candidate run i and reference run i are pair i, adjacent in time. */
    public static GateRuns interleaved(Samples throughput, TailRuns tail) {
        return new GateRuns(throughput, tail, Pairing.INTERLEAVED_PAIRS);
    }

    /** Runs measured apart (stored numbers, history): no pairing. */
    public static GateRuns independent(Samples throughput, TailRuns tail) {
        return new GateRuns(throughput, tail, Pairing.INDEPENDENT);
    }

    /** Runs a side (the candidate's). */
    public int runs() {
        return throughput.candidate().size();
    }
}
