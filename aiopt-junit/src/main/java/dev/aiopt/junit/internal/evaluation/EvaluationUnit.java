package dev.aiopt.junit.internal.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The unit of evaluation: N programs plus a measurement plan, self-contained (commands, sources, kits and
 * paths) so that it can run here or be shipped as JSON to another machine. A candidate against its reference
 * is N = 2 (the candidate to build, the reference built); the baseline is N = 1; the champion's re-measurement
 * is two built programs; a tournament is the baseline and every champion, N &gt; 2, measured round-robin.
 *
 * @param id names the unit in logs, e.g. the candidate's id
 * @param commands build, verify and benchmark commands
 * @param programs the programs, the one under test first
 * @param plan how to benchmark them
 * @param isolation the sandbox and environment its commands get, rebuilt where the unit runs
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record EvaluationUnit(String id, Commands commands, List<UnitProgram> programs, MeasurementPlan plan,
        Isolation isolation) {
    public EvaluationUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commands, "commands");
        programs = List.copyOf(programs);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(isolation, "isolation");
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("unit " + id + " has no programs");
        }
        if (programs.size() != 2 && plan.isSequential()) {
            throw new IllegalArgumentException("unit " + id + ": a sequential measurement needs exactly two programs, "
                    + "got " + programs.size());
        }
        if (programs.stream().map(UnitProgram::id).distinct().count() != programs.size()) {
            throw new IllegalArgumentException("unit " + id + " names a program twice: " + programs.stream()
                    .map(UnitProgram::id).toList());
        }
    }
}
