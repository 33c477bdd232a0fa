package dev.aiopt.junit.internal.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The real uid of this JVM and how many processes that uid runs: {@code RLIMIT_NPROC} counts every process of
 * the user, so a command's limit is set to what the user already runs plus the command's own allowance.
 */
final class UserProcesses {
    private static final Path PROC = Path.of("/proc");

    private UserProcesses() {
    }

    /** This JVM's real uid, from {@code /proc/self/status}. */
    static OptionalLong uid() {
        return uidOf(PROC.resolve("self/status"));
    }

    /** Processes whose real uid is {@code uid}, counted now. */
    static long count(long uid) {
        long n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                OptionalLong owner = uidOf(entry.resolve("status"));
                if (owner.isPresent() && owner.getAsLong() == uid) {
                    n++;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return n;
    }

    /**
     * The {@code RLIMIT_NPROC} that allows a command {@code allowance} more processes than this JVM's user
     * runs now, or 0 (no limit set) for root, which the kernel exempts anyway.
     */
    static long nprocLimit(int allowance) {
        OptionalLong uid = uid();
        if (uid.isEmpty() || uid.getAsLong() == 0) {
            return 0;
        }
        return count(uid.getAsLong()) + allowance;
    }

    private static OptionalLong uidOf(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(4).strip().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile
        }
        return OptionalLong.empty();
    }
}
