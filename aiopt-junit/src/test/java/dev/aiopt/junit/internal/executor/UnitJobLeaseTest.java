package dev.aiopt.junit.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's side of the lease, as a real process: it ends itself and its command once nobody renews it. */
class UnitJobLeaseTest {
    @TempDir
    Path shared;

    @Test
    void aJobWhoseLeaseIsNotRenewedEndsItselfAndKillsItsCommand() throws Exception {
        UnitFiles files = new UnitFiles(shared.resolve("orphan"));
        files.writeUnit(CommandUnit.of("orphan", List.of("sh", "-c", "echo $$ > sh.pid; exec sleep 300"),
                Duration.ofMinutes(5)));
        Path attempt = files.attempt(1);
        Files.createDirectories(attempt);
        Lease.renew(attempt.resolve("lease"));

        long start = System.nanoTime();
        Process job = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), UnitJob.class.getName(), files.directory().toString(), "1",
                "2000").redirectErrorStream(true).redirectOutput(shared.resolve("job.log").toFile()).start();
        assertThat(job.waitFor(60, TimeUnit.SECONDS)).as("the job ended by itself").isTrue();
        assertThat(job.exitValue()).isEqualTo(UnitJob.EXIT_LEASE_LAPSED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(attempt.resolve("exit-status")).content().startsWith("3 lease lapsed");
        assertThat(attempt.resolve("result.json")).doesNotExist();
        long sleeper = Long.parseLong(Files.readString(attempt.resolve("sh.pid")).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).as("sleep 300 killed").isFalse();
    }
}
