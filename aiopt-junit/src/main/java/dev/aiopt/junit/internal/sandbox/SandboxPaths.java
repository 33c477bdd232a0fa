package dev.aiopt.junit.internal.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one sandboxed command may see besides the read-only root: directories it may write (workspace,
 * scratch, its {@code HOME}), directories under a hidden {@code $HOME} it may read (the project tree), and
 * files or directories it must not see at all (key files).
 *
 * @param writable bound read-write
 * @param readable bound read-only over the hidden home (for project trees that live under it)
 * @param hidden replaced by an empty file or directory
 *
 * <p>Public because it is used by {@code process};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SandboxPaths(Set<Path> writable, Set<Path> readable, Set<Path> hidden) {

    public SandboxPaths {
        writable = absolute(writable);
        readable = absolute(readable);
        hidden = absolute(hidden);
    }

    /** Only {@code writable} directories. */
    public static SandboxPaths writable(Path... directories) {
        return new SandboxPaths(Set.of(directories), Set.of(), Set.of());
    }

    /** These paths plus more writable directories. */
    public SandboxPaths plusWritable(Path... directories) {
        Set<Path> more = new LinkedHashSet<>(writable);
        more.addAll(Set.of(directories));
        return new SandboxPaths(more, readable, hidden);
    }

    private static Set<Path> absolute(Set<Path> paths) {
        Set<Path> result = new LinkedHashSet<>();
        for (Path p : paths) {
            result.add(p.toAbsolutePath().normalize());
        }
        return Set.copyOf(result);
    }
}
