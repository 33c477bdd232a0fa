package dev.aiopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run.json checks find each broken promise in a small run written by hand, and nothing in a sound one. */
class RunJsonChecksTest {
    // g1-c1: throughput x1.5 BETTER, p99 x0.5 NO_DIFFERENCE: levels 1.5, 1, 0 -> 0.3 * 1.5 + 0.2 = 0.65.
    // g2-c1 from g1-c1: nothing decided -> the parent's 0.65, NO_CHANGE.
    private static final String SOUND = """
            {"weights": {"throughput": 0.3, "latency": 0.2, "causal": 0.3},
             "configuration": [{"key": "aiopt.cap.throughput", "value": "4", "source": "default"}],
             "baseline": {"id": "g0-baseline"},
             "candidates": [
              {"id": "g0-baseline", "status": "BASELINE", "fitness": 0.5, "island": 0, "sliceSha256": "a"},
              {"id": "g1-c1", "parentId": "g0-baseline", "status": "IMPROVED", "fitness": 0.65, "island": 0,
               "sliceSha256": "b", "causal": {"realization": 0.0},
               "comparison": {"basis": "direct", "directRepeats": 5,
                 "throughput": {"ratio": 1.4, "decision": "BETTER", "reference": "g0-baseline"},
                 "vsParent": {"throughput": {"ratio": 1.5, "decision": "BETTER"},
                              "p99": {"ratio": 0.5, "decision": "NO_DIFFERENCE"}}}},
              {"id": "g2-c1", "parentId": "g1-c1", "status": "NO_CHANGE", "fitness": 0.65, "island": 0,
               "sliceSha256": "c",
               "comparison": {"basis": "chained",
                 "vsParent": {"throughput": {"ratio": 1.1, "decision": "NO_DIFFERENCE"},
                              "p99": {"ratio": 0.9, "decision": "NO_DIFFERENCE"}}}}],
             "champion": {"id": "g1-c1", "repeats": 10, "throughput": {"reference": "g0-baseline"}}}
            """;

    @TempDir
    Path dir;

    @Test
    void aSoundRunHasNoProblems() throws Exception {
        Path run = write(SOUND);

        assertThat(RunJsonChecks.check(run)).isEmpty();
        assertThat(RunJsonChecks.summary(run)).endsWith(
                "2 status/fitness pairs, 2 fitness values rebuilt from decided axes, 2 elites with a direct baseline"
                        + " comparison checked: OK");
    }

    @Test
    void aStatusThatDisagreesWithTheFitnessChangeIsFound() throws Exception {
        Path run = write(SOUND.replace("\"status\": \"NO_CHANGE\"", "\"status\": \"IMPROVED\""));

        assertThat(RunJsonChecks.check(run)).containsExactly(
                "g2-c1: IMPROVED with fitness 0.650000 against its parent's 0.650000");
    }

    @Test
    void aFitnessFedByAnUndecidedPointEstimateIsFound() throws Exception {
        // 0.3 * 1.5 + 0.2 / 0.5 = 0.85: the p99 point estimate counted although undecided.
        Path run = write(SOUND.replace("\"fitness\": 0.65", "\"fitness\": 0.85"));

        assertThat(RunJsonChecks.check(run)).contains("g1-c1 fitness (throughput BETTER, p99 NO_DIFFERENCE: levels"
                + " x1.5000, x1.0000, causal 0.0000) is 0.850000, the decided axes give 0.650000");
    }

    @Test
    void anEliteWithoutADirectBaselineComparisonIsFound() throws Exception {
        Path run = write(SOUND.replace("\"basis\": \"direct\", \"directRepeats\": 5,", "\"basis\": \"direct\",")
                .replace("\"repeats\": 10, ", ""));

        assertThat(RunJsonChecks.check(run)).containsExactly(
                "g1-c1: became island 0's best without a direct re-measurement against the baseline (basis direct)",
                "champion g1-c1: no direct comparison with the baseline");
    }

    private Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("run.json"), json);
    }
}
