package dev.aiopt.junit.internal.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an {@link EvaluationUnit}: one {@link ProgramRun} per program, in the unit's order.
 *
 * @param unitId the unit's id
 * @param programs what became of each program
 * @param benchMillis wall time of all benchmark runs, warm-ups and later batches included
 */
public record UnitResult(String unitId, List<ProgramRun> programs, long benchMillis) {
    public UnitResult {
        Objects.requireNonNull(unitId, "unitId");
        programs = List.copyOf(programs);
    }

    /** The program under test, the unit's first. */
    public ProgramRun first() {
        return programs.get(0);
    }
}
