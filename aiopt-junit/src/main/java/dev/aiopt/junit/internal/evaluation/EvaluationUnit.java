package dev.aiopt.junit.internal.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The unit of evaluation: N programs plus a measurement plan, self-contained (commands, sources, kits and
 * paths) so that it can run here or be shipped as JSON to another machine. A candidate against its reference
 * is N = 2 (the candidate to build, the reference built); the baseline is N = 1; the champion's re-measurement
 * is two built programs.
 *
 * @param id names the unit in logs, e.g. the candidate's id
 * @param commands build, verify and benchmark commands
 * @param programs the programs, the one under test first
 * @param plan how to benchmark them
 * @param isolation the sandbox and environment its commands get, rebuilt where the unit runs
 */
public record EvaluationUnit(String id, Commands commands, List<UnitProgram> programs, MeasurementPlan plan,
        Isolation isolation) {
    public EvaluationUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commands, "commands");
        programs = List.copyOf(programs);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(isolation, "isolation");
        if (programs.isEmpty() || programs.size() > 2) {
            // Round-robin interleaving of more than two programs (tournaments) is not implemented yet.
            throw new IllegalArgumentException("unit " + id + " has " + programs.size() + " programs; 1 or 2 are "
                    + "supported");
        }
        if (programs.size() == 1 && plan.isSequential()) {
            throw new IllegalArgumentException("unit " + id + ": a sequential measurement needs two programs");
        }
    }
}
