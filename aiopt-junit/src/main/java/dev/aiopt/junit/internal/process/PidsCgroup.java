package dev.aiopt.junit.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pids cgroup per command ({@code pids.max}), the one process limit that binds uid 0: under
 * {@code /sys/fs/cgroup/pids/aiopt} (cgroup v1) or {@code /sys/fs/cgroup/aiopt} (cgroup v2 with the pids
 * controller), when this JVM may create cgroups there. Groups of JVMs that died are removed on first use.
 */
final class PidsCgroup {
    private static final List<Path> CANDIDATES = List.of(Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup"));
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile Optional<Path> base;

    private final Path directory;

    private PidsCgroup(Path directory) {
        this.directory = directory;
    }

    /** A fresh group limited to {@code maxProcesses}, or empty when cgroups are not available to this JVM. */
    static Optional<PidsCgroup> create(int maxProcesses) {
        Optional<Path> root = base();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Path dir = root.get().resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        try {
            Files.createDirectory(dir);
            Files.writeString(dir.resolve("pids.max"), String.valueOf(maxProcesses));
            return Optional.of(new PidsCgroup(dir));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path directory() {
        return directory;
    }

    /** How many times a fork was refused because the group was full. */
    long refusedForks() {
        try {
            for (String line : Files.readAllLines(directory.resolve("pids.events"), StandardCharsets.UTF_8)) {
                if (line.startsWith("max ")) {
                    return Long.parseLong(line.substring(4).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no events file: nothing known
        }
        return 0;
    }

    /** Removes the group; its processes are gone by now, or die within moments (the kernel frees them late). */
    void remove() {
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
    }

    private static Optional<Path> base() {
        Optional<Path> b = base;
        if (b == null) {
            synchronized (PidsCgroup.class) {
                b = base;
                if (b == null) {
                    b = findBase();
                    base = b;
                    b.ifPresent(PidsCgroup::removeStale);
                }
            }
        }
        return b;
    }

    private static Optional<Path> findBase() {
        for (Path hierarchy : CANDIDATES) {
            boolean v1 = Files.isRegularFile(hierarchy.resolve("pids.max"))
                    || Files.isRegularFile(hierarchy.resolve("tasks")) && hierarchy.endsWith("pids");
            boolean v2 = hasPidsController(hierarchy);
            if (!v1 && !v2) {
                continue;
            }
            Path dir = hierarchy.resolve("aiopt");
            try {
                Files.createDirectories(dir);
                if (v2 && !v1) {
                    Files.writeString(dir.resolve("cgroup.subtree_control"), "+pids");
                }
                if (Files.isWritable(dir)) {
                    return Optional.of(dir);
                }
            } catch (IOException e) {
                // not ours to use: try the next
            }
        }
        return Optional.empty();
    }

    private static boolean hasPidsController(Path hierarchy) {
        try {
            return Files.readString(hierarchy.resolve("cgroup.subtree_control")).contains("pids");
        } catch (IOException e) {
            return false;
        }
    }

    private static void removeStale(Path dir) {
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(dir)) {
            for (Path group : groups) {
                String name = group.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0 || !Files.isDirectory(group)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    Files.deleteIfExists(group);
                } catch (NumberFormatException | IOException e) {
                    // someone else's, or still in use
                }
            }
        } catch (IOException e) {
            // nothing to clean
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
