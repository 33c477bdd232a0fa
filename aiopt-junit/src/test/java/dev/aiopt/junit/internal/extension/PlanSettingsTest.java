package dev.aiopt.junit.internal.extension;

import static dev.aiopt.junit.internal.extension.AiOptExtensionTest.BUILD;
import static dev.aiopt.junit.internal.extension.AiOptExtensionTest.TINY_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.evolution.ExperimentPlan;
import dev.aiopt.junit.internal.evolution.PromptSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the factory resolves for the prompt and the budget: the experiment's task (annotation, {@code aiopt.task}
 * as text or {@code file:}), the prompt token budget per track ({@code aiopt.context.<family>}, the profiler
 * track falling back to the baseline's), and with {@code -Dtrack=all} an equal share of the configured budget.
 */
class PlanSettingsTest {
    @Experiment(generations = 1, candidatesPerGeneration = 1, task = "Keep every acknowledged key readable.",
            offlineResponses = "extension/truncated-responses.jsonl")
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class TaskFixture {
    }

    @Experiment(generations = 1, candidatesPerGeneration = 1, offlineResponses = "extension/truncated-responses.jsonl")
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class PlainFixture {
    }

    @Experiment(generations = 1, candidatesPerGeneration = 1, offlineResponses = "extension/truncated-responses.jsonl",
            executor = "slurm")
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class SlurmFixture {
    }

    @Experiment(generations = 1, candidatesPerGeneration = 1, offlineResponses = "extension/truncated-responses.jsonl",
            executor = "pbs")
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class UnknownExecutorFixture {
    }

    @TempDir
    Path temp;

    @Test
    void theExecutorComesFromTheAnnotationAndAiOptExecutorOverridesIt() {
        assertThat(plan(PlainFixture.class, Track.BASELINE, Map.of()).run().slurm()).isEmpty();
        ExperimentPlan slurm = plan(SlurmFixture.class, Track.BASELINE, Map.of("aiopt.slurm.partition", "batch"));
        assertThat(slurm.run().slurm()).hasValueSatisfying(s -> assertThat(s.partition()).hasValue("batch"));
        assertThat(slurm.settings()).filteredOn(setting -> setting.key().equals("aiopt.executor"))
                .singleElement().satisfies(setting -> {
                    assertThat(setting.value()).isEqualTo("slurm");
                    assertThat(setting.source()).isEqualTo("@Experiment(executor)");
                });
        assertThat(plan(SlurmFixture.class, Track.BASELINE, Map.of("aiopt.executor", "local")).run().slurm()).isEmpty();
        assertThat(plan(PlainFixture.class, Track.BASELINE, Map.of("aiopt.executor", "slurm")).run().slurm())
                .isPresent();
        assertThatThrownBy(() -> plan(UnknownExecutorFixture.class, Track.BASELINE, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("aiopt.executor")
                .hasMessageContaining("'pbs'");
    }

    private ExperimentPlan plan(Class<?> fixture, Track track, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("aiopt.outputDir", temp.resolve("out").toString());
        return new ExperimentFactory(fixture, key -> Optional.ofNullable(config.get(key))).plan(track);
    }

    @Test
    void theTaskComesFromTheAnnotationAndAiOptTaskOverridesItAsTextOrFile() throws Exception {
        assertThat(plan(TaskFixture.class, Track.BASELINE, Map.of()).prompt().task())
                .isEqualTo("Keep every acknowledged key readable.");
        assertThat(plan(PlainFixture.class, Track.BASELINE, Map.of()).prompt().task())
                .isEqualTo(PromptSettings.GENERIC_TASK);
        assertThat(plan(TaskFixture.class, Track.BASELINE, Map.of("aiopt.task", "Keep the output bytes equal."))
                .prompt().task()).isEqualTo("Keep the output bytes equal.");
        Path file = Files.writeString(temp.resolve("task.txt"), "  Keep the log replayable.\n");
        assertThat(plan(PlainFixture.class, Track.BASELINE, Map.of("aiopt.task", "file:" + file)).prompt().task())
                .isEqualTo("Keep the log replayable.");
        assertThatThrownBy(() -> plan(PlainFixture.class, Track.BASELINE,
                Map.of("aiopt.task", "file:" + temp.resolve("missing.txt"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("aiopt.task")
                .hasMessageContaining("missing.txt").hasMessageContaining("cannot be read");
    }

    @Test
    void thePromptTokenBudgetIsPerTrackFamilyAndTheProfilerFallsBackToTheBaselines() {
        assertThat(plan(PlainFixture.class, Track.BASELINE, Map.of()).prompt().maxPromptTokens()).isEmpty();
        Map<String, String> context = Map.of("aiopt.context.baseline", "8192", "aiopt.context.gpt5", "100000");
        assertThat(plan(PlainFixture.class, Track.BASELINE, context).prompt().maxPromptTokens()).hasValue(8192);
        assertThat(plan(PlainFixture.class, Track.PROFILER, context).prompt().maxPromptTokens()).hasValue(8192);
        assertThat(plan(PlainFixture.class, Track.GPT5_PROFILER, context).prompt().maxPromptTokens()).hasValue(100000);
        assertThatThrownBy(() -> plan(PlainFixture.class, Track.BASELINE, Map.of("aiopt.context.baseline", "8k")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("aiopt.context.baseline")
                .hasMessageContaining("whole number of tokens");
        assertThatThrownBy(() -> plan(PlainFixture.class, Track.BASELINE, Map.of("aiopt.context.baseline", "100")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("too small");
    }

    @Test
    void withAllTracksEachTrackGetsAnEqualShareOfTheConfiguredBudget() {
        Map<String, String> budget = Map.of("aiopt.track", "all", "aiopt.budget.tokens", "1000",
                "aiopt.budget.usd", "2", "aiopt.budget.wallClock", "40m");
        ExperimentPlan plan = plan(PlainFixture.class, Track.GPT5, budget);
        assertThat(plan.model().ledger().budget().maxTokens()).hasValue(250);
        assertThat(plan.model().ledger().budget().maxUsd()).hasValue(0.5);
        assertThat(plan.model().ledger().budget().maxWallClock()).hasValue(java.time.Duration.ofMinutes(10));
        assertThat(plan.model().ledger().budget().describe()).contains("250 tokens").contains("$0.5000")
                .contains("600.0 s wall clock").contains("1/4 of the configured budget");

        Map<String, String> one = new HashMap<>(budget);
        one.put("aiopt.track", "gpt5");
        assertThat(plan(PlainFixture.class, Track.GPT5, one).model().ledger().budget().maxTokens()).hasValue(1000);
    }
}
