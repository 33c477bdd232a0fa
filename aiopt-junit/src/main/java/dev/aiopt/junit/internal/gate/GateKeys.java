package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.internal.config.ConfigLayers;
import dev.aiopt.junit.internal.config.KeySpec;
import java.util.List;

/** The {@code aiopt.gate.*} configuration keys, registered with {@link ConfigLayers} so that -D can override them. */
public final class GateKeys {
    static final String MIN_THROUGHPUT_RATIO = "aiopt.gate.minThroughputRatio";
    static final String MAX_P99_RATIO = "aiopt.gate.maxP99Ratio";
    static final String CONFIDENCE = "aiopt.gate.confidence";
    static final String REPEATS = "aiopt.gate.repeats";
    static final String WARMUPS = "aiopt.gate.warmups";
    static final String CANDIDATE_SLICE = "aiopt.gate.candidateSlice";
    static final String REFERENCE_SLICE = "aiopt.gate.referenceSlice";
    static final String BASELINE_JSON = "aiopt.gate.baselineJson";
    static final String RECORD = "aiopt.gate.record";

    private static final List<KeySpec> ALL = List.of(
            key(MIN_THROUGHPUT_RATIO, "gate: smallest tolerated median throughput ratio candidate/reference"),
            key(MAX_P99_RATIO, "gate: largest tolerated median p99 ratio candidate/reference"),
            key(CONFIDENCE, "gate: confidence of the whole gate (A/A false alarms at most 1 - confidence)"),
            key(REPEATS, "gate: measured runs per side"),
            key(WARMUPS, "gate: discarded warm-up runs per side"),
            key(CANDIDATE_SLICE, "gate: file holding the candidate's slice (empty: the tree as given)"),
            key(REFERENCE_SLICE, "gate: file holding the reference's slice (empty: the tree as given)"),
            key(BASELINE_JSON, "gate: stored reference runs (JSON) for a cross-run comparison"),
            key(RECORD, "gate: write the measured reference runs (history mode: the candidate's) to this JSON file"));

    static {
        ConfigLayers.register(ALL);
    }

    private GateKeys() {
    }

    /** Makes sure the keys are registered before a configuration is resolved. */
    public static void register() {
        // The static initializer did the work.
    }

    private static KeySpec key(String key, String description) {
        return new KeySpec(key, List.of(), null, description, false);
    }
}
