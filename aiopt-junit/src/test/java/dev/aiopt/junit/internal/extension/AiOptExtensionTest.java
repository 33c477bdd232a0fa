package dev.aiopt.junit.internal.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.slice.Slice;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs experiment classes through the Jupiter engine against a tiny C++ target
 * ({@code src/test/resources/extension/tinytarget/tiny.cc}) and an offline recording made for it
 * ({@code extension/tiny-responses.jsonl}): real builds and benchmarks, about a second each.
 */
class AiOptExtensionTest {
    static final String TINY_ROOT = "src/test/resources/extension/tinytarget";
    static final String RESPONSES = "extension/tiny-responses.jsonl";
    static final String BUILD = "g++ -std=c++17 -O2 tiny.cc -o tinybench";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path outputs;

    // The main run is shared by the tests that read its events and its run.json.
    static EngineExecutionResults main;
    static JsonNode mainRun;
    static String tinySourceBefore;

    /**
     * Two generations of two candidates. Generation 1: c1's first reply does not apply, the re-ask applies a real
     * speed-up; c2's two replies do not apply. Generation 2: every reply does not compile. minFitness is out of
     * reach.
     */
    @Experiment(generations = 2, candidatesPerGeneration = 2, maxAttempts = 2, minFitness = 5.0, tracks = Track.BASELINE,
            offlineResponses = RESPONSES)
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=10000", repeats = 5, warmups = 1,
            timeoutSeconds = 30)
    static class MainFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** The main fixture's first reply does not apply, and there is no second attempt: the run finds nothing. */
    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 1, minFitness = 0.6, tracks = Track.BASELINE,
            offlineResponses = RESPONSES)
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=10000", repeats = 2, warmups = 0,
            timeoutSeconds = 30)
    static class NothingFoundFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** Every track twice, one candidate each: the known speed-up on the re-ask, then the tournament. */
    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 2, replicates = 2,
            offlineResponses = RESPONSES)
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = BUILD, timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", args = "--num=10000", repeats = 3, warmups = 0,
            timeoutSeconds = 30)
    static class AllTracksFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Experiment(generations = 1, candidatesPerGeneration = 1, offlineResponses = RESPONSES)
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(value = "g++ -std=c++17 -O2 no-such-file.cc -o tinybench", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./tinybench", repeats = 2, warmups = 0, timeoutSeconds = 30)
    static class BrokenBuildFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Experiment(tracks = Track.BASELINE, offlineResponses = RESPONSES)
    @EvolveBlock(root = TINY_ROOT, file = "tiny.cc")
    @Build(BUILD)
    @Bench(value = "fillrandom", command = "./tinybench")
    static class BaselineOnlyFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Experiment(offlineResponses = RESPONSES)
    @EvolveBlock(file = "tiny.cc")
    @Build(BUILD)
    @Bench(value = "fillrandom", command = "./tinybench")
    static class NoRootFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @BeforeAll
    static void runMainFixture() throws IOException {
        List<String> aiOptEnvironment = System.getenv().keySet().stream().filter(k -> k.startsWith("AI_OPT_")).sorted()
                .toList();
        assumeTrue(aiOptEnvironment.isEmpty(), () -> "the environment sets " + aiOptEnvironment
                + ", which override the fixtures' annotations; unset them to run these tests");
        tinySourceBefore = Program.sha256(Files.readString(Path.of(TINY_ROOT, "tiny.cc")));
        main = execute(MainFixture.class, Map.of(), Map.of());
        mainRun = JSON.readTree(runJson("MainFixture").toFile());
    }

    /**
     * Runs {@code fixture} with only the given {@code aiopt.*} system properties set (a {@code -Dtrack} or
     * {@code -Daiopt.*} of the surrounding build must not leak in), restoring them afterwards.
     */
    static EngineExecutionResults execute(Class<?> fixture, Map<String, String> parameters, Map<String, String> system) {
        Properties saved = new Properties();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("aiopt.") || name.equals("track")) {
                saved.setProperty(name, System.getProperty(name));
                System.clearProperty(name);
            }
        }
        system.forEach(System::setProperty);
        try {
            var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                    .configurationParameter("aiopt.outputDir", outputs.toString())
                    .configurationParameter("aiopt.islands", "1");
            parameters.forEach(request::configurationParameter);
            return request.execute();
        } finally {
            system.keySet().forEach(System::clearProperty);
            saved.stringPropertyNames().forEach(name -> System.setProperty(name, saved.getProperty(name)));
        }
    }

    static Path runJson(String experiment) throws IOException {
        try (Stream<Path> files = Files.walk(outputs.resolve(experiment))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
            assertThat(found).as("run.json files of " + experiment).hasSize(1);
            return found.get(0);
        }
    }

    static Optional<Event> finished(EngineExecutionResults results, String displayName) {
        return results.allEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName)).findFirst();
    }

    static TestExecutionResult result(EngineExecutionResults results, String displayName) {
        return finished(results, displayName).orElseThrow(() -> new AssertionError("no finished event for '"
                + displayName + "' among " + displayNames(results))).getRequiredPayload(TestExecutionResult.class);
    }

    static List<String> displayNames(EngineExecutionResults results) {
        return results.allEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    static String messageOf(TestExecutionResult result) {
        return result.getThrowable().map(Throwable::getMessage).orElse("");
    }

    static Map<String, JsonNode> candidatesById(JsonNode run) {
        Map<String, JsonNode> byId = new HashMap<>();
        run.get("candidates").forEach(c -> byId.put(c.get("id").asText(), c));
        return byId;
    }

    @Test
    void generationsAndCandidatesHaveReadableNames() {
        assertThat(displayNames(main)).containsSubsequence("AiOptExtensionTest$MainFixture", "evolve(Evolution)", "generation 0 (baseline)",
                "g0-baseline: the unmodified slice", "generation 1", "g1-c1 from g0-baseline", "g1-c2 from g0-baseline",
                "generation 2", "champion re-measured against the baseline, fitness >= 5.0000");
        assertThat(displayNames(main)).filteredOn(n -> n.startsWith("g2-"))
                .hasSize(2)
                .allMatch(n -> n.matches("g2-c[12] from (g0-baseline|g1-c1)"));
    }

    @Test
    void everyDynamicNodeHasTheSliceAsItsSourceSoSurefireDropsTheMethodSignature() throws IOException {
        // Surefire prefixes a dynamic test with the method-sourced nodes above it ("generation 1 evolve(Evolution)
        // g1-c2 ...") unless the test has a source of its own.
        Path tiny = Path.of(TINY_ROOT, "tiny.cc").toAbsolutePath().normalize();
        List<Event> dynamic = main.allEvents().started().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("dynamic-")).toList();
        assertThat(dynamic).hasSizeGreaterThan(6).allSatisfy(e -> assertThat(e.getTestDescriptor().getSource())
                .get().isInstanceOfSatisfying(FileSource.class, source -> {
                    assertThat(source.getFile().toPath()).isEqualTo(tiny);
                    assertThat(source.getPosition()).isPresent();
                }));
    }

    @Test
    void theBaselineAndTheCandidateThatAppliedOnItsSecondAttemptPass() {
        assertThat(result(main, "g0-baseline: the unmodified slice").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(result(main, "g1-c1 from g0-baseline").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void aCandidateWhoseRepliesDoNotApplyIsAbortedWithTheReason() {
        TestExecutionResult result = result(main, "g1-c2 from g0-baseline");

        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(messageOf(result)).startsWith("APPLY_FAILED: no reply applied in 2 attempt(s); last: reply 2: "
                + "block 1 of 1 (reply line 2): the SEARCH text matches nothing in the slice.");
    }

    @Test
    void aCandidateThatDoesNotCompileIsAbortedWithTheCompilerError() {
        List<Event> aborted = main.testEvents().aborted().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("g2-")).toList();

        assertThat(aborted).hasSize(2);
        for (Event event : aborted) {
            String message = messageOf(event.getRequiredPayload(TestExecutionResult.class));
            assertThat(message).startsWith("BUILD_FAILED: build failed (exit 1):").contains("tiny.cc").contains("error");
        }
        assertThat(main.testEvents().aborted().count()).isEqualTo(3);
    }

    @Test
    void aMinFitnessOutOfReachFailsTheChampionTest() {
        TestExecutionResult result = result(main, "champion re-measured against the baseline, fitness >= 5.0000");

        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(messageOf(result)).startsWith("minFitness not reached: the champion ")
                .contains("below minFitness 5.0000 (baseline scores 0.5000)").contains("run.json");
        assertThat(main.testEvents().failed().count()).isEqualTo(1);
        assertThat(main.containerEvents().failed().count()).isZero();
    }

    @Test
    void aRunThatFindsNothingFailsAMinFitnessAboveTheBaselines() {
        EngineExecutionResults results = execute(NothingFoundFixture.class, Map.of(), Map.of());

        TestExecutionResult champion = result(results,
                "champion re-measured against the baseline, fitness >= 0.6000");
        assertThat(champion.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(messageOf(champion)).startsWith("minFitness not reached: the champion g0-baseline scores 0.5000")
                .contains("below minFitness 0.6000 (baseline scores 0.5000)");
    }

    @Test
    void everyTrackRunsItsReplicatesAndTheirChampionsMeetInOneTournament() throws IOException {
        EngineExecutionResults results = execute(AllTracksFixture.class, Map.of("aiopt.bcoz.run", "0"),
                Map.of("track", "all"));

        assertThat(result(results, "tournament of the champions, interleaved with the baseline").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(displayNames(results)).contains("replicate 1 of 2", "replicate 2 of 2");
        List<JsonNode> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(outputs.resolve("AllTracksFixture"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("run.json")).toList()) {
                runs.add(JSON.readTree(p.toFile()));
            }
        }
        assertThat(runs).hasSize(8);
        assertThat(runs.stream().map(r -> r.get("seed").asLong()).distinct()).containsExactlyInAnyOrder(42L, 43L);
        assertThat(runs).allSatisfy(r -> assertThat(r.at("/tournament/throughput/ratio").isNumber()).isTrue());
        List<JsonNode> entrants = runs.stream().filter(r -> r.at("/tournament/programs").asInt() > 0
                && !r.at("/tournament/id").asText().equals("g0-baseline")).toList();
        assertThat(entrants).isNotEmpty().allSatisfy(r -> assertThat(r.at("/tournament/programs").asInt())
                .isEqualTo(entrants.size() + 1));
        String comparison = Files.readString(outputs.resolve("AllTracksFixture/comparison.md"));
        assertThat(comparison).contains("Figures: each run's champion as measured in the final tournament",
                "tournament: champion", "offline replay");
    }

    @Test
    void candidatesPublishReportEntriesFromTheirOwnTest() {
        Map<String, String> entries = new HashMap<>();
        main.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("g1-c2 from g0-baseline"))
                .forEach(e -> entries.putAll(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()));

        assertThat(entries).containsEntry("aiopt.status", "APPLY_FAILED").containsKey("aiopt.reason");
    }

    @Test
    void runJsonRecordsTheRun() {
        assertThat(mainRun.get("experiment").asText()).isEqualTo("MainFixture");
        assertThat(mainRun.get("track").asText()).isEqualTo("baseline");
        assertThat(mainRun.get("offline").asBoolean()).isTrue();
        assertThat(mainRun.at("/baseline/metrics/ops_per_sec").asDouble()).isPositive();
        assertThat(mainRun.at("/baseline/metrics/p99_us").asDouble()).isPositive();

        Map<String, JsonNode> candidates = candidatesById(mainRun);
        assertThat(candidates).containsOnlyKeys("g0-baseline", "g1-c1", "g1-c2", "g2-c1", "g2-c2");
        // The baseline was benchmarked (its runs are its figures): the time it took is in its split.
        assertThat(candidates.get("g0-baseline").at("/timings/bench_ms").asLong()).isPositive();

        JsonNode improved = candidates.get("g1-c1");
        assertThat(improved.get("generation").asInt()).isEqualTo(1);
        assertThat(improved.get("parentId").asText()).isEqualTo("g0-baseline");
        // 2000 -> 1200 iterations: x1.6 or so, decided with 5 interleaved runs each.
        assertThat(improved.get("status").asText()).isEqualTo("IMPROVED");
        assertThat(improved.get("fitness").asDouble()).isGreaterThan(candidates.get("g0-baseline").get("fitness").asDouble());
        // It became island 0's best, so it was re-measured against the baseline; run.json keeps both figures.
        assertThat(improved.at("/comparison/basis").asText()).isEqualTo("direct");
        assertThat(improved.at("/comparison/chained/throughput/ratio").isNumber()).isTrue();
        assertThat(improved.at("/comparison/directRepeats").asInt()).isEqualTo(5);
        assertThat(improved.at("/comparison/throughput/reference").asText()).isEqualTo("g0-baseline");
        assertThat(mainRun.at("/manifest/jvm/version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(mainRun.at("/manifest/build/command").asText()).isEqualTo(BUILD);
        assertThat(mainRun.at("/manifest/seeds/0").asLong()).isEqualTo(42);
        assertThat(mainRun.at("/manifest/machine/loadAtEnd").isObject()).isTrue();
        assertThat(improved.get("reason").asText()).startsWith("vs g0-baseline: throughput x");
        assertThat(improved.at("/metrics/ops_per_sec").isNumber()).isTrue();
        assertThat(improved.at("/metrics/p99_us").isNumber()).isTrue();
        assertThat(improved.get("fitness").isNumber()).isTrue();
        assertThat(improved.get("attempts")).hasSize(1);
        assertThat(improved.get("diff").asText()).contains("-  for (int i = 0; i < 2000; i++) {")
                .contains("+  for (int i = 0; i < 1200; i++) {");

        JsonNode unapplied = candidates.get("g1-c2");
        assertThat(unapplied.get("status").asText()).isEqualTo("APPLY_FAILED");
        assertThat(unapplied.get("reason").asText()).startsWith("no reply applied in 2 attempt(s)");
        assertThat(unapplied.get("metrics").isNull()).isTrue();
        assertThat(unapplied.get("fitness").isNull()).isTrue();
        assertThat(unapplied.get("attempts")).hasSize(2);

        for (String id : List.of("g2-c1", "g2-c2")) {
            JsonNode broken = candidates.get(id);
            assertThat(broken.get("generation").asInt()).isEqualTo(2);
            assertThat(broken.get("parentId").asText()).isIn("g0-baseline", "g1-c1");
            assertThat(broken.get("status").asText()).isEqualTo("BUILD_FAILED");
            assertThat(broken.get("reason").asText()).contains("error");
        }

        assertThat(mainRun.at("/best/id").asText()).isIn("g0-baseline", "g1-c1");
        assertThat(mainRun.at("/best/fitness").isNumber()).isTrue();
        assertThat(mainRun.at("/champion/fitness").isNumber()).isTrue();
        Path runDirectory = outputs.resolve("MainFixture/baseline").resolve(mainRun.get("run").asText());
        assertThat(runDirectory.resolve("best-slice.txt")).exists();
        assertThat(runDirectory.resolve("best.diff")).exists();
    }

    @Test
    void theTargetTreeIsNotWritten() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(TINY_ROOT))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tiny.cc");
        }
        assertThat(Program.sha256(Files.readString(Path.of(TINY_ROOT, "tiny.cc")))).isEqualTo(tinySourceBefore);
    }

    @Test
    void aBaselineThatDoesNotBuildIsAnInfrastructureFault() throws IOException {
        EngineExecutionResults results = execute(BrokenBuildFixture.class, Map.of(), Map.of());

        TestExecutionResult baseline = result(results, "g0-baseline: the unmodified slice");
        assertThat(baseline.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(messageOf(baseline)).startsWith("infrastructure fault: the unmodified program (baseline) fails at BUILD")
                .contains("no-such-file.cc");
        assertThat(displayNames(results)).doesNotContain("generation 1");
        assertThat(JSON.readTree(runJson("BrokenBuildFixture").toFile()).get("stopReason").asText())
                .startsWith("infrastructure fault");
        // A fault writes the report too: the page says why the run stopped.
        Path report = runJson("BrokenBuildFixture").resolveSibling("report.html");
        assertThat(report).isRegularFile();
        assertThat(Files.readString(report)).contains("infrastructure fault");
    }

    @Test
    void theChampionsPatchAppliesWithPatchP1InACopyOfTheTree(@TempDir Path copy) throws Exception {
        Path runDirectory = runJson("MainFixture").getParent();
        Files.copy(Path.of(TINY_ROOT, "tiny.cc"), copy.resolve("tiny.cc"));
        String diff = Files.readString(runDirectory.resolve("best.diff"));
        if (!diff.isEmpty()) { // the best may be the baseline itself, whose patch is empty
            assertThat(diff).startsWith("--- a/tiny.cc\n+++ b/tiny.cc\n");
            Process patch = new ProcessBuilder("patch", "-p1", "-i", runDirectory.resolve("best.diff").toString())
                    .directory(copy.toFile()).redirectErrorStream(true).start();
            String output = new String(patch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(patch.waitFor()).as(output).isZero();
        }
        assertThat(Files.readString(copy.resolve("tiny.cc"))).contains(Files.readString(runDirectory.resolve("best-slice.txt")).strip());
    }

    @Test
    void aTrackTheExperimentDoesNotSupportSkipsTheClassWithTheReason() {
        EngineExecutionResults results = execute(BaselineOnlyFixture.class, Map.of("aiopt.track", "gpt5"), Map.of());

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(BaselineOnlyFixture.class),
                skippedWithReason("track gpt5 is not among BaselineOnlyFixture's tracks [baseline]")));
        assertThat(results.testEvents().started().count()).isZero();
    }

    @Test
    void dashDTrackSelectsTheTrackToo() {
        EngineExecutionResults results = execute(BaselineOnlyFixture.class, Map.of(), Map.of("track", "gpt5_profiler"));

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(BaselineOnlyFixture.class),
                skippedWithReason(r -> r.startsWith("track gpt5_profiler is not among"))));
    }

    @Test
    void noTargetTreeSkipsTheClassWithTheReason() {
        EngineExecutionResults results = execute(NoRootFixture.class, Map.of(), Map.of());

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(NoRootFixture.class),
                skippedWithReason(r -> r.startsWith("no target tree configured: set AI_OPT_ROCKSDB_PATH"))));
    }

    @Test
    void anUnknownAioptKeyFailsTheClassWithTheKnownKeys() {
        EngineExecutionResults results = execute(NoRootFixture.class, Map.of(), Map.of("aiopt.foo", "1"));

        // Reported once, as it is: not wrapped in "Failed to evaluate condition" or a parameter resolution.
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(NoRootFixture.class),
                finishedWithFailure(message(m -> m.startsWith("unknown configuration key aiopt.foo (system property)\nknown keys:")
                        && m.contains("aiopt.track (AI_OPT_TRACK)") && m.contains("aiopt.target.root (AI_OPT_ROCKSDB_PATH)")
                        && m.split("aiopt.target.root \\(", -1).length == 2),
                        instanceOf(ConfigurationException.class))));
        results.allEvents().assertThatEvents().haveExactly(1, finishedWithFailure());
        assertThat(results.testEvents().started().count()).isZero();
        assertThat(System.getProperty("aiopt.foo")).isNull();
    }

    @Test
    void aBadNumberFailsTheExperimentNamingTheKey() {
        EngineExecutionResults results = execute(BaselineOnlyFixture.class, Map.of("aiopt.generations", "three"), Map.of());

        // One failing set-up test with the fault itself, not a "Failed to resolve parameter" wrapper.
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.endsWith("aiopt.generations must be a number, got 'three'")),
                instanceOf(ConfigurationException.class))));
        results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("set-up of BaselineOnlyFixture"),
                finishedWithFailure()));
        assertThat(results.testEvents().started().count()).isOne();
    }

    @Test
    void aMisspelledTrackFailsTheClassWithTheTrackNames() {
        EngineExecutionResults results = execute(BaselineOnlyFixture.class, Map.of(), Map.of("track", "gtp5"));

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(BaselineOnlyFixture.class),
                finishedWithFailure(message(m -> m.contains("unknown track 'gtp5'; use one of baseline, gpt5, profiler, "
                        + "gpt5_profiler (or 'all') (from system property -Dtrack)")))));
    }

    @Test
    void theRecordingAnswersTheTinyTargetsSlices() throws IOException {
        String source = Files.readString(Path.of(TINY_ROOT, "tiny.cc"), StandardCharsets.UTF_8);
        Slice slice = SliceLocator.locate("tiny.cc", source, SliceSpec.markers());
        String faster = slice.text().replace("i < 2000;", "i < 1200;");
        Set<String> parents = new HashSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESPONSES)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                parents.add(JSON.readTree(line).at("/key/parent").asText());
            }
        }

        // When tiny.cc changes, the recording's keys must be made again (see the README beside it).
        assertThat(parents).containsExactlyInAnyOrder(Program.sha256(slice.text()), Program.sha256(faster));
    }
}
