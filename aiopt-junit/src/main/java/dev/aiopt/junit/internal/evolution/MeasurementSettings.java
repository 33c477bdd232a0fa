package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.Commands;
import java.util.Objects;

/**
 * How programs are built, checked and benchmarked.
 *
 * @param commands build, verify and bench commands
 * @param repeats measured benchmark runs per side in a comparison
 * @param warmups discarded runs before measuring
 */
public record MeasurementSettings(Commands commands, int repeats, int warmups) {
    public MeasurementSettings {
        Objects.requireNonNull(commands, "commands");
        SearchSettings.requireAtLeast("repeats", repeats, 2);
        SearchSettings.requireAtLeast("warmups", warmups, 0);
    }
}
