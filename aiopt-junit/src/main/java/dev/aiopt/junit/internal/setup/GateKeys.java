package dev.aiopt.junit.internal.setup;

import dev.aiopt.junit.internal.config.KeySpec;
import java.util.List;

/**
 * The {@code aiopt.gate.*} configuration keys and their defaults. They are part of every resolution, an
 * experiment's too, so that {@code -Daiopt.gate.*} on a command line running both is never an unknown key.
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class GateKeys {
    public static final String MIN_THROUGHPUT_RATIO = "aiopt.gate.minThroughputRatio";
    public static final String MAX_P99_RATIO = "aiopt.gate.maxP99Ratio";
    public static final String CONFIDENCE = "aiopt.gate.confidence";
    public static final String REPEATS = "aiopt.gate.repeats";
    public static final String WARMUPS = "aiopt.gate.warmups";
    public static final String CANDIDATE_SLICE = "aiopt.gate.candidateSlice";
    public static final String REFERENCE_SLICE = "aiopt.gate.referenceSlice";
    public static final String BASELINE_JSON = "aiopt.gate.baselineJson";
    public static final String RECORD = "aiopt.gate.record";
    public static final String MAX_LOOKS = "aiopt.gate.maxLooks";
    public static final String INCONCLUSIVE = "aiopt.gate.inconclusive";
    public static final String BUSY_MACHINE = "aiopt.gate.busyMachine";
    public static final String MAX_LOAD_PER_CORE = "aiopt.gate.maxLoadPerCore";

    private static final List<KeySpec> ALL = List.of(
            key(MIN_THROUGHPUT_RATIO, "0.97", "gate: smallest tolerated median throughput ratio candidate/reference"),
            key(MAX_P99_RATIO, "1.05", "gate: largest tolerated median p99 ratio candidate/reference"),
            key(CONFIDENCE, "0.99", "gate: confidence of the whole gate (A/A false alarms at most 1 - confidence)"),
            key(REPEATS, "10", "gate: measured runs per side"),
            key(WARMUPS, "1", "gate: discarded warm-up runs per side"),
            key(CANDIDATE_SLICE, null, "gate: file holding the candidate's slice (empty: the tree as given)"),
            key(REFERENCE_SLICE, null, "gate: file holding the reference's slice (empty: the tree as given)"),
            key(BASELINE_JSON, null, "gate: stored reference runs (JSON) for a cross-run comparison"),
            key(RECORD, null, "gate: write the measured reference runs (history mode: the candidate's) to this JSON file"),
            key(MAX_LOOKS, "3", "gate: looks in all while undecided, each adding repeats runs a side (1 measures once)"),
            key(INCONCLUSIVE, "WARN", "gate: what a verdict that could not see its limit does: FAIL or WARN"),
            key(BUSY_MACHINE, "WARN", "gate: what a busy machine does: WARN (judge, say so) or REFUSE (abort unjudged)"),
            key(MAX_LOAD_PER_CORE, "1.0", "gate: the machine is busy above this 1-minute load per core"));

    private GateKeys() {
    }

    /** The gate's keys, in printout order. */
    static List<KeySpec> all() {
        return ALL;
    }

    private static KeySpec key(String key, String defaultValue, String description) {
        return KeySpec.of(key, null, defaultValue, description);
    }
}
