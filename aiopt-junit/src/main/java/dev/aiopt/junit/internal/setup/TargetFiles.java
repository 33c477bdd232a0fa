package dev.aiopt.junit.internal.setup;

import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.slice.Slice;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file that holds the evolvable slice and the slice itself, as {@code @EvolveBlock} names them: the one
 * lookup experiments and gates share.
 */
public final class TargetFiles {
    private TargetFiles() {
    }

    /**
     * The file whose text the slice is cut from: {@code @EvolveBlock(template)} when set, else {@code file} in
     * the tree.
     *
     * @param who prefixes the error, e.g. {@code "gate WritePathGate: "}
     * @throws ConfigurationException when that file does not exist
     */
    public static Path sourceFile(Class<?> type, Path root, String file, String who) {
        EvolveBlock block = type.getAnnotation(EvolveBlock.class);
        boolean template = block != null && !block.template().isEmpty();
        Path path = template ? Path.of(block.template()) : root.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(who + "the file to evolve, " + path.toAbsolutePath() + ", does not exist; "
                    + "check @EvolveBlock(root, file" + (template ? ", template" : "") + ") and the target tree");
        }
        return path;
    }

    /** The slice of {@code source} that {@code type}'s {@code @EvolveBlock} selects (its markers when it has none). */
    public static Slice slice(Class<?> type, String file, String source) {
        EvolveBlock block = type.getAnnotation(EvolveBlock.class);
        SliceSpec spec = block == null ? SliceSpec.markers() : new SliceSpec(block.lines(), block.function());
        return SliceLocator.locate(file, source, spec);
    }

    /** The text of a file, or an error naming what it is. */
    public static String read(Path path, String what) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + path.toAbsolutePath(), e);
        }
    }
}
