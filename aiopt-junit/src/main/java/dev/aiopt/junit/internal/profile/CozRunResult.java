package dev.aiopt.junit.internal.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One finished coz run: the profile file and its parsed content, how long it took, whether the duration cap
 * stopped it, the exit status and the last lines of coz's and the benchmark's output.
 *
 * @param profiler the profiler binary used ({@code coz} or {@code bcoz})
 * @param profileFile the profile coz wrote
 * @param profile the parsed profile, with at least one experiment
 * @param elapsed wall time of the run
 * @param stoppedAtCap whether the run was stopped at the duration cap (normal for long benchmarks)
 * @param exitCode exit status of the run (meaningless when {@code stoppedAtCap})
 * @param logTail the last lines of the run's output
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CozRunResult(String profiler, Path profileFile, CozProfile profile, Duration elapsed,
        boolean stoppedAtCap, int exitCode, String logTail) {
    public CozRunResult {
        Objects.requireNonNull(profiler, "profiler");
        Objects.requireNonNull(profileFile, "profileFile");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(logTail, "logTail");
    }
}
