package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiopt.prune.keepRuns} on real directories: the newest runs stay, the older go, and a run another process
 * holds (its {@code run.lock}) or this JVM opened is never deleted.
 */
class OldRunsTest {
    /** Holds the lock of the run directory {@code args[0]} until killed. */
    public static void main(String[] args) throws Exception {
        RunLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(2));
    }

    @Test
    void keepsTheNewestRunsAndNeverOneInUse(@TempDir Path base) throws Exception {
        Path oldest = run(base, "run-20260101-000000-seed42");
        Path old = run(base, "run-20260102-000000-seed42");
        Path older = run(base, "run-20260103-000000-seed42");
        Path recent = run(base, "run-20260104-000000-seed42");
        Path current = run(base, "run-20260105-000000-seed42");
        Path notes = Files.createDirectories(base.resolve("notes"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OldRunsTest.class.getName(), oldest.toString())
                .directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the other process holds the oldest run").isEqualTo("locked");

            List<Path> deleted = OldRuns.prune(current, 2);

            assertThat(deleted).containsExactlyInAnyOrder(old, older);
            assertThat(names(base)).containsExactlyInAnyOrder(oldest.getFileName().toString(),
                    recent.getFileName().toString(), current.getFileName().toString(), "notes");
            assertThat(notes.resolve("x.txt")).hasContent("not a run");
            assertThat(recent.resolve("journal.jsonl")).exists();
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // Its process gone, so is its lock: the oldest run may go now.
        assertThat(OldRuns.prune(current, 2)).containsExactly(oldest);
    }

    @Test
    void aRunThisJvmOpenedStaysAndASecondSessionCannotTakeItsDirectory(@TempDir Path base) throws Exception {
        Path opened = run(base, "run-20260101-000000-seed42");
        Path current = run(base, "run-20260102-000000-seed42");
        try (RunLock lock = RunLock.acquire(opened)) {
            assertThatThrownBy(() -> RunLock.acquire(opened)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another session").hasMessageContaining(opened.toString());
        }
        assertThat(OldRuns.prune(current, 1)).as("closed, but opened by this JVM (a tournament may read it)")
                .isEmpty();
        assertThat(opened).isDirectory();
    }

    private static Path run(Path base, String name) throws Exception {
        Path dir = Files.createDirectories(base.resolve(name));
        Files.writeString(dir.resolve("journal.jsonl"), "{}\n");
        Files.createDirectories(dir.resolve("programs/g0-baseline/kit"));
        Files.writeString(dir.resolve("programs/g0-baseline/kit/db_bench"), "binary");
        Files.createDirectories(base.resolve("notes"));
        Files.writeString(base.resolve("notes/x.txt"), "not a run");
        return dir;
    }

    private static List<String> names(Path base) throws Exception {
        try (Stream<Path> list = Files.list(base)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
