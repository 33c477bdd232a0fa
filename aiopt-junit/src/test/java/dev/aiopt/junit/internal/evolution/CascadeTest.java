package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.InfrastructureFailure;
import dev.aiopt.junit.internal.evaluation.Placement;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.runfile.RunFile;
import dev.aiopt.junit.internal.judge.Levels;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade's rules with a scripted model and a fake build/bench stage: no compiler, no benchmark, every
 * status reached on purpose. The fake stage records the units it was given.
 */
class CascadeTest {
    private static final String SOURCE = "int before;\n// EVOLVE-BLOCK-START\nint work() { return 1; }\n"
            + "// EVOLVE-BLOCK-END\nint after;\n";
    private static final String PARENT_SLICE = "int work() { return 1; }\n";
    private static final String FASTER = "int work() { return 2; }\n";
    private static final String GOOD_DIFF = "<<<<<<< SEARCH\nint work() { return 1; }\n=======\n"
            + "int work() { return 2; }\n>>>>>>> REPLACE\n";
    private static final String BAD_DIFF = "<<<<<<< SEARCH\nint nothing_like_this();\n=======\nint x;\n>>>>>>> REPLACE\n";

    @TempDir
    Path temp;

    private final Deque<Object> replies = new LinkedList<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final List<EvaluationUnit> units = new ArrayList<>();
    private Function<EvaluationUnit, UnitResult> bench;
    private ExperimentPlan plan;
    private RunState state;
    private Workspace workspace;
    private ProgramResult baseline;

    @BeforeEach
    void setUp() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("x.cc"), SOURCE);
        workspace = Workspace.create(tree, temp.resolve("workspace"));
        Model model = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                requests.add(request);
                Object next = replies.removeFirst();
                if (next instanceof ModelException e) {
                    throw e;
                }
                return new ModelReply((String) next, "scripted", 1, 1, 0);
            }

            @Override
            public String describe() {
                return "scripted";
            }
        };
        Commands commands = new Commands("true", Duration.ofSeconds(5), Optional.empty(), Duration.ofSeconds(5),
                "./bench", "fillrandom", List.of("bench"), Duration.ofSeconds(5), Optional.empty(), "auto",
                "ops_per_sec", "p99_us");
        plan = new ExperimentPlan("cascade", Track.BASELINE,
                SliceLocator.locate("x.cc", SOURCE, SliceSpec.markers()),
                new SearchSettings(1, 1, Double.NaN, 42, 1, 2, 1, SearchSettings.Reply.DIFF),
                new MeasurementSettings(commands, 5, 0, Isolation.off()),
                new ProfilingSettings(ProfilingSettings.When.OFF, Duration.ofSeconds(1), List.of(), Optional.empty(),
                        Optional.empty()),
                new ModelSetup(model, Ledger.fromConfig(key -> Optional.empty())),
                new RunSettings(tree, temp.resolve("run"), Optional.empty(), false), Fitness.defaults(), List.of());
        state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(42).withIslands(1)));
        List<Map<String, Double>> runs = runs(1000, 5);
        baseline = measured(Origin.baseline(EvolutionRun.BASELINE_ID), Status.BASELINE, PARENT_SLICE, runs, 0.5);
        state.land(baseline);
        state.built(new BuiltProgram(baseline.id(), temp.resolve("run/programs/g0-baseline/kit"), Duration.ZERO,
                Duration.ZERO));
        bench = unit -> measured(unit, 1000);
    }

    private static ProgramResult measured(Origin origin, Status status, String slice, List<Map<String, Double>> runs,
            double fitness) {
        return new ProgramResult(origin, new Outcome(status, null), slice, Program.sha256(slice),
                new Measured(Cascade.medians(runs), runs, Ratio.unity(EvolutionRun.BASELINE_ID),
                        Ratio.unity(EvolutionRun.BASELINE_ID), List.of(), null), fitness, null, null, Timings.NONE, List.of());
    }

    private ProgramResult evaluate() {
        ProfileStage profiles = new ProfileStage(plan, state, new Profiling(plan), note -> { },
                RunListener.CONSOLE, "[test]");
        Cascade cascade = new Cascade(plan, state, new Proposer(plan, state, profiles), profiles, w -> unit -> {
            units.add(unit);
            return bench.apply(unit);
        }, plan.fitness());
        Program parent = Program.of(baseline.id(), null, 0, 0, baseline.slice(), baseline.metrics(), baseline.fitness());
        return cascade.evaluate(new Slot("g1-c1", 1, 0, parent, baseline, 0, List.of(), List.of()), workspace);
    }

    // Ops/sec around `level` with a little spread, p99 inversely so: a faster program is better on both axes.
    private static List<Map<String, Double>> runs(double level, int n) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ops = level * (1 + 0.001 * i);
            out.add(Map.of(Cascade.THROUGHPUT, ops, Cascade.P99, 1e6 / ops));
        }
        return out;
    }

    private static UnitResult measured(EvaluationUnit unit, double candidateLevel) {
        int n = unit.plan().repeats();
        return new UnitResult(unit.id(), List.of(
                ProgramRun.measured(unit.programs().get(0).id(), unit.programs().get(0).directory().resolve("kit"), 7, 3,
                        runs(candidateLevel, n)),
                ProgramRun.measured(unit.programs().get(1).id(), unit.programs().get(1).kit(), 0, 0, runs(1000, n))),
                11);
    }

    private static UnitResult failed(EvaluationUnit unit, ProgramRun.Reached reached, String message) {
        return new UnitResult(unit.id(), List.of(ProgramRun.failed(unit.programs().get(0).id(), reached, message, null,
                null, 5, reached == ProgramRun.Reached.VERIFY_FAILED ? 4 : 0), ProgramRun.failed(unit.programs().get(1).id(), ProgramRun.Reached.NOT_RUN, "not run",
                null, unit.programs().get(1).kit(), 0, 0)), 0);
    }

    @Test
    void aReplyThatDoesNotApplyIsSentBackWithTheReasonAndTheNextOneIsBuilt() {
        replies.add(BAD_DIFF);
        replies.add(GOOD_DIFF);
        bench = unit -> measured(unit, 1500);

        ProgramResult result = evaluate();

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).user()).doesNotContain("Previous attempts");
        assertThat(requests.get(1).user()).contains("g1-c1 reply 1: the edit blocks did not apply",
                "reply 1: block 1 of 1 (reply line 1): the SEARCH text matches nothing in the slice");
        assertThat(result.attempts()).hasSize(1).first().asString().startsWith("reply 1: ");
        assertThat(units).hasSize(1);
        assertThat(units.get(0).programs().get(0).source()).isEqualTo(SOURCE.replace(PARENT_SLICE, FASTER));
        assertThat(units.get(0).programs().get(1).kit()).isEqualTo(temp.resolve("run/programs/g0-baseline/kit"));
        assertThat(result.status()).isEqualTo(Status.IMPROVED);
        assertThat(result.slice()).isEqualTo(FASTER);
    }

    @Test
    void noReplyApplyingIsApplyFailedAndNothingIsBuilt() {
        replies.add(BAD_DIFF);
        replies.add(BAD_DIFF);

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.APPLY_FAILED);
        assertThat(result.reason()).startsWith("no reply applied in 2 attempt(s); last: reply 2: ");
        assertThat(result.attempts()).hasSize(2);
        assertThat(units).isEmpty();
    }

    @Test
    void aModelFailureIsModelFailed() {
        replies.add(new ModelException("HTTP 500 after 4 retries"));

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.MODEL_FAILED);
        assertThat(result.reason()).isEqualTo("model: HTTP 500 after 4 retries");
        assertThat(result.fitness()).isNull();
        assertThat(units).isEmpty();
    }

    @Test
    void codeAnEarlierProgramHasIsADuplicateAndIsNotBuilt() {
        List<Map<String, Double>> runs = runs(1200, 5);
        ProgramResult earlier = measured(new Origin("g1-c9", 1, "g0-baseline", 0), Status.IMPROVED, FASTER, runs,
                0.61);
        state.land(earlier);
        replies.add(GOOD_DIFF);
        replies.add(GOOD_DIFF); // the re-ask (aiopt.duplicateReasks = 1) repeats it too

        ProgramResult result = evaluate();

        assertThat(requests).hasSize(2);
        assertThat(result.status()).isEqualTo(Status.DUPLICATE);
        assertThat(result.reason()).startsWith("same code as g1-c9;");
        assertThat(result.fitness()).isEqualTo(0.61);
        assertThat(units).isEmpty();
    }

    @Test
    void aBuildFailureIsBuildFailedWithTheDiff() {
        replies.add(GOOD_DIFF);
        bench = unit -> failed(unit, ProgramRun.Reached.BUILD_FAILED, "build failed (exit 1): x.cc:3: error");

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.BUILD_FAILED);
        assertThat(result.reason()).isEqualTo("build failed (exit 1): x.cc:3: error");
        assertThat(result.diff()).contains("-int work() { return 1; }", "+int work() { return 2; }");
        assertThat(result.fitness()).isNull();
        assertThat(result.timings().buildMs()).isEqualTo(5);
    }

    @Test
    void failingTheOracleIsVerifyFailedAndScoresZero() {
        replies.add(GOOD_DIFF);
        bench = unit -> failed(unit, ProgramRun.Reached.VERIFY_FAILED, "verification failed (exit 2): lost writes");

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.VERIFY_FAILED);
        assertThat(result.fitness()).isEqualTo(0.0);
        // The oracle's time is the oracle's, not folded into the build's.
        assertThat(result.timings().buildMs()).isEqualTo(5);
        assertThat(result.timings().verifyMs()).isEqualTo(4);
    }

    @Test
    void aCrashingBenchmarkIsRunFailed() {
        replies.add(GOOD_DIFF);
        bench = unit -> failed(unit, ProgramRun.Reached.RUN_FAILED, "g1-c1's benchmark crashed (signal 11)");

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.RUN_FAILED);
        assertThat(result.reason()).contains("signal 11");
        assertThat(state.result("g1-c1")).isEmpty();
    }

    @Test
    void aUnitTheClusterCouldNotRunIsAnInfrastructureFailureWithTheSchedulersReasonNotABadCandidate() {
        replies.add(GOOD_DIFF);
        bench = unit -> {
            throw new InfrastructureFailure("attempt 1, job 8 on n1: FAILED (Slurm: FAILED NonZeroExitCode on n1, no"
                    + " result written); attempt 2, job 9 on n2: NODE_LOST (NODE_FAIL)");
        };

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.INFRA_FAILED);
        assertThat(result.status().measured()).isFalse();
        assertThat(result.reason()).startsWith("infrastructure, not the candidate: ")
                .contains("job 8 on n1: FAILED", "job 9 on n2: NODE_LOST (NODE_FAIL)");
        assertThat(result.fitness()).isNull();
        assertThat(result.diff()).contains("+int work() { return 2; }");
        assertThat(units).hasSize(1);
    }

    @Test
    void anOrdinaryFailureOfTheSubmissionIsNotTurnedIntoACandidateStatus() {
        replies.add(GOOD_DIFF);
        bench = unit -> {
            throw new IllegalStateException("unit g1-c1 could not run on Slurm: sbatch: error: invalid partition");
        };

        assertThatThrownBy(this::evaluate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid partition");
    }

    @Test
    void whereTheClusterRanTheUnitIsKeptWithTheResult() {
        replies.add(GOOD_DIFF);
        bench = unit -> measured(unit, 1200).placedOn(new Placement("n3", "151", 854, 2));

        ProgramResult result = evaluate();

        assertThat(result.status().measured()).isTrue();
        assertThat(result.placement()).isEqualTo(new Placement("n3", "151", 854, 2));
        assertThat(RunRecord.entry(result).placement()).isEqualTo(new RunFile.Placement("n3", "151", 854, 2));
    }

    @Test
    void aLocallyEvaluatedCandidateHasNoPlacement() {
        replies.add(GOOD_DIFF);

        assertThat(evaluate().placement()).isNull();
    }

    @Test
    void aFasterCandidateIsImprovedAndScoredAboveItsParent() {
        replies.add(GOOD_DIFF);
        bench = unit -> measured(unit, 1500);

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.IMPROVED);
        assertThat(result.island()).isEqualTo(0);
        assertThat(result.throughput().ratio()).isGreaterThan(1.4);
        assertThat(result.fitness()).isGreaterThan(baseline.fitness());
        assertThat(result.timings().buildMs()).isEqualTo(7);
        assertThat(result.timings().verifyMs()).isEqualTo(3);
        assertThat(result.timings().benchMs()).isEqualTo(11);
        assertThat(units.get(0).plan().isSequential()).isTrue();
        assertThat(units.get(0).plan().maxRepeats()).isEqualTo(15);
    }

    @Test
    void aSlowerCandidateIsRegressed() {
        replies.add(GOOD_DIFF);
        bench = unit -> measured(unit, 700);

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.REGRESSED);
        assertThat(result.fitness()).isLessThan(baseline.fitness());
    }

    @Test
    void anUndecidedP99FeedsNothingIntoFitnessAndTheLevelsAreKept() {
        replies.add(GOOD_DIFF);
        // Throughput 1.2x throughout; p99 a wild mix whose median (x0.12) says "much better" but whose ranks say
        // nothing. The seeds' function scored this 0.3·1.2 + 0.2/0.12 = 2.03.
        double[] p99 = {100, 5000, 120, 4000, 110};
        bench = unit -> {
            List<Map<String, Double>> candidate = new ArrayList<>();
            for (int i = 0; i < p99.length; i++) {
                candidate.add(Map.of(Cascade.THROUGHPUT, 1200 * (1 + 0.001 * i), Cascade.P99, p99[i]));
            }
            return new UnitResult(unit.id(), List.of(
                    ProgramRun.measured(unit.programs().get(0).id(), unit.programs().get(0).directory().resolve("kit"),
                            7, 3, candidate),
                    ProgramRun.measured(unit.programs().get(1).id(), unit.programs().get(1).kit(), 0, 0,
                            runs(1000, p99.length))), 11);
        };

        ProgramResult result = evaluate();

        assertThat(result.vsParent().get(1).decision()).isEqualTo("NO_DIFFERENCE");
        assertThat(result.vsParent().get(1).ratio()).isLessThan(0.2);
        assertThat(result.status()).isEqualTo(Status.IMPROVED);
        double t = result.vsParent().get(0).ratio();
        assertThat(result.fitness()).isCloseTo(0.3 * t + 0.2, within(1e-12));
        assertThat(result.measured().levels()).isEqualTo(new Levels(t, 1.0, 0.0));
    }

    @Test
    void noDetectableDifferenceKeepsTheParentsFitness() {
        replies.add(GOOD_DIFF);
        bench = unit -> measured(unit, 1000);

        ProgramResult result = evaluate();

        assertThat(result.status()).isEqualTo(Status.NO_CHANGE);
        assertThat(result.fitness()).isEqualTo(baseline.fitness());
    }

    @Test
    void theChampionIsTheFittestMeasuredProgramAndTheEarliestWinsATie() {
        List<Map<String, Double>> runs = runs(1000, 5);
        state.land(measured(new Origin("g1-c1", 1, "g0-baseline", 0), Status.IMPROVED, FASTER, runs, 0.7));
        state.land(measured(new Origin("g2-c1", 2, "g1-c1", 1), Status.IMPROVED, "b", runs, 0.7));
        state.land(ProgramResult.failed(new Origin("g2-c2", 2, "g1-c1", 0), Status.VERIFY_FAILED, "lost writes", "c",
                Program.sha256("c"), null, Timings.NONE, List.of()));
        RunRecord record = new RunRecord(plan, state);

        assertThat(record.best().id()).isEqualTo("g1-c1");
        assertThat(state.results()).extracting(r -> RunRecord.entry(r).island()).containsExactly(0, 0, 1, 0);
    }
}
