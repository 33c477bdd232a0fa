package dev.aiopt.junit.internal.executor;

import java.nio.file.Path;

/**
 * Where a running unit may read and write.
 *
 * @param unitDirectory the unit's directory on the shared filesystem ({@code unit.json} and what it names)
 * @param attemptDirectory this attempt's own directory under it: logs and outputs go here
 * @param scratch node-local scratch space for this unit (builds, workspaces); survives the attempt
 * @param node the node running it ({@code local} for the local executor)
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record UnitContext(Path unitDirectory, Path attemptDirectory, Path scratch, String node) {
}
