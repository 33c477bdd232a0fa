package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.MissingAnswerException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-ask after a reply that reproduces code the run already has, with a scripted model and a fake
 * build/bench stage (as {@link CascadeTest}): asked again hotter and told so, under its own replay key, within
 * its bound, and only about code the candidate can see deterministically.
 */
class DuplicateReaskTest {
    private static final String SOURCE = "int before;\n// EVOLVE-BLOCK-START\nint work() { return 1; }\n"
            + "// EVOLVE-BLOCK-END\nint after;\n";
    private static final String PARENT_SLICE = "int work() { return 1; }\n";
    private static final String FASTER = "int work() { return 2; }\n";
    private static final String GOOD_DIFF = "<<<<<<< SEARCH\nint work() { return 1; }\n=======\n"
            + "int work() { return 2; }\n>>>>>>> REPLACE\n";
    private static final String OTHER_DIFF = "<<<<<<< SEARCH\nint work() { return 1; }\n=======\n"
            + "int work() { return 3; }\n>>>>>>> REPLACE\n";
    private static final String NO_CHANGE = "<<<<<<< SEARCH\nint work() { return 1; }\n=======\n"
            + "int work() { return 1; }\n>>>>>>> REPLACE\n";

    @TempDir
    Path temp;

    private final Deque<Object> replies = new LinkedList<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final List<EvaluationUnit> units = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ProgramResult evaluate(int duplicateReasks, int parallelism, ProgramResult... landed) throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("x.cc"), SOURCE);
        Workspace workspace = Workspace.create(tree, temp.resolve("workspace"));
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
        ExperimentPlan plan = new ExperimentPlan("reask", Track.BASELINE,
                SliceLocator.locate("x.cc", SOURCE, SliceSpec.markers()),
                new SearchSettings(1, 1, Double.NaN, 42, 1, 1, parallelism, SearchSettings.Reply.DIFF, duplicateReasks),
                new MeasurementSettings(commands, 5, 0, Isolation.off()),
                new ProfilingSettings(ProfilingSettings.When.OFF, Duration.ofSeconds(1), List.of(), Optional.empty(),
                        Optional.empty()),
                new ModelSetup(model, Ledger.fromConfig(key -> Optional.empty())),
                new RunSettings(tree, temp.resolve("run"), Optional.empty(), false), Fitness.defaults(), List.of());
        RunState state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(42).withIslands(1)));
        ProgramResult baseline = measured(Origin.baseline(EvolutionRun.BASELINE_ID), PARENT_SLICE, 1000);
        state.land(baseline);
        state.built(new BuiltProgram(baseline.id(), temp.resolve("run/programs/g0-baseline/kit"), Duration.ZERO,
                Duration.ZERO));
        for (ProgramResult r : landed) {
            state.land(r);
        }
        ProfileStage profiles = new ProfileStage(plan, state, new Profiling(plan), note -> { },
                RunListener.CONSOLE, "[test]");
        Cascade cascade = new Cascade(plan, state, new Proposer(plan, state, profiles, notes::add), profiles,
                w -> unit -> {
                    units.add(unit);
                    return faster(unit);
                }, plan.fitness());
        Program parent = Program.of(baseline.id(), null, 0, 0, baseline.slice(), baseline.metrics(), baseline.fitness());
        return cascade.evaluate(new Slot("g2-c2", 2, 0, parent, baseline, 0, List.of(), List.of()), workspace);
    }

    private static ProgramResult measured(Origin origin, String slice, double level) {
        List<Map<String, Double>> runs = runs(level, 5);
        return new ProgramResult(origin, new Outcome(origin.parentId() == null ? Status.BASELINE : Status.IMPROVED,
                null), slice, Program.sha256(slice), new Measured(Cascade.medians(runs), runs,
                Ratio.unity(EvolutionRun.BASELINE_ID), Ratio.unity(EvolutionRun.BASELINE_ID), List.of(), null), 0.5,
                null, null, Timings.NONE, List.of());
    }

    private static List<Map<String, Double>> runs(double level, int n) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ops = level * (1 + 0.001 * i);
            out.add(Map.of(Cascade.THROUGHPUT, ops, Cascade.P99, 1e6 / ops));
        }
        return out;
    }

    private static UnitResult faster(EvaluationUnit unit) {
        int n = unit.plan().repeats();
        return new UnitResult(unit.id(), List.of(
                ProgramRun.measured(unit.programs().get(0).id(), unit.programs().get(0).directory().resolve("kit"), 7, 3,
                        runs(1500, n)),
                ProgramRun.measured(unit.programs().get(1).id(), unit.programs().get(1).kit(), 0, 0, runs(1000, n))),
                11);
    }

    private static ProgramResult earlier(String id, int generation) {
        return measured(new Origin(id, generation, EvolutionRun.BASELINE_ID, 0), FASTER, 1200);
    }

    @Test
    void aReplyReproducingAnEarlierProgramIsAskedAgainHotterAndToldSoAndTheNewCodeIsBuilt() throws IOException {
        replies.add(GOOD_DIFF);
        replies.add(OTHER_DIFF);

        ProgramResult result = evaluate(1, 1, earlier("g1-c1", 1));

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).temperatureRaise()).isZero();
        assertThat(requests.get(1).key()).isEqualTo(requests.get(0).key().reasked(1));
        assertThat(requests.get(1).key().ordinal()).isEqualTo(requests.get(0).key().ordinal());
        assertThat(requests.get(1).temperatureRaise()).isEqualTo(Proposer.REASK_TEMPERATURE_RAISE);
        assertThat(requests.get(0).user()).doesNotContain("re-ask");
        assertThat(requests.get(1).user()).contains("g2-c2 re-ask 1", "reproduces the code of g1-c1",
                "propose a different change");
        assertThat(notes).singleElement().asString().isEqualTo("g2-c2: the reply reproduces the code of g1-c1;"
                + " asking again (re-ask 1 of 1, told so, sampled +0.4 hotter where the model takes a temperature)");
        assertThat(result.status()).isEqualTo(Status.IMPROVED);
        assertThat(result.slice()).isEqualTo("int work() { return 3; }\n");
        assertThat(result.attempts()).contains("re-ask 1: the reply reproduces the code of g1-c1");
        assertThat(units).hasSize(1);
    }

    @Test
    void aReplyThatChangesNothingIsAskedAgain() throws IOException {
        replies.add(NO_CHANGE);
        replies.add(OTHER_DIFF);

        ProgramResult result = evaluate(1, 1);

        assertThat(requests).hasSize(2);
        assertThat(notes).singleElement().asString()
                .startsWith("g2-c2: the reply changes nothing (the code of its parent g0-baseline); asking again");
        assertThat(result.status()).isEqualTo(Status.IMPROVED);
    }

    @Test
    void theReasksAreBoundedAndTheDuplicateStandsWhenTheyRepeatToo() throws IOException {
        replies.add(GOOD_DIFF);
        replies.add(GOOD_DIFF);
        replies.add(GOOD_DIFF);

        ProgramResult result = evaluate(2, 1, earlier("g1-c1", 1));

        assertThat(requests).hasSize(3);
        assertThat(requests.get(2).key().reask()).isEqualTo(2);
        assertThat(requests.get(2).temperatureRaise()).isEqualTo(2 * Proposer.REASK_TEMPERATURE_RAISE);
        assertThat(result.status()).isEqualTo(Status.DUPLICATE);
        assertThat(result.reason()).startsWith("same code as g1-c1;");
        assertThat(units).isEmpty();
    }

    @Test
    void withNoReasksConfiguredTheDuplicateIsNotAskedAgain() throws IOException {
        replies.add(GOOD_DIFF);

        ProgramResult result = evaluate(0, 1, earlier("g1-c1", 1));

        assertThat(requests).hasSize(1);
        assertThat(notes).isEmpty();
        assertThat(result.status()).isEqualTo(Status.DUPLICATE);
    }

    @Test
    void anOfflineReaskWithNoAnswerLeavesTheDuplicateAsItWas() throws IOException {
        replies.add(GOOD_DIFF);
        replies.add(new MissingAnswerException("offline replay: no response for key {...,\"reask\":1}"));

        ProgramResult result = evaluate(1, 1, earlier("g1-c1", 1));

        assertThat(requests).hasSize(2);
        assertThat(result.status()).isEqualTo(Status.DUPLICATE);
        assertThat(result.attempts()).anySatisfy(a -> assertThat(a).startsWith("re-ask 1: no answer: offline replay"));
        assertThat(notes).last().asString().startsWith("g2-c2: re-ask 1 got no answer, the duplicate stands");
    }

    @Test
    void evaluatedAtOnceACandidateSeesOnlyEarlierGenerationsSoItsReasksDoNotDependOnWhoFinishedFirst()
            throws IOException {
        replies.add(GOOD_DIFF);

        // g2-c1 of its own generation has that code: with parallelism it may or may not have landed yet.
        ProgramResult result = evaluate(1, 2, earlier("g2-c1", 2));

        assertThat(requests).hasSize(1);
        assertThat(result.status()).isEqualTo(Status.DUPLICATE);
    }
}
