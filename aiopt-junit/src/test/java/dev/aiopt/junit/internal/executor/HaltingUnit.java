package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;

/** A unit kind whose job dies without a word, as a JVM that crashes does: exit 7, no result, no exit status. */
public final class HaltingUnit implements UnitKind {
    @Override
    public String name() {
        return "halt";
    }

    @Override
    public JsonNode run(JsonNode input, UnitContext context) {
        Runtime.getRuntime().halt(7);
        throw new AssertionError("unreachable");
    }
}
