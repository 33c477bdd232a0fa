package dev.aiopt.junit.internal.stats;

import java.util.List;
import java.util.stream.DoubleStream;

/**
 * The per-run values of one metric for a candidate and its reference, e.g. ops/sec of each run, or the p99
 * of each run (taken per run, never pooled over runs). Values must be finite and positive, since the
 * comparison is a ratio; each side needs at least two runs.
 *
 * @param candidate the candidate's per-run values, in run order
 * @param reference the reference's per-run values, in run order
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Samples(List<Double> candidate, List<Double> reference) {

    public Samples {
        candidate = checked("candidate", candidate);
        reference = checked("reference", reference);
    }

    /** Samples from two arrays of per-run values; the arrays are copied. */
    public static Samples of(double[] candidate, double[] reference) {
        if (candidate == null || reference == null) {
            throw new IllegalArgumentException("candidate and reference runs must not be null");
        }
        return new Samples(DoubleStream.of(candidate).boxed().toList(), DoubleStream.of(reference).boxed().toList());
    }

    double[] candidateValues() {
        return candidate.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[] referenceValues() {
        return reference.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> checked(String side, List<Double> runs) {
        if (runs == null) {
            throw new IllegalArgumentException(side + " runs must not be null");
        }
        if (runs.size() < 2) {
            throw new IllegalArgumentException(side + " has " + runs.size()
                    + " run(s): a comparison needs at least 2 per side (5 or more to ever be significant)");
        }
        for (int i = 0; i < runs.size(); i++) {
            Double value = runs.get(i);
            if (value == null || !Double.isFinite(value) || value <= 0.0) {
                throw new IllegalArgumentException(side + " run " + (i + 1) + " is " + value
                        + ": every run must yield a finite, positive value; check the metric parser or drop the run");
            }
        }
        return List.copyOf(runs);
    }
}
