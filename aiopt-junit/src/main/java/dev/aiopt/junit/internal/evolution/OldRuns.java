package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code aiopt.prune.keepRuns=N}: when a run starts, the run directories beside it ({@code run-*} of the same
 * experiment and track) beyond the newest {@code N}, the starting one counted, are deleted. Newest is by the time
 * stamp in the name. Never deleted: the starting run, a run another session holds ({@link RunLock}), a run this
 * JVM opened, anything not named {@code run-*}.
 */
final class OldRuns {
    private OldRuns() {
    }

    /** Prunes the siblings of {@code current}; returns the directories deleted. */
    static List<Path> prune(Path current, int keep) {
        Path base = current.toAbsolutePath().normalize().getParent();
        List<Path> runs;
        try (Stream<Path> list = Files.list(base)) {
            runs = list.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("run-"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + base, e);
        }
        Path self = current.toAbsolutePath().normalize();
        int kept = 1; // the starting run
        List<Path> deleted = new ArrayList<>();
        for (Path run : runs) {
            if (run.equals(self)) {
                continue;
            }
            if (kept < keep) {
                kept++;
                continue;
            }
            if (RunLock.openedHere(run)) {
                continue;
            }
            Optional<RunLock> lock = RunLock.tryAcquire(run);
            if (lock.isEmpty()) {
                continue; // in use by another session
            }
            try (RunLock held = lock.get()) {
                Workspace.deleteRecursively(run);
                deleted.add(run);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the old run " + run, e);
            }
        }
        return deleted;
    }
}
