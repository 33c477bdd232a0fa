package dev.aiopt.junit.internal.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.evolution.ExperimentPlan;
import dev.aiopt.junit.internal.evolution.Fitness;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caps, guardrails and replicates reach the plan from @Experiment and keys; unset, the catalogue's defaults. */
class ExperimentFactoryKeysTest {
    @TempDir
    Path outputs;

    @Experiment(maxThroughputLoss = 0.05, latencyCap = 3, replicates = 4, offlineResponses = AiOptExtensionTest.RESPONSES)
    @EvolveBlock(root = AiOptExtensionTest.TINY_ROOT, file = "tiny.cc")
    @Build(AiOptExtensionTest.BUILD)
    @Bench(value = "fillrandom", command = "./tinybench")
    static class GuardedFixture {
    }

    @Experiment(offlineResponses = AiOptExtensionTest.RESPONSES)
    @EvolveBlock(root = AiOptExtensionTest.TINY_ROOT, file = "tiny.cc")
    @Build(AiOptExtensionTest.BUILD)
    @Bench(value = "fillrandom", command = "./tinybench")
    static class PlainFixture {
    }

    private ExperimentFactory factory(Class<?> fixture, Map<String, String> parameters) {
        return new ExperimentFactory(fixture, key -> key.equals("aiopt.outputDir") ? Optional.of(outputs.toString())
                : Optional.ofNullable(parameters.get(key)));
    }

    @Test
    void annotationAttributesAndKeysSetCapsGuardrailsAndReplicates() {
        ExperimentFactory factory = factory(GuardedFixture.class, Map.of("aiopt.cap.throughput", "3.5"));
        Fitness fitness = factory.plan(Track.BASELINE).fitness();

        assertThat(fitness.maxThroughputLoss()).isEqualTo(0.05);
        assertThat(fitness.maxP99Increase()).isNaN();
        assertThat(fitness.latencyCap()).isEqualTo(3.0);
        assertThat(fitness.throughputCap()).isEqualTo(3.5);
        assertThat(factory.replicates()).isEqualTo(4);
        ExperimentPlan third = factory.plan(Track.GPT5, 2);
        assertThat(third.search().seed()).isEqualTo(44);
        assertThat(third.run().directory().getFileName().toString()).endsWith("-seed44");
    }

    @Test
    void unsetTheyAreTheCataloguesDefaults() {
        ExperimentFactory factory = factory(PlainFixture.class, Map.of());

        assertThat(factory.plan(Track.BASELINE).fitness()).isEqualTo(Fitness.defaults());
        assertThat(factory.replicates()).isEqualTo(1);
    }

    @Test
    void aBadGuardrailOrReplicateCountNamesTheKey() {
        assertThatThrownBy(() -> factory(PlainFixture.class, Map.of("aiopt.maxP99Increase", "-1")).plan(Track.BASELINE))
                .hasMessageContaining("maxP99Increase is a fraction >= 0");
        assertThatThrownBy(() -> factory(PlainFixture.class, Map.of("aiopt.replicates", "0")).replicates())
                .hasMessageContaining("aiopt.replicates must be at least 1");
    }
}
