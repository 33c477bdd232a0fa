package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The calibration before generation 1: its rules with fakes (which length, how many repeats, what when none reaches
 * the power), and end to end with a real g++ build of a benchmark whose noise and duration are its arguments.
 */
class CalibrationTest {
    static final String ROOT = "src/test/resources/evolution/calibtarget";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class Choosing {
        @Test
        void theSteadyShortLengthBeatsTheNoisyShortOneAndTheSteadyLongOne() {
            List<Calibration.Measured> measured = List.of(lengthOf("short noisy", 0.30, 0.05),
                    lengthOf("short steady", 0.01, 0.1), lengthOf("long steady", 0.01, 1.0));
            Calibration.Choice choice = Calibration.choose(measured, CalibrationSettings.defaults(), 1, 3);

            assertThat(choice.length()).isEqualTo("short steady");
            assertThat(choice.reached()).isTrue();
            assertThat(choice.repeats()).as("1% noise needs the smallest first look").isEqualTo(3);
            Calibration.Option noisy = choice.options().get(0);
            assertThat(noisy.power()).as("30% noise cannot see 5% within 12 repeats").isLessThan(0.8);
            assertThat(noisy.repeats()).isEqualTo(12);
            assertThat(choice.options().get(2).secondsPerDecision())
                    .as("the same repeats cost ten times the time at ten times the length")
                    .isGreaterThan(5 * choice.chosen().secondsPerDecision());
            assertThat(choice.describe().get(0)).startsWith("calibration: short steady with 3 repeats a side (up to 9)")
                    .contains("a 5% drop is detected with simulated power");
        }

        @Test
        void moreNoiseNeedsMoreRepeatsAndALongerButSteadierLengthCanWin() {
            // 6% CV at 1 s a run against 2% at 2.5 s: variance falls by 9, duration grows by 2.5.
            List<Calibration.Measured> measured = List.of(lengthOf("--num=1", 0.06, 1.0), lengthOf("--num=2", 0.02, 2.5));
            Calibration.Choice choice = Calibration.choose(measured, CalibrationSettings.defaults(), 1, 5);

            assertThat(choice.options().get(0).repeats()).isGreaterThan(choice.options().get(1).repeats());
            assertThat(choice.length()).isEqualTo("--num=2");
            assertThat(choice.describe()).anyMatch(l -> l.contains("--num=2:") && l.endsWith("<- chosen"));
        }

        @Test
        void whenNoLengthReachesThePowerTheMostPowerfulIsUsedAndTheLineSaysSo() {
            List<Calibration.Measured> measured = List.of(lengthOf("a", 0.6, 0.1), lengthOf("b", 0.15, 0.1));
            Calibration.Choice choice = Calibration.choose(measured, new CalibrationSettings(8, 0.05, 0.8, 4), 0, 7);

            assertThat(choice.reached()).isFalse();
            assertThat(choice.length()).isEqualTo("b");
            assertThat(choice.repeats()).isEqualTo(4);
            assertThat(choice.describe().get(0)).contains("BELOW the 80% aimed for")
                    .contains("aiopt.calibration.maxRepeats");
        }

        @Test
        void theRepeatsGridIsFineAtFirstAndEndsAtTheCap() {
            assertThat(Calibration.repeatsGrid(12)).containsExactly(3, 4, 5, 6, 8, 10, 12);
            assertThat(Calibration.repeatsGrid(20)).containsExactly(3, 4, 5, 6, 8, 10, 12, 15, 19, 20);
            assertThat(Calibration.repeatsGrid(2)).containsExactly(2);
        }

        // Twelve runs of log-normal noise of the given CV around 1e6 ops/sec, a fixed seed.
        private Calibration.Measured lengthOf(String length, double cv, double seconds) {
            Random random = new Random(length.hashCode());
            List<Map<String, Double>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                runs.add(Map.of(Cascade.THROUGHPUT, 1e6 * Math.exp(cv * random.nextGaussian())));
            }
            return new Calibration.Measured(length, runs, seconds);
        }
    }

    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 1, tracks = Track.BASELINE, seed = 7)
    @EvolveBlock(root = ROOT, file = "calib.cc")
    @Build(value = "g++ -O1 calib.cc -o calib", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./calib", repeats = 5, warmups = 0, timeoutSeconds = 30,
            lengths = {"--noise=0.30 --ms=20", "--noise=0.01 --ms=60", "--noise=0.01 --ms=600"})
    static class CalibratedFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void theRunMeasuresEachLengthUsesTheChosenOneForEveryCandidateAndKeepsItWhenResumed(@TempDir Path dir)
            throws Exception {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        writeHalvingReply(replay.resolve("exchanges.jsonl"));
        Path out = dir.resolve("out");
        String console = run(out, replay, null);

        Path runDir = runDirectory(out);
        JsonNode calibration = JSON.readTree(runDir.resolve(Calibration.FILE).toFile());
        assertThat(calibration.path("length").asText()).isEqualTo("--noise=0.01 --ms=60");
        assertThat(calibration.path("repeats").asInt()).isEqualTo(3);
        assertThat(calibration.path("options")).hasSize(3);
        assertThat(console).contains("calibration: --noise=0.01 --ms=60 with 3 repeats a side (up to 9)")
                .contains("--noise=0.30 --ms=20: ").contains("<- chosen").contains("A/A pair ratio spread")
                .contains("Mann-Whitney at 3 and 6 a side, paired signed-rank at 9 pairs");
        for (int i = 1; i <= 3; i++) {
            Path length = runDir.resolve("programs/g0-baseline/calibration/length-" + i);
            assertThat(length.resolve("warmup")).isDirectory();
            // aiopt.calibration.runs = 6: three rounds of an A/A pair, two runs back to back
            assertThat(length.resolve("round-3")).isDirectory();
            assertThat(length.resolve("round-4")).doesNotExist();
            try (Stream<Path> files = Files.list(length.resolve("round-3"))) {
                assertThat(files.map(f -> f.getFileName().toString())).contains("run1-g0-baseline.stdout.txt", "run2-g0-baseline.stdout.txt");
            }
        }
        // In rounds: the last length's first run comes before the first length's second.
        Path calibrationDir = runDir.resolve("programs/g0-baseline/calibration");
        assertThat(Files.getLastModifiedTime(calibrationDir.resolve("length-3/round-1")))
                .isLessThanOrEqualTo(Files.getLastModifiedTime(calibrationDir.resolve("length-1/round-2")));
        JsonNode runJson = JSON.readTree(runDir.resolve("run.json").toFile());
        assertThat(runJson.path("notes").toString()).contains("calibration: --noise=0.01 --ms=60");
        JsonNode candidate = runJson.path("candidates").get(1);
        // Twice as fast under 1% noise: the ranks separate completely, but 3 a side cannot reach the first look's
        // alpha (Mann-Whitney's smallest p is 0.1), so the decision comes at the second batch of 3.
        assertThat(candidate.path("status").asText()).isEqualTo("IMPROVED");
        assertThat(candidate.path("runs").size()).as("a candidate's runs come in the calibrated batches of 3, not"
                + " @Bench(repeats = 5)").isEqualTo(6);

        // Resumed: the choice is read back, nothing is measured again.
        String resumed = run(dir.resolve("out"), replay, runDir);
        assertThat(resumed).contains("(resumed: the choice of calibration.json)")
                .contains("calibration: --noise=0.01 --ms=60 with 3 repeats");
    }

    // The one reply the run asks for: the slice's cost halved (twice the ops/sec, half the p99).
    private static void writeHalvingReply(Path file) throws Exception {
        String slice = CostReplies.slice(ROOT, "calib.cc", 100);
        Files.writeString(file, CostReplies.line(CostReplies.exchange(slice, 0, 100, 50)), StandardCharsets.UTF_8);
    }

    private static String run(Path out, Path replay, Path resume) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(CalibratedFixture.class))
                .configurationParameter("aiopt.outputDir", out.toString())
                .configurationParameter("aiopt.model", "replay:" + replay)
                .configurationParameter("aiopt.calibration.runs", "6");
        if (resume != null) {
            request.configurationParameter("aiopt.resume", resume.toString());
        }
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            request.execute().testEvents().assertStatistics(s -> s.failed(0));
        } finally {
            System.setOut(before);
        }
        String console = bytes.toString(StandardCharsets.UTF_8);
        before.print(console);
        return console;
    }

    private static Path runDirectory(Path out) throws Exception {
        try (Stream<Path> runs = Files.list(out.resolve("CalibratedFixture").resolve("baseline"))) {
            return runs.findFirst().orElseThrow();
        }
    }
}
