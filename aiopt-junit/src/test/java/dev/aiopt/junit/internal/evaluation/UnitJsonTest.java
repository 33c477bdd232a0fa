package dev.aiopt.junit.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Units and their results survive the trip to JSON and back, every field, as a remote executor needs. */
class UnitJsonTest {
    private static final Commands COMMANDS = new Commands("make -j2", Duration.ofMinutes(30),
            Optional.of("./oracle.sh"), Duration.ofSeconds(600), "./db_bench --benchmarks=fillrandom", "fillrandom",
            List.of("db_bench"), Duration.ofSeconds(90), Optional.empty(), "auto", "ops_per_sec", "p99_us");

    @Test
    void aCandidateAgainstItsReferenceRoundTrips() {
        EvaluationUnit unit = new EvaluationUnit("g2-c1", COMMANDS, List.of(
                UnitProgram.toBuild("g2-c1", "db/write.cc", "int main() {}\n", Path.of("/runs/r1/programs/g2-c1")),
                UnitProgram.built("g1-c1", Path.of("/runs/r1/programs/g1-c1/kit"))),
                MeasurementPlan.sequential(3, 1, 9, "ops_per_sec", 42, Path.of("/runs/r1/programs/g2-c1/bench")),
                new Isolation("bwrap", List.of("CCACHE_DIR"), List.of(Path.of("/src/rocksdb")),
                        List.of(Path.of("/home/u/.openai-key")), new Isolation.Limits(64, 1L << 30)));

        String json = UnitJson.write(unit);

        assertThat(UnitJson.read(json, EvaluationUnit.class)).isEqualTo(unit);
        assertThat(json).contains("\"buildTimeout\":\"PT30M\"", "\"metricsJson\":null", "\"verify\":\"./oracle.sh\"",
                "\"isolation\":{\"sandbox\":\"bwrap\",\"passed\":[\"CCACHE_DIR\"]");
    }

    @Test
    void aResultWithAFailureRoundTrips() {
        UnitResult result = new UnitResult("g2-c1", List.of(
                ProgramRun.failed("g2-c1", ProgramRun.Reached.RUN_FAILED, "g2-c1's benchmark crashed",
                        Path.of("/runs/r1/programs/g2-c1/bench/run1-g2-c1.stderr"), Path.of("/k"), 1200, 300),
                ProgramRun.measured("g0-baseline", Path.of("/k0"), 0, 0,
                        List.of(Map.of("ops_per_sec", 1000.0, "p99_us", 12.5)))), 4100);

        assertThat(UnitJson.read(UnitJson.write(result), UnitResult.class)).isEqualTo(result);
    }

    @Test
    void aTournamentOfFourProgramsRoundTrips() {
        EvaluationUnit unit = new EvaluationUnit("tournament", COMMANDS, List.of(
                UnitProgram.built("g0-baseline", Path.of("/k0")), UnitProgram.built("gpt5/r1/g2-c1", Path.of("/k1")),
                UnitProgram.built("profiler/r1/g1-c2", Path.of("/k2")), UnitProgram.built("baseline/r1/g3-c1",
                        Path.of("/k3"))), MeasurementPlan.fixed(6, 1, Path.of("/runs/tournament")), Isolation.off());

        assertThat(UnitJson.read(UnitJson.write(unit), EvaluationUnit.class)).isEqualTo(unit);
    }

    @Test
    void aSequentialMeasurementOfThreeAndARepeatedProgramAreRefused() {
        UnitProgram a = UnitProgram.built("a", Path.of("/k/a"));
        UnitProgram b = UnitProgram.built("b", Path.of("/k/b"));
        UnitProgram c = UnitProgram.built("c", Path.of("/k/c"));
        assertThatThrownBy(() -> new EvaluationUnit("t", COMMANDS, List.of(a, b, c),
                MeasurementPlan.sequential(3, 0, 9, "ops_per_sec", 1, Path.of("/l")), Isolation.off()))
                .hasMessageContaining("exactly two programs, got 3");
        assertThatThrownBy(() -> new EvaluationUnit("t", COMMANDS, List.of(a, b, a),
                MeasurementPlan.fixed(3, 0, Path.of("/l")), Isolation.off())).hasMessageContaining("names a program twice");
    }
}
