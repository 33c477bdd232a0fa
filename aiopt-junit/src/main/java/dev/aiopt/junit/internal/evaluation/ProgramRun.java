package dev.aiopt.junit.internal.evaluation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one program of a unit: how far it got, its kit when built, and its benchmark runs.
 *
 * @param id program id
 * @param reached the last stage it reached
 * @param message why it failed; null when measured
 * @param evidence the file with the failing command's full output; null when there is none
 * @param kit its benchmark kit; null unless it built and passed the oracle
 * @param buildMillis wall time of its build (0 for a program built earlier)
 * @param verifyMillis wall time of its oracle
 * @param runs its per-run metrics in run order; empty unless measured
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ProgramRun(String id, Reached reached, String message, Path evidence, Path kit, long buildMillis,
        long verifyMillis, List<Map<String, Double>> runs) {

    /** How far a program got. */
    public enum Reached {
        MEASURED, BUILD_FAILED, VERIFY_FAILED, RUN_FAILED, NOT_RUN
    }

    public ProgramRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reached, "reached");
        runs = List.copyOf(runs);
        if ((reached == Reached.MEASURED) != (message == null)) {
            throw new IllegalArgumentException("program " + id + ": a message is given exactly when it failed");
        }
    }

    /** A measured program. */
    public static ProgramRun measured(String id, Path kit, long buildMillis, long verifyMillis,
            List<Map<String, Double>> runs) {
        return new ProgramRun(id, Reached.MEASURED, null, null, Objects.requireNonNull(kit, "kit"), buildMillis,
                verifyMillis, runs);
    }

    /** A program that failed (or was not run because another failed). */
    public static ProgramRun failed(String id, Reached reached, String message, Path evidence, Path kit,
            long buildMillis, long verifyMillis) {
        return new ProgramRun(id, reached, Objects.requireNonNull(message, "message"), evidence, kit, buildMillis,
                verifyMillis, List.of());
    }

    /** The program as built, for later units. */
    public BuiltProgram built() {
        if (kit == null) {
            throw new IllegalStateException("program " + id + " has no kit: " + reached);
        }
        return new BuiltProgram(id, kit, Duration.ofMillis(buildMillis),
                Duration.ofMillis(verifyMillis));
    }
}
