package dev.aiopt.junit.internal.offline;

import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ReplayModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An experiment's offline answers, as its annotation names them: a recording ({@code offlineResponses}, JSON
 * Lines with hand-made or recorded keys) or a directory of versions ({@code offlineVersions}, keys derived
 * here). Both are class-path resources, so that they resolve the same from Maven, an IDE or a jar.
 *
 * @param responses class-path resource of a JSON Lines recording, or empty
 * @param versions class-path directory of versions, or empty
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record OfflineAnswers(String responses, String versions) {
    public OfflineAnswers {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(versions, "versions");
        if (!responses.isEmpty() && !versions.isEmpty()) {
            throw new ModelException("@Experiment sets both offlineResponses = \"" + responses
                    + "\" and offlineVersions = \"" + versions + "\"; keep one");
        }
    }

    /** Whether the experiment has offline answers at all. */
    public boolean present() {
        return !responses.isEmpty() || !versions.isEmpty();
    }

    /**
     * Opens the answers.
     *
     * @param loader where the resources are
     * @param baselineSlice the unmodified slice, which versions without a named parent apply to
     * @param maxAttempts requests per candidate, which spaces the request ordinals of a parent's candidates
     * @throws ModelException naming the resource and the fix when it is missing or malformed
     */
    public Model open(ClassLoader loader, String baselineSlice, int maxAttempts) {
        if (!versions.isEmpty()) {
            return new OfflineVersionsModel(OfflineVersions.resolve(versions, readDirectory(loader, versions),
                    baselineSlice), maxAttempts);
        }
        try (InputStream in = loader.getResourceAsStream(responses)) {
            if (in == null) {
                throw new ModelException("@Experiment(offlineResponses = \"" + responses
                        + "\") is not on the test class path; put it under src/test/resources");
            }
            return ReplayModel.read(responses, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read offline responses " + responses, e);
        }
    }

    // The regular, visible files directly in the directory; README files document the directory and are skipped.
    private static Map<String, String> readDirectory(ClassLoader loader, String dir) {
        URL url = loader.getResource(dir);
        if (url == null) {
            throw new ModelException("@Experiment(offlineVersions = \"" + dir + "\") is not on the test class path;"
                    + " put the directory under src/test/resources");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = jarFileSystem(uri)) {
                    return read(jar.provider().getPath(uri));
                }
            }
            return read(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new ModelException("cannot read @Experiment(offlineVersions = \"" + dir + "\") at " + url + ": " + e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            throw new IOException("the jar is already open elsewhere", e);
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ModelException("@Experiment(offlineVersions = \"" + dir.getFileName() + "\") is a file, not a"
                    + " directory; offline versions are one file per version in a directory");
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString().replace("/", "");
                if (Files.isRegularFile(file) && !name.startsWith(".") && !name.toUpperCase().startsWith("README")) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
