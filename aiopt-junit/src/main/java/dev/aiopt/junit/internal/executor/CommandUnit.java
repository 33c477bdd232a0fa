package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.process.CommandResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic unit kind {@code command}: run an argv (no shell) in a directory and record its exit status,
 * time and output. A command that exits non-zero is a result, not a failed job.
 *
 * <p>Input: {@code argv} (strings), optional {@code directory} (relative paths are against the unit's
 * directory; default: the attempt's directory), {@code environment} (object) and {@code timeoutMillis}
 * (the command's own cap, default one hour). Output: {@code exitCode}, {@code timedOut},
 * {@code elapsedMillis}, {@code log} (the last 20 lines of standard output and error, merged).
 *
 * <p>Public because it is loaded by ServiceLoader;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class CommandUnit implements UnitKind {
    static final String NAME = "command";

    /** A command unit whose command may run as long as the job. */
    public static Unit of(String id, List<String> argv, Duration timeout) {
        return of(id, argv, timeout, Duration.ofHours(1), false);
    }

    /** A command unit with its own command cap; {@code benchmark} asks for a node to itself. */
    public static Unit of(String id, List<String> argv, Duration timeout, Duration commandTimeout, boolean benchmark) {
        ObjectNode input = UnitFiles.JSON.createObjectNode();
        ArrayNode args = input.putArray("argv");
        argv.forEach(args::add);
        input.put("timeoutMillis", commandTimeout.toMillis());
        return new Unit(id, NAME, input, timeout, benchmark);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonNode run(JsonNode input, UnitContext context) {
        JsonNode argvNode = input.path("argv");
        if (!argvNode.isArray() || argvNode.isEmpty()) {
            throw new IllegalArgumentException("a command unit needs a non-empty 'argv' array, got " + argvNode);
        }
        List<String> argv = new ArrayList<>();
        argvNode.forEach(arg -> argv.add(arg.asText()));
        Path directory = input.hasNonNull("directory")
                ? context.unitDirectory().resolve(input.get("directory").asText())
                : context.attemptDirectory();
        Map<String, String> environment = new LinkedHashMap<>();
        input.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        environment.put("AIOPT_NODE", context.node());
        environment.put("AIOPT_SCRATCH", context.scratch().toString());
        Duration timeout = Duration.ofMillis(input.path("timeoutMillis").asLong(Duration.ofHours(1).toMillis()));

        // Not sandboxed: a generic unit runs a command its submitter wrote (a probe, a setup step), never
        // model-written code; candidates travel as EvaluationUnits, whose Isolation sandboxes them on the node.
        CommandResult result = CommandRunner.runMerged(argv, directory, environment, timeout,
                context.attemptDirectory().resolve("command.log"));
        ObjectNode output = UnitFiles.JSON.createObjectNode();
        output.put("exitCode", result.exitCode()).put("timedOut", result.timedOut())
                .put("elapsedMillis", result.elapsed().toMillis()).put("log", result.tail(20));
        return output;
    }
}
