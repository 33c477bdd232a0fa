package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a job does with a unit's input: one implementation per {@link Unit#kind()}, found by
 * {@link java.util.ServiceLoader} (list it in {@code META-INF/services/dev.aiopt.junit.internal.executor.UnitKind}).
 *
 * <p>Return the result record; throw only when the unit could not be carried out at all (the job then fails
 * and the executor retries it elsewhere). A candidate that does not build is a result, not an exception.
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public interface UnitKind {

    /** The kind's name in {@code unit.json}. */
    String name();

    /** Carries out the unit; the returned JSON becomes the {@code output} of its {@code result.json}. */
    JsonNode run(JsonNode input, UnitContext context) throws Exception;
}
