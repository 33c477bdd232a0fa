package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Isolation;
import java.util.Objects;

/**
 * How programs are built, checked and benchmarked.
 *
 * @param commands build, verify and bench commands
 * @param repeats measured benchmark runs per side in a comparison
 * @param warmups discarded runs before measuring
 * @param isolation the sandbox and environment of every command
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record MeasurementSettings(Commands commands, int repeats, int warmups, Isolation isolation) {
    public MeasurementSettings {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(isolation, "isolation");
        SearchSettings.requireAtLeast("repeats", repeats, 2);
        SearchSettings.requireAtLeast("warmups", warmups, 0);
    }
}
