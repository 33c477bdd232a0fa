package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.process.CommandRunner;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupProcessTest {

    @Test
    void theCapStopsTheWholeProcessGroup(@TempDir Path dir) throws Exception {
        GroupProcess.Outcome outcome = GroupProcess.run(CommandRunner.defaults(),
                List.of("sh", "-c", "sleep 300 & echo $! > child.pid; echo started; wait"), dir, Map.of(),
                Duration.ofSeconds(1), dir.resolve("run.log"));

        assertThat(outcome.stoppedAtCap()).isTrue();
        assertThat(outcome.logTail()).isEqualTo("started");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        for (int i = 0; i < 50 && handle.isPresent() && handle.get().isAlive(); i++) {
            Thread.sleep(100);
            handle = ProcessHandle.of(child);
        }
        assertThat(handle.filter(ProcessHandle::isAlive)).as("background child of the capped command").isEmpty();
    }

    @Test
    void aCommandThatEndsInTimeKeepsItsExitStatus(@TempDir Path dir) {
        GroupProcess.Outcome outcome = GroupProcess.run(CommandRunner.defaults(), List.of("sh", "-c", "echo done; exit 3"), dir, Map.of(),
                Duration.ofSeconds(30), dir.resolve("run.log"));

        assertThat(outcome.stoppedAtCap()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.logTail()).isEqualTo("done");
    }
}
