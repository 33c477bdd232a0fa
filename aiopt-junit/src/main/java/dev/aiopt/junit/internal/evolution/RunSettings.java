package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.executor.SlurmSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run reads and writes.
 *
 * @param sourceRoot the user's tree (read only)
 * @param directory where this run writes everything
 * @param workspaceCommand command making a workspace copy; empty: copy every file
 * @param resume whether to continue the run in {@code directory} from its checkpoint
 * @param slurm where evaluations run: on Slurm with these settings, or (empty) in this JVM
 * @param slurmUnitTimeout wall time of one evaluation's Slurm job
 * @param disk how the run bounds its disk use
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record RunSettings(Path sourceRoot, Path directory, Optional<String> workspaceCommand, boolean resume,
        Optional<SlurmSettings> slurm, Duration slurmUnitTimeout, DiskSettings disk) {
    public RunSettings {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(sourceRoot, "sourceRoot");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(workspaceCommand, "workspaceCommand");
        Objects.requireNonNull(slurm, "slurm");
        Objects.requireNonNull(slurmUnitTimeout, "slurmUnitTimeout");
    }

    /** Evaluations in this JVM. */
    public RunSettings(Path sourceRoot, Path directory, Optional<String> workspaceCommand, boolean resume) {
        this(sourceRoot, directory, workspaceCommand, resume, Optional.empty(), Duration.ofHours(2),
                DiskSettings.defaults());
    }

    /** The same run with other disk settings. */
    public RunSettings withDisk(DiskSettings newDisk) {
        return new RunSettings(sourceRoot, directory, workspaceCommand, resume, slurm, slurmUnitTimeout, newDisk);
    }
}
