package dev.aiopt.junit.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The small native helper {@code aiopt-launch} (see its C source beside this class): it holds the
 * parent-death signal Java cannot set, so a command's whole process group dies with this JVM, even by
 * {@code kill -9}, and it applies the pids cgroup and resource limits before the command starts. Compiled
 * with {@code g++} on first use and kept, by the hash of its source, in {@code target/aiopt/bin} of the
 * working directory (or {@code aiopt.helperDir}).
 */
final class Launcher {
    static final String SOURCE = "aiopt-launch.c";
    private static volatile Optional<Path> binary;
    private static volatile String problem = "";

    private Launcher() {
    }

    /** The compiled helper, or empty when it cannot be built here (then {@link #problem()} says why). */
    static Optional<Path> binary() {
        Optional<Path> b = binary;
        if (b == null) {
            synchronized (Launcher.class) {
                b = binary;
                if (b == null) {
                    b = build();
                    binary = b;
                }
            }
        }
        return b;
    }

    static String problem() {
        return problem;
    }

    /** {@code argv} prefixed by the helper. */
    static List<String> wrap(Path helper, String cgroup, long maxProcesses, long maxFileBytes, List<String> argv) {
        List<String> command = new ArrayList<>(List.of(helper.toString(), String.valueOf(ProcessHandle.current().pid()),
                cgroup == null ? "-" : cgroup, String.valueOf(maxProcesses), String.valueOf(maxFileBytes), "--"));
        command.addAll(argv);
        return command;
    }

    private static Optional<Path> build() {
        byte[] source;
        try (InputStream in = Launcher.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                problem = SOURCE + " is missing from the classpath";
                return Optional.empty();
            }
            source = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SOURCE, e);
        }
        Path dir = Path.of(System.getProperty("aiopt.helperDir",
                Path.of(System.getProperty("user.dir"), "target", "aiopt", "bin").toString())).toAbsolutePath();
        Path target = dir.resolve("aiopt-launch-" + sha256(source).substring(0, 12));
        if (Files.isExecutable(target)) {
            return Optional.of(target);
        }
        try {
            Files.createDirectories(dir);
            Path src = Files.createTempFile(dir, "aiopt-launch", ".c");
            Path out = dir.resolve(target.getFileName() + ".tmp" + ProcessHandle.current().pid());
            try {
                Files.write(src, source);
                // Not sandboxed: compiles this project's own helper, before any candidate runs.
                Process gpp = new ProcessBuilder("g++", "-O2", "-x", "c++", src.toString(), "-o", out.toString())
                        .redirectErrorStream(true).start();
                String log = new String(gpp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!gpp.waitFor(120, TimeUnit.SECONDS) || gpp.exitValue() != 0) {
                    problem = "g++ could not compile " + SOURCE + ": " + log.strip();
                    return Optional.empty();
                }
                try {
                    Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(out, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(src);
                Files.deleteIfExists(out);
            }
            return Optional.of(target);
        } catch (IOException e) {
            if (Files.isExecutable(target)) {
                return Optional.of(target); // another JVM won the race
            }
            problem = "cannot build " + SOURCE + " with g++ in " + dir + ": " + e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while compiling " + SOURCE;
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
