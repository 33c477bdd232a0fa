package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One self-contained piece of work, serialisable as {@code unit.json}: run a {@link UnitKind} on an input.
 *
 * @param id names the unit's directory under the shared directory; letters, digits, {@code . _ -}
 * @param kind the {@link UnitKind#name()} that runs it
 * @param input the kind's input, copied
 * @param timeout wall time a job may run (from its start on a node) before the executor cancels it
 * @param benchmark whether the unit measures performance: its jobs then get a node to themselves
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Unit(String id, String kind, JsonNode input, Duration timeout, boolean benchmark) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public Unit {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a unit id is 1-128 letters, digits, '.', '_' or '-', not '" + id + "'");
        }
        Objects.requireNonNull(kind, "kind");
        input = Objects.requireNonNull(input, "input").deepCopy();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("unit " + id + ": the timeout must be positive, not " + timeout);
        }
    }

    @Override
    public JsonNode input() {
        return input.deepCopy();
    }
}
