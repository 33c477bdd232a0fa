package dev.aiopt.junit.internal.judge;

import java.util.List;
import java.util.Objects;

/**
 * One track's replicates of one metric: the improvement of each replicate's champion over the baseline, as
 * measured in the final tournament (ratio to the baseline: ops/sec ratio for throughput, p99 ratio for latency).
 *
 * @param track the track's id, e.g. {@code gpt5_profiler}
 * @param source where this track's model answers came from
 * @param replicates one ratio per replicate (distinct seeds), in replicate order; finite and positive
 *
 * <p>Public because it is used by {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record TrackSample(String track, AnswerSource source, List<Double> replicates) {

    public TrackSample {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(source, "source");
        replicates = List.copyOf(Objects.requireNonNull(replicates, "replicates"));
        if (replicates.isEmpty()) {
            throw new IllegalArgumentException("track " + track + " has no replicates: every track needs at least one "
                    + "champion measured in the tournament");
        }
        for (int i = 0; i < replicates.size(); i++) {
            double r = replicates.get(i);
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("replicate " + (i + 1) + " of track " + track + " is " + r
                        + ": a champion's ratio to the baseline must be finite and positive");
            }
        }
    }

    double[] values() {
        return replicates.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
