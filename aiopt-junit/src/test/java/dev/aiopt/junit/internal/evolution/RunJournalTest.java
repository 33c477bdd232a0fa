package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.Setting;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: one line per landing, replayed into the same state, and a resume that differs is refused. */
class RunJournalTest {
    private static final String SOURCE = "// EVOLVE-BLOCK-START\nint work() { return 1; }\n// EVOLVE-BLOCK-END\n";

    @TempDir
    Path temp;

    private ExperimentPlan plan(List<Setting> settings, Fitness fitness) {
        Model model = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                throw new AssertionError("no model calls here");
            }

            @Override
            public String describe() {
                return "none";
            }
        };
        Commands commands = new Commands("true", Duration.ofSeconds(5), Optional.empty(), Duration.ofSeconds(5),
                "./bench", "fillrandom", List.of("bench"), Duration.ofSeconds(5), Optional.empty(), "auto",
                "ops_per_sec", "p99_us");
        return new ExperimentPlan("journal", Track.BASELINE, SliceLocator.locate("x.cc", SOURCE, SliceSpec.markers()),
                new SearchSettings(3, 2, Double.NaN, 42, 2, 1, 1, SearchSettings.Reply.DIFF),
                new MeasurementSettings(commands, 3, 0, Isolation.off()),
                new ProfilingSettings(ProfilingSettings.When.OFF, Duration.ofSeconds(1), List.of(), Optional.empty(),
                        Optional.empty()),
                new ModelSetup(model, Ledger.fromConfig(key -> Optional.empty())),
                new RunSettings(temp, temp.resolve("run"), Optional.empty(), true), fitness, settings);
    }

    private static ProgramResult measured(Origin origin, Status status, String slice, double fitness) {
        List<Map<String, Double>> runs = List.of(Map.of(Cascade.THROUGHPUT, 1000 * fitness, Cascade.P99, 10.0),
                Map.of(Cascade.THROUGHPUT, 1001 * fitness, Cascade.P99, 10.1));
        return new ProgramResult(origin, new Outcome(status, null), slice, Program.sha256(slice),
                new Measured(Cascade.medians(runs), runs, Ratio.unity(EvolutionRun.BASELINE_ID),
                        Ratio.unity(EvolutionRun.BASELINE_ID), List.of(), null), fitness, null, null, Timings.NONE, List.of());
    }

    private static final List<Setting> SETTINGS = List.of(new Setting("aiopt.generations", "3", "@Experiment", false),
            new Setting("aiopt.islands", "2", "default", false));

    // The run as the engine journals it: baseline, generation 1's draws, its two candidates landing.
    private RunState journalledRun(ExperimentPlan plan) {
        RunState state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(42).withIslands(2)));
        try (RunJournal journal = RunJournal.create(plan.run().directory(), RunState.header(plan))) {
            ProgramResult baseline = measured(Origin.baseline(EvolutionRun.BASELINE_ID), Status.BASELINE,
                    "int work() { return 1; }\n", 0.5);
            RunJournal.DatabaseEntry initial = new RunJournal.DatabaseEntry(null, 0, true);
            state.land(baseline, initial);
            journal.append(new RunJournal.Landed(baseline, initial));
            RunState.Draw draw = state.draw(1, plan);
            journal.append(new RunJournal.Plan(1, draw.saved()));
            for (Slot slot : draw.slots()) {
                ProgramResult r = measured(Cascade.origin(slot), Status.IMPROVED, "int work() { return "
                        + (slot.island() + 2) + "; }\n", 0.6 + slot.island() / 10.0);
                RunJournal.DatabaseEntry entry = new RunJournal.DatabaseEntry(slot.parent().id(), slot.island(), true);
                state.land(r, entry);
                journal.append(new RunJournal.Landed(r, entry));
            }
        }
        return state;
    }

    @Test
    void replayRebuildsTheSameStateAndTheNextDrawsAreTheSame() {
        ExperimentPlan plan = plan(SETTINGS, Fitness.defaults());
        RunState original = journalledRun(plan);

        RunState replayed = RunState.replay(plan);

        assertThat(replayed.results()).isEqualTo(original.results());
        assertThat(replayed.results()).extracting(ProgramResult::island).containsExactly(0, 0, 1);
        assertThat(replayed.plannedGeneration()).isEqualTo(1);
        assertThat(replayed.plannedSlots()).isEqualTo(original.plannedSlots());
        assertThat(replayed.draw(2, plan).saved()).as("generation 2 draws as the uninterrupted run would")
                .isEqualTo(original.draw(2, plan).saved());
    }

    @Test
    void landingAppendsOneLineWhateverThePopulation() throws IOException {
        ExperimentPlan plan = plan(SETTINGS, Fitness.defaults());
        journalledRun(plan);
        List<String> lines = Files.readAllLines(plan.run().directory().resolve(RunJournal.FILE_NAME));

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("{\"type\":\"header\",\"schema\":1,");
        assertThat(lines.get(2)).startsWith("{\"type\":\"plan\",\"generation\":1,");
        assertThat(lines.get(4)).startsWith("{\"type\":\"landed\"").contains("\"island\":1");
    }

    @Test
    void aLastLineCutShortByAKillIsIgnored() throws IOException {
        ExperimentPlan plan = plan(SETTINGS, Fitness.defaults());
        journalledRun(plan);
        Path file = plan.run().directory().resolve(RunJournal.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(4, lines.get(4).substring(0, 40));
        Files.write(file, lines);

        assertThat(RunState.replay(plan).results()).hasSize(2);
    }

    @Test
    void resumingWithAnotherConfigurationOrFitnessIsRefusedNamingEachDifference() {
        journalledRun(plan(SETTINGS, Fitness.defaults()));
        ExperimentPlan changed = plan(List.of(new Setting("aiopt.generations", "4", "system property", false),
                new Setting("aiopt.resume", "latest", "system property", false)),
                new Fitness(0.5, 0.2, 0.3).withGuardrails(0.05, Double.NaN));

        assertThatThrownBy(() -> RunState.replay(changed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fitness Fitness[throughput=0.3, latency=0.2, causal=0.3, throughputCap=4.0, "
                        + "latencyCap=2.0, maxThroughputLoss=NaN, maxP99Increase=NaN] (now Fitness[throughput=0.5, "
                        + "latency=0.2, causal=0.3, throughputCap=4.0, latencyCap=2.0, maxThroughputLoss=0.05, "
                        + "maxP99Increase=NaN])")
                .hasMessageContaining("aiopt.generations = 3 (now 4)")
                .hasMessageContaining("aiopt.islands = 2 (now (unset))")
                .hasMessageNotContaining("aiopt.resume");
    }
}
