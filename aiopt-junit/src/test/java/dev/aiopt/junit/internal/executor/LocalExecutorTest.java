package dev.aiopt.junit.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor runs the same {@link UnitJob} a Slurm job runs, and leaves the same files. */
class LocalExecutorTest {
    @TempDir
    Path shared;

    @Test
    void runsCommandUnitsInOrderAndKeepsTheirExitStatusAsTheResult() {
        List<UnitOutcome> outcomes;
        try (Executor executor = new LocalExecutor(shared)) {
            outcomes = executor.runAll(List.of(
                    CommandUnit.of("ok", List.of("sh", "-c", "echo hello from $AIOPT_NODE"), Duration.ofSeconds(30)),
                    CommandUnit.of("bad", List.of("sh", "-c", "echo nope >&2; exit 4"), Duration.ofSeconds(30))));
        }
        assertThat(outcomes).extracting(UnitOutcome::unitId).containsExactly("ok", "bad");
        assertThat(outcomes).allMatch(UnitOutcome::completed);
        assertThat(outcomes.get(0).output().orElseThrow().path("log").asText()).isEqualTo("hello from local");
        assertThat(outcomes.get(1).output().orElseThrow().path("exitCode").asInt()).isEqualTo(4);
        assertThat(outcomes.get(1).output().orElseThrow().path("log").asText()).isEqualTo("nope");
        assertThat(shared.resolve("ok/unit.json")).exists();
        assertThat(shared.resolve("ok/attempt-1/exit-status")).content().isEqualTo("0 completed\n");
        assertThat(shared.resolve("ok/attempt-1/result.json")).content().contains("\"node\" : \"local\"");
    }

    @Test
    void aUnitOfAnUnknownKindFailsWithTheFixInItsExitStatus() {
        Unit unit = new Unit("mystery", "no-such-kind", UnitFiles.JSON.createObjectNode(), Duration.ofSeconds(5),
                false);
        UnitOutcome outcome;
        try (Executor executor = new LocalExecutor(shared)) {
            outcome = executor.runAll(List.of(unit)).get(0);
        }
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.failureReason()).contains("FAILED")
                .contains("no unit kind 'no-such-kind' on the classpath")
                .contains("META-INF/services/dev.aiopt.junit.internal.executor.UnitKind");
        assertThat(shared.resolve("mystery/attempt-1/error.txt")).exists();
    }

    @Test
    void aCommandUnitWithoutArgvIsRefused() {
        Unit unit = new Unit("empty", "command", UnitFiles.JSON.createObjectNode(), Duration.ofSeconds(5), false);
        UnitOutcome outcome;
        try (Executor executor = new LocalExecutor(shared)) {
            outcome = executor.runAll(List.of(unit)).get(0);
        }
        assertThat(outcome.failureReason()).contains("a command unit needs a non-empty 'argv' array");
    }
}
