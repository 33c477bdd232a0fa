package dev.aiopt.junit.internal.evaluation;

/**
 * Evaluates one {@link EvaluationUnit}: builds and verifies each program that needs it, then benchmarks them as
 * the unit's {@link MeasurementPlan} says. {@link LocalEvaluation} does it in a workspace of this machine;
 * another implementation may ship the unit elsewhere (its records are plain JSON, see {@link UnitJson}).
 * A program that fails a stage is a normal outcome, recorded in the {@link UnitResult}, never an exception.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public interface Evaluation {
    /** Runs the unit; throws only for faults of the machinery itself (I/O, interruption). */
    UnitResult evaluate(EvaluationUnit unit);
}
