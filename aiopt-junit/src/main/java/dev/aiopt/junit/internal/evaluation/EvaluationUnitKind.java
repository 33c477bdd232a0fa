package dev.aiopt.junit.internal.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.executor.UnitContext;
import dev.aiopt.junit.internal.executor.UnitKind;
import dev.aiopt.junit.internal.workspace.Workspace;

/**
 * The unit kind {@code evaluation}, run by a Slurm job on its node: builds, verifies and benchmarks an
 * {@link EvaluationUnit} with {@link LocalEvaluation} in a workspace on the node's scratch, copied from the
 * target tree on the shared filesystem. Input: {@code unit} (the {@link UnitJson} of the unit), {@code sourceRoot},
 * {@code workspaceCommand} (optional). Output: the {@link UnitJson} of its {@link UnitResult}.
 *
 * <p>Public because it is loaded by ServiceLoader;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class EvaluationUnitKind implements UnitKind {
    static final String NAME = "evaluation";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonNode run(JsonNode input, UnitContext context) throws Exception {
        EvaluationUnit unit = UnitJson.read(JSON.writeValueAsString(input.get("unit")), EvaluationUnit.class);
        JsonNode command = input.path("workspaceCommand");
        Workspace workspace = Workspace.create(java.nio.file.Path.of(input.get("sourceRoot").asText()),
                context.scratch().resolve("workspace"), command.isTextual() ? command.asText() : null);
        UnitResult result = new LocalEvaluation(workspace).evaluate(unit);
        return JSON.readTree(UnitJson.write(result));
    }
}
