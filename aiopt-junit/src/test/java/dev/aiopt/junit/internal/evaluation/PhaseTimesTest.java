package dev.aiopt.junit.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build and oracle times come from the commands that ran, each on its own, also when the oracle fails: real
 * processes, an oracle that sleeps half a second and a build that takes none. Only lower bounds on the sleeper
 * and an upper bound on the quick side are asserted, never a speed.
 */
class PhaseTimesTest {
    private static final String BENCH = "echo 'fillrandom : 1.000 micros/op 1000 ops/sec;'; echo 'Microseconds per"
            + " write:'; echo 'Percentiles: P50: 1.00 P75: 2.00 P99: 10.00'";

    @TempDir
    Path temp;

    private UnitResult evaluate(String verify) throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("x.cc"), "int x;\n");
        Commands commands = new Commands("echo built > speed", Duration.ofSeconds(10), Optional.of(verify),
                Duration.ofSeconds(10), BENCH, "fillrandom", List.of("speed"), Duration.ofSeconds(10),
                Optional.empty(), "auto", "ops_per_sec", "p99_us");
        Workspace workspace = Workspace.create(tree, temp.resolve("workspace"));
        EvaluationUnit unit = new EvaluationUnit("u", commands, List.of(UnitProgram.toBuild("p", "x.cc", "int y;\n",
                temp.resolve("programs/p"))), MeasurementPlan.fixed(2, 0, temp.resolve("programs/p/bench")),
                Isolation.off());
        return new LocalEvaluation(workspace).evaluate(unit);
    }

    @Test
    void anOracleThatFailsIsTimedAsTheOracleNotAsTheBuild() throws IOException {
        ProgramRun run = evaluate("sleep 0.5; echo lost a write; exit 3").first();

        assertThat(run.reached()).isEqualTo(ProgramRun.Reached.VERIFY_FAILED);
        assertThat(run.verifyMillis()).isGreaterThanOrEqualTo(500);
        assertThat(run.buildMillis()).isLessThan(500);
    }

    @Test
    void anOracleThatPassesIsTimedApartFromTheBuildAndTheBenchmark() throws IOException {
        UnitResult result = evaluate("sleep 0.5");
        ProgramRun run = result.first();

        assertThat(run.reached()).isEqualTo(ProgramRun.Reached.MEASURED);
        assertThat(run.verifyMillis()).isGreaterThanOrEqualTo(500);
        assertThat(run.buildMillis()).isLessThan(500);
        assertThat(result.benchMillis()).isPositive();
    }

    @Test
    void aBuildThatFailsCostsBuildTimeAndNoOracleTime() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("x.cc"), "int x;\n");
        Commands commands = new Commands("sleep 0.5; exit 1", Duration.ofSeconds(10), Optional.of("sleep 5"),
                Duration.ofSeconds(10), BENCH, "fillrandom", List.of("speed"), Duration.ofSeconds(10),
                Optional.empty(), "auto", "ops_per_sec", "p99_us");
        EvaluationUnit unit = new EvaluationUnit("u", commands, List.of(UnitProgram.toBuild("p", "x.cc", "int y;\n",
                temp.resolve("programs/p"))), MeasurementPlan.fixed(2, 0, temp.resolve("programs/p/bench")),
                Isolation.off());

        ProgramRun run = new LocalEvaluation(Workspace.create(tree, temp.resolve("workspace"))).evaluate(unit).first();

        assertThat(run.reached()).isEqualTo(ProgramRun.Reached.BUILD_FAILED);
        assertThat(run.buildMillis()).isGreaterThanOrEqualTo(500);
        assertThat(run.verifyMillis()).isZero();
    }
}
