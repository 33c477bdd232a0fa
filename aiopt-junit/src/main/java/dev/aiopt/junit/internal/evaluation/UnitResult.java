package dev.aiopt.junit.internal.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an {@link EvaluationUnit}: one {@link ProgramRun} per program, in the unit's order.
 *
 * @param unitId the unit's id
 * @param programs what became of each program
 * @param benchMillis wall time of all benchmark runs, warm-ups and later batches included
 * @param placement where a cluster ran it; null when this JVM did
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record UnitResult(String unitId, List<ProgramRun> programs, long benchMillis, Placement placement) {
    public UnitResult {
        Objects.requireNonNull(unitId, "unitId");
        programs = List.copyOf(programs);
    }

    /** A result of a unit run in this JVM (no placement). */
    public UnitResult(String unitId, List<ProgramRun> programs, long benchMillis) {
        this(unitId, programs, benchMillis, null);
    }

    /** This result, as run where {@code where} says. */
    public UnitResult placedOn(Placement where) {
        return new UnitResult(unitId, programs, benchMillis, Objects.requireNonNull(where, "where"));
    }

    /** The program under test, the unit's first. */
    public ProgramRun first() {
        return programs.get(0);
    }
}
