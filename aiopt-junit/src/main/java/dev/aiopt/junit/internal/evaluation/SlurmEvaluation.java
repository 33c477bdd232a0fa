package dev.aiopt.junit.internal.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.executor.Attempt;
import dev.aiopt.junit.internal.executor.SlurmExecutor;
import dev.aiopt.junit.internal.executor.Unit;
import dev.aiopt.junit.internal.executor.UnitOutcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Evaluates units as Slurm jobs: each {@link EvaluationUnit} becomes an {@code evaluation} unit of the
 * {@link SlurmExecutor} (one benchmark job, {@code --exclusive} by default), run on a node by
 * {@link EvaluationUnitKind}; its {@link UnitResult} comes back through the shared directory. Safe to use
 * from several threads: the executor has one poller for all of them.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class SlurmEvaluation implements Evaluation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(SlurmEvaluation.class.getName());
    private final SlurmExecutor executor;
    private final Path sourceRoot;
    private final Optional<String> workspaceCommand;
    private final Duration timeout;

    public SlurmEvaluation(SlurmExecutor executor, Path sourceRoot, Optional<String> workspaceCommand,
            Duration timeout) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.sourceRoot = sourceRoot.toAbsolutePath().normalize();
        this.workspaceCommand = workspaceCommand;
        this.timeout = timeout;
    }

    /**
     * @throws InfrastructureFailure when every attempt failed for the infrastructure's reasons (the message has
     *     Slurm's): a fault of the machinery, not of the candidate
     * @throws IllegalStateException when the unit could not be submitted at all (e.g. {@code sbatch} refused it)
     */
    @Override
    public UnitResult evaluate(EvaluationUnit unit) {
        ObjectNode input = JSON.createObjectNode();
        try {
            input.set("unit", JSON.readTree(UnitJson.write(unit)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        input.put("sourceRoot", sourceRoot.toString());
        workspaceCommand.ifPresent(c -> input.put("workspaceCommand", c));
        String id = unit.id().replaceAll("[^A-Za-z0-9._-]", "_");
        UnitOutcome outcome;
        try {
            outcome = executor.submit(new Unit(id, EvaluationUnitKind.NAME, input, timeout, true)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unit " + unit.id() + " ran on Slurm", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unit " + unit.id() + " could not run on Slurm: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (!outcome.completed()) {
            throw new InfrastructureFailure(outcome.failureReason());
        }
        UnitResult result;
        try {
            result = UnitJson.read(JSON.writeValueAsString(outcome.output().orElseThrow()), UnitResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (outcome.attempts().isEmpty()) {
            return result;
        }
        Attempt last = outcome.attempts().get(outcome.attempts().size() - 1);
        Placement placement = new Placement(last.node(), last.jobId(), last.queueWait().toMillis(), last.number());
        LOG.log(Level.INFO, "{0} ran on {1}", unit.id(), placement.describe());
        return result.placedOn(placement);
    }
}
