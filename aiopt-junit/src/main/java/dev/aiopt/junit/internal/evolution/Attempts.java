package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directories of a run's attempts: every session of a run (the first, and each resume) works in a
 * directory no earlier session used, {@code workspaces/a1}, {@code a2}, ..., so that nothing a killed session
 * left running can write into what the resumed one builds. Earlier attempts' directories are removed.
 */
final class Attempts {
    private static final String PREFIX = "a";

    private Attempts() {
    }

    /** Creates the next attempt's directory under {@code parent} and removes those of earlier attempts. */
    static Path fresh(Path parent) {
        try {
            Files.createDirectories(parent);
            List<Path> earlier;
            try (Stream<Path> entries = Files.list(parent)) {
                earlier = entries.toList();
            }
            int next = 1 + earlier.stream().map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(PREFIX + "\\d+")).mapToInt(n -> Integer.parseInt(n.substring(1)))
                    .max().orElse(0);
            Path dir = parent.resolve(PREFIX + next);
            Files.createDirectory(dir); // fails if it exists: no two sessions share one
            for (Path old : earlier) {
                Workspace.deleteRecursively(old);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a fresh attempt directory under " + parent, e);
        }
    }
}
