package dev.aiopt.junit.internal.evolution;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run reads and writes.
 *
 * @param sourceRoot the user's tree (read only)
 * @param directory where this run writes everything
 * @param workspaceCommand command making a workspace copy; empty: copy every file
 * @param resume whether to continue the run in {@code directory} from its checkpoint
 */
public record RunSettings(Path sourceRoot, Path directory, Optional<String> workspaceCommand, boolean resume) {
    public RunSettings {
        Objects.requireNonNull(sourceRoot, "sourceRoot");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(workspaceCommand, "workspaceCommand");
    }
}
