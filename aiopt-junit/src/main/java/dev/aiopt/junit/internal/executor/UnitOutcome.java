package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What became of one unit: its result (the {@code result.json} of the attempt that completed) or, when every
 * attempt failed for reasons of the infrastructure, none, and the attempts either way.
 *
 * @param unitId the unit
 * @param result the completed attempt's {@code result.json} (with {@code output}, {@code node}, {@code jobId})
 * @param attempts every attempt of this run, oldest first; the last completed when there is a result
 * @param adopted whether the result was found from an earlier run (a resume) rather than produced now
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record UnitOutcome(String unitId, Optional<JsonNode> result, List<Attempt> attempts, boolean adopted) {
    public UnitOutcome {
        result = result.map(JsonNode::deepCopy);
        attempts = List.copyOf(attempts);
        if (result.isEmpty() && attempts.isEmpty()) {
            throw new IllegalArgumentException("unit " + unitId + ": an outcome without a result needs its attempts");
        }
    }

    /** Whether the unit ran to a result; false is an infrastructure failure, never the unit's own verdict. */
    public boolean completed() {
        return result.isPresent();
    }

    /** The kind's output; empty for an infrastructure failure. */
    public Optional<JsonNode> output() {
        return result.map(r -> r.get("output"));
    }

    /** The node that produced the result, or the last one tried. */
    public String node() {
        return result.map(r -> r.path("node").asText())
                .orElseGet(() -> attempts.get(attempts.size() - 1).node());
    }

    /** Why the unit has no result: every attempt, with Slurm's own reasons. Empty when it completed. */
    public String failureReason() {
        if (completed()) {
            return "";
        }
        return "infrastructure failure of unit " + unitId + ": "
                + attempts.stream().map(Attempt::describe).collect(Collectors.joining("; "));
    }
}
