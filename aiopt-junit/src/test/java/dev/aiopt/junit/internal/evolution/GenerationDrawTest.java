package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A generation's draw ({@code RunState.draw}): its slots never all get the same program while the islands hold
 * another, the draw is the same for the same seed, and every slot's island is its parent's.
 */
class GenerationDrawTest {
    private static final String SOURCE = "// EVOLVE-BLOCK-START\nint work() { return 1; }\n// EVOLVE-BLOCK-END\n";
    private static final String BASELINE = "int work() { return 1; }\n";

    private static ExperimentPlan plan(long seed, int islands, int candidates) {
        Model unused = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                throw new AssertionError("a draw asks no model");
            }

            @Override
            public String describe() {
                return "unused";
            }
        };
        Commands commands = new Commands("true", Duration.ofSeconds(5), Optional.empty(), Duration.ofSeconds(5),
                "./bench", "fillrandom", List.of("bench"), Duration.ofSeconds(5), Optional.empty(), "auto",
                "ops_per_sec", "p99_us");
        return new ExperimentPlan("draw", Track.BASELINE, SliceLocator.locate("x.cc", SOURCE, SliceSpec.markers()),
                new SearchSettings(3, candidates, Double.NaN, seed, islands, 1, 1, SearchSettings.Reply.DIFF),
                new MeasurementSettings(commands, 5, 0, Isolation.off()),
                new ProfilingSettings(ProfilingSettings.When.OFF, Duration.ofSeconds(1), List.of(), Optional.empty(),
                        Optional.empty()),
                new ModelSetup(unused, Ledger.fromConfig(key -> Optional.empty())),
                new RunSettings(Path.of("tree"), Path.of("run"), Optional.empty(), false), Fitness.defaults(),
                List.of());
    }

    private static ProgramResult result(String id, String parent, int island, String slice, double fitness) {
        Map<String, Double> metrics = Map.of(Cascade.THROUGHPUT, 1000.0, Cascade.P99, 2.0);
        Origin origin = parent == null ? Origin.baseline(id) : new Origin(id, 1, parent, island);
        return new ProgramResult(origin, new Outcome(parent == null ? Status.BASELINE : Status.IMPROVED, null), slice,
                Program.sha256(slice), new Measured(metrics, List.of(metrics), Ratio.unity(EvolutionRun.BASELINE_ID),
                        Ratio.unity(EvolutionRun.BASELINE_ID), List.of(), null), fitness, null, null, Timings.NONE,
                List.of());
    }

    // The baseline and, on island 0, one measured child of it: generation 2 is drawn next.
    private static RunState afterOneChild(long seed, int islands) {
        RunState state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(seed).withIslands(islands)));
        state.land(result(EvolutionRun.BASELINE_ID, null, 0, BASELINE, 0.5), new RunJournal.DatabaseEntry(null, 0, true));
        state.land(result("g1-c1", EvolutionRun.BASELINE_ID, 0, "int work() { return 2; }\n", 0.6),
                new RunJournal.DatabaseEntry(EvolutionRun.BASELINE_ID, 0, true));
        return state;
    }

    private static List<String> parentCode(RunState.Draw draw) {
        return draw.slots().stream().map(s -> s.parent().codeSha256()).toList();
    }

    @Test
    void twoSlotsOnOneIslandGetBothProgramsWhicheverTheSeed() {
        for (long seed = 1; seed <= 200; seed++) {
            RunState.Draw draw = afterOneChild(seed, 1).draw(2, plan(seed, 1, 2));

            assertThat(parentCode(draw)).as("seed %d", seed).doesNotHaveDuplicates();
        }
    }

    @Test
    void aSlotWhoseIslandHoldsOnlyCodeDrawnAlreadyTakesTheNextIslandThatHoldsOther() {
        for (long seed = 1; seed <= 200; seed++) {
            // Island 1 holds only its copy of the baseline; island 0 holds the baseline and g1-c1.
            RunState.Draw draw = afterOneChild(seed, 2).draw(2, plan(seed, 2, 2));

            assertThat(parentCode(draw)).as("seed %d", seed).doesNotHaveDuplicates();
            assertThat(draw.slots()).allSatisfy(s -> assertThat(s.island()).isEqualTo(s.parent().island()));
        }
    }

    @Test
    void moreSlotsThanProgramsRepeatOnlyOnceEveryProgramHasBeenDrawn() {
        RunState.Draw draw = afterOneChild(5, 1).draw(2, plan(5, 1, 4));

        assertThat(parentCode(draw).subList(0, 2)).doesNotHaveDuplicates();
        assertThat(parentCode(draw).stream().distinct()).hasSize(2);
    }

    @Test
    void withOnlyTheBaselineEverySlotGetsIt() {
        RunState state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(42).withIslands(2)));
        state.land(result(EvolutionRun.BASELINE_ID, null, 0, BASELINE, 0.5), new RunJournal.DatabaseEntry(null, 0, true));

        RunState.Draw draw = state.draw(1, plan(42, 2, 2));

        assertThat(parentCode(draw)).containsOnly(Program.sha256(BASELINE));
        assertThat(draw.slots()).extracting(Slot::island).containsExactly(0, 1);
    }

    @Test
    void theSameSeedDrawsTheSameGeneration() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            afterOneChild(seed, 2).draw(2, plan(seed, 2, 3)).saved().forEach(s -> first.add(s.toString()));
            afterOneChild(seed, 2).draw(2, plan(seed, 2, 3)).saved().forEach(s -> second.add(s.toString()));
        }

        assertThat(first).isEqualTo(second);
    }
}
