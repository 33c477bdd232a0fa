package dev.aiopt.junit.internal.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.time.Duration;
import dev.aiopt.junit.internal.process.CommandResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import java.util.Set;

/**
 * A private copy of the target tree in which candidates are written, built and run. The user's tree is only
 * ever read: the copy keeps file times, so an incremental build in the copy rebuilds only what a candidate
 * changed. Because nothing is written in place, there is nothing to restore after a crash or {@code kill -9}.
 *
 * <p>Public because it is used by {@code evaluation}, {@code evolution}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Workspace {
    private static final Set<String> NOT_COPIED = Set.of(".git", "target", ".aiopt");

    private final Path source;
    private final Path root;
    private final Path scratch;

    private Workspace(Path source, Path root, Path scratch) {
        this.source = source;
        this.root = root;
        this.scratch = scratch;
    }

    /**
     * Copies {@code source} into {@code directory/tree} (unless a copy is already there) and makes an empty
     * {@code directory/scratch} for benchmark data.
     *
     * @throws WorkspaceException when the source tree does not exist or the copy fails
     */
    public static Workspace create(Path source, Path directory) {
        return create(source, directory, null);
    }

    /**
     * Like {@link #create(Path, Path)}, but {@code createCommand} (when not null) makes the copy instead of a
     * plain file copy, e.g. one that hard-links build outputs of a large tree; it runs with {@code $AIOPT_SOURCE}
     * (the user's tree) and {@code $AIOPT_TREE} (the copy to create). Whatever it links must be replaced, never
     * written in place, by the build; {@link #write} always replaces.
     */
    public static Workspace create(Path source, Path directory, String createCommand) {
        Path from = source.toAbsolutePath().normalize();
        if (!Files.isDirectory(from)) {
            throw new WorkspaceException("target tree " + from + " does not exist; check @EvolveBlock(root) or "
                    + "AI_OPT_ROCKSDB_PATH / -Daiopt.target.root");
        }
        Path dir = directory.toAbsolutePath().normalize();
        if (dir.startsWith(from)) {
            throw new WorkspaceException("workspace " + dir + " lies inside the target tree " + from
                    + "; set -Daiopt.outputDir to a directory outside it");
        }
        Path tree = dir.resolve("tree");
        Path scratch = dir.resolve("scratch");
        try {
            if (!Files.isDirectory(tree)) {
                Path partial = dir.resolve("tree.partial");
                deleteRecursively(partial);
                if (createCommand == null) {
                    copyTree(from, partial);
                } else {
                    Files.createDirectories(dir);
                    // Not sandboxed, deliberately: the user's own command (@Build(workspace)), run before any
                    // model-written code exists here, that must read the source tree wherever it is (under a
                    // hidden $HOME too). It still gets the allowlisted environment, the limits and the launcher.
                    CommandResult made = CommandRunner.run(createCommand, dir,
                            Map.of("AIOPT_SOURCE", from.toString(), "AIOPT_TREE", partial.toString()),
                            Duration.ofMinutes(30), dir.resolve("create-workspace"));
                    if (!made.succeeded() || !Files.isDirectory(partial)) {
                        throw new WorkspaceException("the workspace command '" + createCommand + "' did not create "
                                + partial + " (exit " + made.exitCode() + "): " + made.tail(6));
                    }
                }
                Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
            }
            deleteRecursively(scratch);
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new WorkspaceException("cannot copy " + from + " into workspace " + dir + ": " + e.getMessage());
        }
        return new Workspace(from, tree, scratch);
    }

    /** The copy of the tree: commands run here. */
    public Path root() {
        return root;
    }

    /** A directory that benchmark runs may fill and that is emptied per workspace. */
    public Path scratch() {
        return scratch;
    }

    /** The user's tree this is a copy of (read only). */
    public Path source() {
        return source;
    }

    /**
     * Writes {@code content} to {@code relativeFile} in the copy, replacing the file (a new inode, so hard
     * links into the user's tree, if any, are never written through).
     */
    public void write(String relativeFile, String content) {
        Path target = resolve(relativeFile);
        try {
            Path temporary = target.resolveSibling(target.getFileName() + ".aiopt-tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Reads a file of the copy. */
    public String read(String relativeFile) {
        try {
            return Files.readString(resolve(relativeFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativeFile + " in workspace " + root, e);
        }
    }

    private Path resolve(String relativeFile) {
        Path target = root.resolve(Objects.requireNonNull(relativeFile)).normalize();
        if (!target.startsWith(root)) {
            throw new WorkspaceException(relativeFile + " points outside the workspace");
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a directory tree if present. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
