package dev.aiopt.junit.internal.provenance;

import dev.aiopt.junit.internal.provenance.Manifest.Build;
import dev.aiopt.junit.internal.provenance.Manifest.Jvm;
import dev.aiopt.junit.internal.provenance.Manifest.Library;
import dev.aiopt.junit.internal.provenance.Manifest.LoadAverage;
import dev.aiopt.junit.internal.provenance.Manifest.Machine;
import dev.aiopt.junit.internal.provenance.Manifest.Model;
import dev.aiopt.junit.internal.provenance.Manifest.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Collects a {@link Manifest} on this machine. Every probe that cannot run yields an absent fact, never a failure. *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ManifestCollector {
    private static final Pattern COMPILER = Pattern.compile("(.*/)?(g\\+\\+|gcc|c\\+\\+|cc|clang\\+\\+|clang)(-\\d+)?");
    private static final long PROBE_SECONDS = 10;
    /** Where a prepare script records the flags it built the target tree with. */
    public static final String BUILD_FLAGS_FILE = "aiopt-build-flags.txt";
    private static final Executor PROBE_READERS = task -> {
        Thread reader = new Thread(task, "aiopt-manifest-probe");
        reader.setDaemon(true);
        reader.start();
    };

    private ManifestCollector() {
    }

    /**
     * Collects the manifest of a run.
     *
     * @param buildCommand the build command as configured
     * @param targetTree the root of the user's target tree
     * @param models the model of each track
     * @param seeds the run's seeds
     */
    public static Manifest collect(String buildCommand, Path targetTree, List<Model> models, List<Long> seeds) {
        if (buildCommand == null || targetTree == null || models == null || seeds == null) {
            throw new IllegalArgumentException("build command, target tree, models and seeds are required");
        }
        Optional<String> compiler = compiler(buildCommand, System.getenv("CXX"));
        return new Manifest(library(), new Jvm(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")),
                new Build(buildCommand, compiler.orElse(null),
                        compiler.flatMap(c -> firstLine(Paths.get("."), c, "--version")).orElse(null),
                        preparedFlags(targetTree).orElse(null)),
                machine(), target(targetTree), models, seeds, Instant.now().toString());
    }

    /**
     * The flags a prepare script recorded in {@code <tree>/}{@value #BUILD_FLAGS_FILE} (e.g.
     * {@code prepare-rocksdb.sh}: the make variables and the compile command as run), without its comment lines.
     */
    static Optional<String> preparedFlags(Path targetTree) {
        return read(targetTree.resolve(BUILD_FLAGS_FILE)).map(text -> text.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).reduce((a, b) -> a + "\n" + b).orElse(""))
                .filter(flags -> !flags.isEmpty());
    }

    /** The load average now, or null where {@code /proc/loadavg} is unreadable. */
    public static LoadAverage loadAverage() {
        Optional<String> text = read(Path.of("/proc/loadavg"));
        if (text.isEmpty()) {
            return null;
        }
        String[] f = text.get().trim().split("\\s+");
        try {
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * An endpoint fit to print: scheme, host, port and path only; user info (which can hold a key), query and
     * fragment are dropped. Non-URL text (a recording's name) is kept as given.
     */
    public static String sanitizedEndpoint(String endpoint) {
        if (!endpoint.contains("://")) {
            return endpoint.contains("@") || endpoint.contains("?") ? "(unprintable endpoint)" : endpoint;
        }
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(unprintable endpoint)";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(unprintable endpoint)";
        }
    }

    /** The compiler a build command names: its first word if that is a C/C++ compiler, else {@code $CXX}. */
    static Optional<String> compiler(String buildCommand, String cxx) {
        String[] words = buildCommand.trim().split("\\s+");
        if (words.length > 0 && COMPILER.matcher(words[0]).matches()) {
            return Optional.of(words[0]);
        }
        return cxx == null || cxx.isBlank() ? Optional.empty() : Optional.of(cxx.trim());
    }

    private static Library library() {
        String version = ManifestCollector.class.getPackage().getImplementationVersion();
        String revision = null;
        try {
            Path classes = Paths.get(ManifestCollector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(classes) ? classes : classes.getParent();
            revision = gitRevision(dir, false).orElse(null);
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (a custom class loader): the revision stays unknown.
        }
        return new Library(version, revision);
    }

    private static Machine machine() {
        String kernel = read(Path.of("/proc/sys/kernel/osrelease")).map(String::trim)
                .orElse(System.getProperty("os.version"));
        String cpuModel = read(Path.of("/proc/cpuinfo")).flatMap(text -> text.lines()
                .filter(l -> l.startsWith("model name") || l.startsWith("Model") || l.startsWith("cpu model"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()).orElse(null);
        String governor = read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).map(String::trim)
                .orElse(null);
        return new Machine(kernel, System.getProperty("os.name") + " " + System.getProperty("os.arch"), cpuModel,
                Runtime.getRuntime().availableProcessors(), governor, loadAverage(), null);
    }

    static Target target(Path tree) {
        Path root = tree.toAbsolutePath().normalize();
        Optional<String> revision = gitRevision(root, true);
        return new Target(root.toString(), revision.orElse(null), revision.isPresent() ? null : contentHash(root));
    }

    // The commit of the work tree holding dir, "-dirty" when tracked files differ: within dir only for a target
    // tree (it may be a part of a larger repository), anywhere in the repository for the library.
    private static Optional<String> gitRevision(Path dir, boolean onlyBelow) {
        Optional<String> head = firstLine(dir, "git", "rev-parse", "HEAD");
        if (head.isEmpty() || !head.get().matches("[0-9a-f]{40}")) {
            return Optional.empty();
        }
        String[] status = onlyBelow ? new String[] {"git", "status", "--porcelain", "--untracked-files=no", "--", "."}
                : new String[] {"git", "status", "--porcelain", "--untracked-files=no"};
        boolean dirty = output(dir, status).map(s -> !s.isBlank()).orElse(false);
        return Optional.of(head.get() + (dirty ? "-dirty" : ""));
    }

    /** SHA-256 over every regular file's relative path and content, in path order ({@code .git} left out). */
    static String contentHash(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().startsWith(".git")).toList());
            files.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                digest.update(root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the target tree " + root + " for the run's manifest", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static Optional<String> firstLine(Path dir, String... command) {
        return output(dir, command).flatMap(s -> s.lines().findFirst()).map(String::trim).filter(s -> !s.isEmpty());
    }

    // Read through a pipe on a daemon thread: a probe whose stdout a child keeps open is still cut off by the
    // timeout, and a kill -9 of the JVM leaves no temporary file behind (the fault campaign found one in /tmp).
    private static Optional<String> output(Path dir, String... command) {
        try {
            // Not sandboxed: fixed probes of the user's tools (git, g++ --version), never a candidate's code.
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }, PROBE_READERS);
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(text.get(PROBE_SECONDS, TimeUnit.SECONDS));
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
