package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.model.Budget;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.model.PriceTable;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The propose stage's seams to the prompt and the model: the experiment's task in every prompt, the block
 * convention in the system prompt, a truncated reply re-asked with twice the output limit (both calls in the
 * ledger), a whitespace-tolerant match kept in the record and said in the next prompt, and a prompt shrunk to
 * the model's token budget and said so.
 */
class ProposerTest {
    private static final String SOURCE = "int before;\n// EVOLVE-BLOCK-START\nint work() {\n  return 1;\n}\n"
            + "// EVOLVE-BLOCK-END\nint after;\n";
    private static final String SLICE = "int work() {\n  return 1;\n}\n";

    @TempDir
    Path temp;

    private final Deque<ModelReply> replies = new LinkedList<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Ledger ledger = new Ledger(Budget.unlimited(), PriceTable.fromConfig(key -> Optional.empty()));

    private Model model() {
        return new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                requests.add(request);
                return replies.removeFirst();
            }

            @Override
            public String describe() {
                return "scripted";
            }
        };
    }

    private ProgramResult propose(PromptSettings prompt, ProgramResult parent, List<Program> top) throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("x.cc"), SOURCE);
        Commands commands = new Commands("true", Duration.ofSeconds(5), Optional.empty(), Duration.ofSeconds(5),
                "./bench", "fillrandom", List.of("bench"), Duration.ofSeconds(5), Optional.empty(), "auto",
                "ops_per_sec", "p99_us");
        ExperimentPlan plan = new ExperimentPlan("proposer", Track.BASELINE,
                SliceLocator.locate("x.cc", SOURCE, SliceSpec.markers()),
                new SearchSettings(1, 1, Double.NaN, 42, 1, 2, 1, SearchSettings.Reply.DIFF),
                new MeasurementSettings(commands, 5, 0, Isolation.off()),
                new ProfilingSettings(ProfilingSettings.When.OFF, Duration.ofSeconds(1), List.of(), Optional.empty(),
                        Optional.empty()),
                new ModelSetup(ledger.meter(model()), ledger), prompt,
                new RunSettings(tree, temp.resolve("run"), Optional.empty(), false), Fitness.defaults(), List.of());
        RunState state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(42).withIslands(1)));
        state.land(parent);
        ProfileStage profiles = new ProfileStage(plan, state, new Profiling(plan), note -> { },
                RunListener.CONSOLE, "[test]");
        Proposer proposer = new Proposer(plan, state, profiles, notes::add);
        Program p = Program.of(parent.id(), parent.parentId(), parent.generation(), 0, parent.slice(), parent.metrics(),
                parent.fitness());
        Proposal proposal = proposer.propose(new Slot("g1-c1", 1, 0, p, parent, 0, List.of(), top),
                Workspace.create(tree, temp.resolve("workspace")));
        return proposal.slice() == null
                ? ProgramResult.failed(new Origin("g1-c1", 1, parent.id(), 0), proposal.failure(), proposal.reason(),
                        null, null, null, proposal.timings(), proposal.rejected())
                : ProgramResult.failed(new Origin("g1-c1", 1, parent.id(), 0), Status.BUILD_FAILED, "not built",
                        proposal.slice(), Program.sha256(proposal.slice()), null, proposal.timings(),
                        proposal.rejected());
    }

    private static ProgramResult baseline(String slice, List<String> attempts) {
        List<Map<String, Double>> runs = List.of(Map.of(Cascade.THROUGHPUT, 1000.0, Cascade.P99, 2.0));
        return new ProgramResult(Origin.baseline(EvolutionRun.BASELINE_ID), new Outcome(Status.BASELINE, null), slice,
                Program.sha256(slice), new Measured(Cascade.medians(runs), runs, Ratio.unity(EvolutionRun.BASELINE_ID),
                        Ratio.unity(EvolutionRun.BASELINE_ID), List.of(), null), 0.5, null, null, Timings.NONE, attempts);
    }

    private static String block(String search, String replace) {
        return "<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
    }

    private static ModelReply reply(String content, long tokensOut, String finish) {
        return new ModelReply(content, "scripted", 10, tokensOut, 0, "", finish);
    }

    @Test
    void thePromptStatesTheExperimentsTaskAndTheSystemPromptTheBlockConvention() throws Exception {
        replies.add(reply(block("  return 1;\n", "  return 2;\n"), 20, "stop"));
        propose(new PromptSettings("Keep every key readable after a crash.", OptionalInt.empty()),
                baseline(SLICE, List.of()), List.of());

        assertThat(requests.get(0).user()).contains("Keep every key readable after a crash.")
                .doesNotContain("acknowledged write").doesNotContain(PromptSettings.GENERIC_TASK);
        assertThat(requests.get(0).system()).contains(DiffApplier.CONVENTION);
    }

    @Test
    void withoutATaskThePromptStatesTheGenericRule() throws Exception {
        replies.add(reply(block("  return 1;\n", "  return 2;\n"), 20, "stop"));
        propose(PromptSettings.generic(), baseline(SLICE, List.of()), List.of());

        assertThat(requests.get(0).user()).contains(PromptSettings.GENERIC_TASK).doesNotContain("durable");
    }

    @Test
    void aTruncatedReplyIsAskedAgainWithTwiceTheOutputLimitAndBothCallsAreCounted() throws Exception {
        replies.add(reply("I will change\n<<<<<<< SEARCH\n  return 1;\n", 4096, "length"));
        replies.add(reply(block("  return 1;\n", "  return 2;\n"), 300, "stop"));

        ProgramResult result = propose(PromptSettings.generic(), baseline(SLICE, List.of()), List.of());

        assertThat(result.slice()).isEqualTo("int work() {\n  return 2;\n}\n");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).maxOutputTokens()).isEmpty();
        assertThat(requests.get(1).maxOutputTokens()).hasValue(8192);
        assertThat(ledger.snapshot().calls()).hasSize(2);
        assertThat(ledger.snapshot().tokensOut()).isEqualTo(4096 + 300);
        assertThat(ledger.snapshot().calls().get(0).outcome()).contains("truncated");
        assertThat(result.attempts()).singleElement().asString().contains("up to 8192 tokens");
    }

    @Test
    void aWhitespaceTolerantMatchIsRecordedAndTheNextPromptSaysSo() throws Exception {
        // SEARCH without its indentation and with trailing spaces: applied, re-indented, noted.
        replies.add(reply(block("return 1;   \n", "return 2;\n"), 20, "stop"));
        ProgramResult child = propose(PromptSettings.generic(), baseline(SLICE, List.of()), List.of());

        assertThat(child.slice()).isEqualTo("int work() {\n  return 2;\n}\n");
        assertThat(child.attempts()).singleElement().asString().startsWith("reply 1: block 1 of 1")
                .contains(Proposer.TOLERANCE);

        // A candidate drawn on that program is told how its parent's reply was applied.
        requests.clear();
        replies.add(reply(block("  return 2;\n", "  return 3;\n"), 20, "stop"));
        propose(PromptSettings.generic(), baseline(child.slice(), child.attempts()), List.of());
        assertThat(requests.get(0).user()).contains("The reply that produced the current program was applied with"
                + " whitespace tolerance");
    }

    @Test
    void aPromptOverTheModelsTokenBudgetIsShrunkAndSaysSo() throws Exception {
        List<Program> top = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String code = "int work() {\n" + ("  int pad" + i + " = 0;\n").repeat(120) + "  return 1;\n}\n";
            top.add(Program.of("g0-top" + i, null, 0, 0, code, Map.of(Cascade.THROUGHPUT, 900.0 + i), 0.4));
        }
        replies.add(reply(block("  return 1;\n", "  return 2;\n"), 20, "stop"));
        propose(new PromptSettings(PromptSettings.GENERIC_TASK, OptionalInt.of(2000)), baseline(SLICE, List.of()), top);

        int chars = requests.get(0).system().length() + requests.get(0).user().length();
        assertThat(chars).isLessThanOrEqualTo(2000 * PromptSettings.CHARS_PER_TOKEN);
        assertThat(notes).singleElement().asString().startsWith("g1-c1 request 1: prompt shrunk to fit"
                + " aiopt.context.baseline = 2000 tokens").contains("left out ").contains("top program");

        // Without a budget the same prompt keeps every top program.
        requests.clear();
        notes.clear();
        replies.add(reply(block("  return 1;\n", "  return 2;\n"), 20, "stop"));
        propose(PromptSettings.generic(), baseline(SLICE, List.of()), top);
        assertThat(requests.get(0).user()).contains("g0-top0", "g0-top1", "g0-top2");
        assertThat(notes).isEmpty();
    }
}
