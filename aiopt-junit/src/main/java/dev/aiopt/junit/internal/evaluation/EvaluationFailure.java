package dev.aiopt.junit.internal.evaluation;

import java.nio.file.Path;
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

    public EvaluationFailure(Stage stage, String message, Path evidence) {
        super(message);
        this.stage = Objects.requireNonNull(stage);
        this.evidence = evidence;
    }

    public Stage stage() {
        return stage;
    }

    /** The file holding the full output of the failing command. */
    public Path evidence() {
        return evidence;
    }
}
