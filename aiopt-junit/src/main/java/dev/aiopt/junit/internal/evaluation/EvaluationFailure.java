package dev.aiopt.junit.internal.evaluation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A program that did not make it through a stage: it does not build, fails the oracle, or its benchmark
 * crashed, hung or printed no usable figures. For a candidate this is a normal event of evolution; for the
 * unmodified baseline it is an infrastructure fault.
 *
 * <p>Public because it is used by {@code evolution}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class EvaluationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the program failed. */
    public enum Stage {
        BUILD, VERIFY, BENCH
    }

    private final Stage stage;
    private final transient Path evidence;
    private final Duration buildTime;
    private final Duration verifyTime;

    public EvaluationFailure(Stage stage, String message, Path evidence) {
        this(stage, message, evidence, Duration.ZERO, Duration.ZERO);
    }

    /**
     * A failure after its build and oracle ran for these times (the oracle's is zero when it did not run), so
     * that what the failure cost is reported phase by phase.
     */
    public EvaluationFailure(Stage stage, String message, Path evidence, Duration buildTime, Duration verifyTime) {
        super(message);
        this.stage = Objects.requireNonNull(stage);
        this.evidence = evidence;
        this.buildTime = Objects.requireNonNull(buildTime, "buildTime");
        this.verifyTime = Objects.requireNonNull(verifyTime, "verifyTime");
    }

    /** Wall time of the build before the failure (zero when unknown). */
    public Duration buildTime() {
        return buildTime;
    }

    /** Wall time of the oracle before the failure (zero when it did not run). */
    public Duration verifyTime() {
        return verifyTime;
    }

    public Stage stage() {
        return stage;
    }

    /** The file holding the full output of the failing command. */
    public Path evidence() {
        return evidence;
    }
}
