package dev.aiopt.junit.internal.setup;

import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.config.Keys;
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
 *
 * <p>Public because it is used by {@code extension}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class TargetFiles {
    private TargetFiles() {
    }

    /**
     * The target tree ({@code @EvolveBlock(root)}, {@code AI_OPT_ROCKSDB_PATH}, {@code -Daiopt.target.root}),
     * relative paths resolved against the test class's module.
     *
     * @param who prefixes the error, e.g. {@code "gate WritePathGate: "}
     * @throws ConfigurationException when it is not a directory, naming the path tried, its base and its source
     */
    public static Path root(Class<?> type, Configuration config, String who) {
        String root = config.require(Keys.TARGET_ROOT, "the target tree");
        Path path = ModulePaths.of(type).resolve(root);
        if (!Files.isDirectory(path)) {
            throw new ConfigurationException(who + "the target tree " + ModulePaths.of(type).describe(root)
                    + " is not a directory; check " + config.setting(Keys.TARGET_ROOT).get().source());
        }
        return path;
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
        ModulePaths module = ModulePaths.of(type);
        Path path = template ? module.resolve(block.template()) : root.resolve(file);
        if (!Files.isRegularFile(path)) {
            String tried = template ? module.describe(block.template())
                    : path.toAbsolutePath() + " (\"" + file + "\" in the target tree " + root.toAbsolutePath() + ")";
            throw new ConfigurationException(who + "the file to evolve, " + tried + ", does not exist; "
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
