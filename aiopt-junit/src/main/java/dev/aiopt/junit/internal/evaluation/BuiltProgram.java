package dev.aiopt.junit.internal.evaluation;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A program that built and passed the oracle, with its own copies of the benchmark binaries (its kit), so
 * that it can be benchmarked again later, side by side with another program.
 *
 * @param id program id, e.g. {@code g2-c1}
 * @param kit directory holding the binaries; benchmarks of this program run here
 * @param buildTime wall time of the build
 * @param verifyTime wall time of the oracle (zero when there is none)
 *
 * <p>Public because it is used by {@code evolution}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record BuiltProgram(String id, Path kit, Duration buildTime, Duration verifyTime) {
}
