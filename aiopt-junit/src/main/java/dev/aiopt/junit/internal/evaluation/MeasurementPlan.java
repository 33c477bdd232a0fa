package dev.aiopt.junit.internal.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the programs of a unit are benchmarked. One program: {@code repeats} runs on its own. Two: interleaved
 * (A B A B, alternating who goes first) after {@code warmups} discarded pairs. More (a tournament): {@code repeats}
 * rounds of every program once, each round starting one program later (round r runs r, r + 1, ... mod N), after
 * {@code warmups} discarded rounds, so every program sees every position equally often and all are measured under
 * the same machine state. With two programs, when {@code maxRepeats} exceeds
 * {@code repeats} the measurement is sequential: after each look at {@code stopMetric} (higher is better) that
 * detects no difference at the per-look confidence, {@code repeats} more pairs are added, up to
 * {@code maxRepeats} (see {@code stats.SequentialPlan}).
 *
 * @param repeats measured runs per program (the first batch when sequential)
 * @param warmups discarded runs (pairs) before measuring
 * @param maxRepeats cap on runs per program; equal to {@code repeats} for a fixed measurement
 * @param stopMetric the metric a sequential measurement looks at, e.g. {@code ops_per_sec}
 * @param seed seed of the bootstrap behind each look
 * @param logDirectory where benchmark output goes: {@code logDirectory} first, then {@code <logDirectory>-more<n>}
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record MeasurementPlan(int repeats, int warmups, int maxRepeats, String stopMetric, long seed,
        Path logDirectory) {
    public MeasurementPlan {
        if (repeats < 1 || warmups < 0 || maxRepeats < repeats) {
            throw new IllegalArgumentException("a measurement needs repeats >= 1, warmups >= 0 and maxRepeats >= "
                    + "repeats, got " + repeats + ", " + warmups + ", " + maxRepeats);
        }
        Objects.requireNonNull(stopMetric, "stopMetric");
        Objects.requireNonNull(logDirectory, "logDirectory");
    }

    /** {@code repeats} runs, no look in between. */
    public static MeasurementPlan fixed(int repeats, int warmups, Path logDirectory) {
        return new MeasurementPlan(repeats, warmups, repeats, "ops_per_sec", 0, logDirectory);
    }

    /** Batches of {@code repeats} pairs until {@code stopMetric} shows a difference or {@code maxRepeats}. */
    public static MeasurementPlan sequential(int repeats, int warmups, int maxRepeats, String stopMetric, long seed,
            Path logDirectory) {
        return new MeasurementPlan(repeats, warmups, maxRepeats, stopMetric, seed, logDirectory);
    }

    /** Whether more batches may follow the first. */
    @JsonIgnore
    public boolean isSequential() {
        return maxRepeats > repeats;
    }
}
