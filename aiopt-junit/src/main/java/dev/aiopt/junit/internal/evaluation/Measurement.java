package dev.aiopt.junit.internal.evaluation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Figures of two programs measured interleaved (A B A B ...), one map of metrics per run and program.
 *
 * @param candidate per-run metrics of the candidate, in run order
 * @param reference per-run metrics of the reference, in run order
 * @param elapsed wall time of all runs, warm-ups included
 */
public record Measurement(List<Map<String, Double>> candidate, List<Map<String, Double>> reference, Duration elapsed) {
    public Measurement {
        candidate = List.copyOf(candidate);
        reference = List.copyOf(reference);
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
        return new Measurement(c, r, elapsed.plus(more.elapsed));
    }
}
