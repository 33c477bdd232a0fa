package dev.aiopt.junit.internal.evaluation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One program of an {@link EvaluationUnit}: either source to build (written to {@code file} in a workspace, built,
 * verified, its binaries kept in {@code directory/kit}) or a program built earlier, benchmarked from its kit.
 * Make one with {@link #toBuild} or {@link #built}.
 *
 * @param id program id, e.g. {@code g2-c1}
 * @param file the file the source replaces, relative to the tree; null for a built program
 * @param source the whole file's text; null for a built program
 * @param directory where its build logs and kit go (the program's directory of the run)
 * @param kit the kit of a program built earlier; null for one to build
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record UnitProgram(String id, String file, String source, Path directory, Path kit) {
    public UnitProgram {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(directory, "directory");
        if ((source == null) == (kit == null) || (source == null) != (file == null)) {
            throw new IllegalArgumentException("program " + id + " needs either a file and source to build or a kit");
        }
    }

    /** A program to build from {@code source}. */
    public static UnitProgram toBuild(String id, String file, String source, Path directory) {
        return new UnitProgram(id, file, source, directory, null);
    }

    /** A program built earlier, benchmarked from its kit. */
    public static UnitProgram built(String id, Path kit) {
        return new UnitProgram(id, null, null, kit.getParent() == null ? kit : kit.getParent(), kit);
    }

    /** Whether this program must be built first. */
    public boolean needsBuild() {
        return source != null;
    }
}
