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
import dev.aiopt.junit.internal.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A key this JVM loaded (registered as the model layer registers its key) sits in a key file; the candidate
 * build prints its whole environment, the key file, and a compiler "error" quoting the key and a key-shaped
 * string, then fails. Nothing the run writes or publishes may contain either: every file under the run's
 * output directory, every event message and every report entry is searched.
 */
class NoKeyLeakEndToEndTest {
    static final String KEY = "leaked-key-value-5f0c2a9e7d";
    static final String KEY_SHAPED = "sk-proj-LeakLeakLeak0123456789";
    static final Path KEY_FILE = Path.of("target", "no-key-leak", "key.txt");

    @TempDir
    Path outputs;

    @Experiment(generations = 1, candidatesPerGeneration = 1, tracks = Track.BASELINE,
            offlineResponses = AiOptExtensionTest.RESPONSES)
    @EvolveBlock(root = AiOptExtensionTest.TINY_ROOT, file = "tiny.cc")
    @Build(value = "env; cat \"$AIOPT_BASEDIR/target/no-key-leak/key.txt\"; "
            + "echo \"tiny.cc:1:1: error: key $(cat \"$AIOPT_BASEDIR/target/no-key-leak/key.txt\") or "
            + "sk-proj-$(echo LeakLeakLeak0123456789)\" >&2; exit 1", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class LeakyBuildFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** The same, with a key-shaped string written into the build command itself (the configuration). */
    @Experiment(generations = 1, candidatesPerGeneration = 1, tracks = Track.BASELINE,
            offlineResponses = AiOptExtensionTest.RESPONSES)
    @EvolveBlock(root = AiOptExtensionTest.TINY_ROOT, file = "tiny.cc")
    @Build(value = "echo 'tiny.cc:1:1: error: " + KEY_SHAPED + "' >&2; exit 1", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class KeyInConfigurationFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** A build that prints its whole environment and fails. */
    @Experiment(generations = 1, candidatesPerGeneration = 1, tracks = Track.BASELINE,
            offlineResponses = AiOptExtensionTest.RESPONSES)
    @EvolveBlock(root = AiOptExtensionTest.TINY_ROOT, file = "tiny.cc")
    @Build(value = "env; env >&2; echo 'tiny.cc:1:1: error: printed the environment' >&2; exit 1",
            timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    public static class EnvironmentPrintingFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void keysInTheJvmsEnvironmentNeverReachACandidateNorAnyFile() throws Exception {
        Map<String, String> secrets = Map.of("OPENAI_API_KEY", "envkey-openai-7c1d9e3f0a",
                "GITHUB_TOKEN", "envkey-github-2b8e6d4c1f", "DB_PASSWORD", "envkey-db-9a3f5e7b2d");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = outputs.resolve("jvm-stdout.txt");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LeakRunMain.class.getName(), EnvironmentPrintingFixture.class.getName(), outputs.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(secrets);
        Process jvm = builder.start();
        assertThat(jvm.waitFor(5, TimeUnit.MINUTES)).as("the second JVM finished").isTrue();

        assertThat(log).content().contains("event: infrastructure fault", "build failed (exit 1)", "finished ");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(outputs)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the build printed its environment into its log")
                .filteredOn(p -> p.getFileName().toString().equals("build.stdout.txt")).isNotEmpty()
                .allSatisfy(p -> assertThat(p).content().contains("PATH=", "HOME="));
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            secrets.forEach((name, value) -> {
                if (text.contains(value) || text.contains(name + "=")) {
                    leaks.add(outputs.relativize(file) + " holds " + name);
                }
            });
        }
        assertThat(leaks).as("files (run directory and the JVM's output) holding a secret").isEmpty();
    }

    @Test
    void aKeyPrintedByABuildLandsNowhere() throws IOException {
        assertNoLeak(LeakyBuildFixture.class, "error: key [REDACTED] or [REDACTED]");
    }

    @Test
    void aKeyInTheConfigurationLandsNowhere() throws IOException {
        assertNoLeak(KeyInConfigurationFixture.class, "tiny.cc:1:1: error: [REDACTED]");
    }

    private void assertNoLeak(Class<?> fixture, String maskedBuildError) throws IOException {
        Files.createDirectories(KEY_FILE.getParent());
        Files.writeString(KEY_FILE, KEY + "\n");
        Redactor.register(KEY);

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter("aiopt.outputDir", outputs.toString())
                .configurationParameter("aiopt.islands", "1")
                .execute();

        List<String> published = new ArrayList<>();
        results.allEvents().stream().forEach(event -> {
            event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .ifPresent(t -> published.add(String.valueOf(t.getMessage())));
            event.getPayload(ReportEntry.class).ifPresent(e -> published.add(e.getKeyValuePairs().toString()));
        });
        assertThat(String.join("\n", published)).as("what the run published")
                .contains("error").doesNotContain(KEY, KEY_SHAPED);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(outputs)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the build printed the secrets, masked in its log")
                .filteredOn(p -> p.getFileName().toString().equals("build.stderr.txt")).isNotEmpty()
                .allSatisfy(p -> assertThat(p).content().contains(maskedBuildError));
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            for (String secret : List.of(KEY, KEY_SHAPED)) {
                if (text.contains(secret)) {
                    leaks.add(outputs.relativize(file) + " holds " + secret);
                }
            }
        }
        assertThat(leaks).as("files under the run directory holding a secret").isEmpty();
    }
}
