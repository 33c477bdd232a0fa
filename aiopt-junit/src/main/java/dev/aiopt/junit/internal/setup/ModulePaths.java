package dev.aiopt.junit.internal.setup;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where relative paths of an experiment or gate resolve: the Maven module of its test class, found from the
 * class's location ({@code <module>/target/test-classes} or {@code target/classes}), so that an IDE or console
 * launcher started in another directory reads the same tree as {@code mvn test}. A class found elsewhere (a
 * jar, another build layout) resolves against the working directory.
 *
 * <p>Public because it is used by {@code extension}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ModulePaths {
    private final Path base;
    private final String how;

    private ModulePaths(Path base, String how) {
        this.base = base.toAbsolutePath().normalize();
        this.how = how;
    }

    /** The base of {@code type}'s relative paths. */
    public static ModulePaths of(Class<?> type) {
        Path classes = location(type);
        if (classes != null && Files.isDirectory(classes)) {
            Path target = classes.getParent();
            String name = classes.getFileName().toString();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && (name.equals("test-classes") || name.equals("classes")) && target.getParent() != null) {
                return new ModulePaths(target.getParent(), "the module directory of " + type.getSimpleName());
            }
        }
        return new ModulePaths(Path.of(""), "the working directory (" + type.getSimpleName()
                + " is not under a module's target/test-classes)");
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !url.getProtocol().equals("file")) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The directory relative paths resolve against, absolute. */
    public Path base() {
        return base;
    }

    /** {@code path} itself when absolute, else resolved against {@link #base()}. */
    public Path resolve(String path) {
        Path given = Path.of(path);
        return given.isAbsolute() ? given.normalize() : base.resolve(given).normalize();
    }

    /** Names the tried path and, for a relative one, the base it was resolved against: for error messages. */
    public String describe(String path) {
        Path tried = resolve(path);
        return Path.of(path).isAbsolute() ? tried.toString()
                : tried + " (\"" + path + "\" resolved against " + how + ", " + base + ")";
    }
}
