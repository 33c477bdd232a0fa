package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.BenchCommand;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Isolation;
import java.util.Objects;

/**
 * How programs are built, checked and benchmarked.
 *
 * @param commands build, verify and bench commands (the bench at its first run length until calibrated)
 * @param repeats measured benchmark runs per side in a comparison
 * @param warmups discarded runs before measuring
 * @param isolation the sandbox and environment of every command
 * @param bench the benchmark command before a run length is chosen, with the lengths a calibration chooses from
 * @param calibration what a calibration aims for
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record MeasurementSettings(Commands commands, int repeats, int warmups, Isolation isolation,
        BenchCommand bench, CalibrationSettings calibration) {
    public MeasurementSettings {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(calibration, "calibration");
        SearchSettings.requireAtLeast("repeats", repeats, 2);
        SearchSettings.requireAtLeast("warmups", warmups, 0);
    }

    /** Settings whose benchmark command has one length: nothing to calibrate. */
    public MeasurementSettings(Commands commands, int repeats, int warmups, Isolation isolation) {
        this(commands, repeats, warmups, isolation, BenchCommand.of(commands.bench()), CalibrationSettings.defaults());
    }

    /** Whether the run calibrates its run length before generation 1. */
    boolean calibrates() {
        return bench.calibrates();
    }

    /** These settings at a calibrated run length and number of repeats. */
    MeasurementSettings calibrated(String length, int newRepeats) {
        return new MeasurementSettings(commands.withBench(bench.at(length)), newRepeats, warmups, isolation, bench,
                calibration);
    }
}
