package dev.aiopt.junit.internal.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code aiopt.sandbox}, {@code aiopt.env.pass} and {@code aiopt.limit.*} are checked when an experiment is
 * planned, with the fix.
 */
class SandboxConfigurationTest {
    @TempDir
    Path outputs;

    @Experiment(generations = 1, candidatesPerGeneration = 1, tracks = Track.BASELINE,
            offlineResponses = AiOptExtensionTest.RESPONSES)
    @EvolveBlock(root = AiOptExtensionTest.TINY_ROOT, file = "tiny.cc")
    @Build(value = AiOptExtensionTest.BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class Fixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void anUnknownSandboxModeIsAConfigurationErrorNamingTheKeyAndTheValues() {
        assertThat(failures("aiopt.sandbox", "chroot")).anyMatch(m -> m.contains("aiopt.sandbox is 'chroot', "
                + "which is not a sandbox mode: use auto, bwrap or off") && m.contains("junit-platform.properties"));
    }

    @Test
    void passingASecretNamedVariableIsRefusedByName() {
        assertThat(failures("aiopt.env.pass", "CXX, OPENAI_API_KEY")).anyMatch(m -> m.contains(
                "aiopt.env.pass lists OPENAI_API_KEY, which is named like a secret"));
    }

    @Test
    void aLimitBelowItsMinimumIsAConfigurationErrorNamingTheKey() {
        assertThat(failures("aiopt.limit.processes", "4")).anyMatch(m -> m.contains(
                "aiopt.limit.processes must be at least 8 (a build needs a few), not 4"));
        assertThat(failures("aiopt.limit.fileBytes", "4096")).anyMatch(m -> m.contains(
                "aiopt.limit.fileBytes must be at least 1 MiB (1048576), not 4096"));
    }

    private List<String> failures(String key, String value) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixture.class))
                .configurationParameter("aiopt.outputDir", outputs.toString())
                .configurationParameter(key, value)
                .execute().allEvents().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
                .flatMap(java.util.Optional::stream).map(t -> String.valueOf(t.getMessage())).toList();
    }
}
