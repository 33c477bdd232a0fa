package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Budgets inside the loop: a token, a money and a wall-clock cap each stop a run at the candidate where the
 * budget is spent, serially and with parallel candidates, also when the run is killed (SIGKILL, another JVM)
 * and resumed: what the killed session spent is in the run's journal and still counts. The model is a recording
 * whose every reply costs 100 prompt and 50 completion tokens, on the deterministic target of {@link ResumeTest}.
 */
class BudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long TOKENS_IN = 100;
    static final long TOKENS_OUT = 50;

    @Experiment(generations = 2, candidatesPerGeneration = 3, maxAttempts = 1, tracks = Track.BASELINE, seed = 11)
    @EvolveBlock(root = ResumeTest.ROOT, file = "det.cc")
    @Build(value = "g++ -O1 det.cc -o detbench", timeoutSeconds = 60)
    @Bench(value = "fillrandom", command = "./detbench", repeats = 3, warmups = 0, timeoutSeconds = 30)
    static class BudgetFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** Runs the fixture: {@code args} = output dir, replay dir, then {@code key=value} configuration. */
    public static void main(String[] args) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BudgetFixture.class))
                .configurationParameter("aiopt.outputDir", args[0])
                .configurationParameter("aiopt.model", "replay:" + args[1])
                .configurationParameter("aiopt.islands", "1");
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            request.configurationParameter(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        request.execute();
    }

    @Test
    void aTokenCapStopsTheRunAtTheCandidateThatWouldStartAfterIt(@TempDir Path dir) throws Exception {
        Path replay = recording(dir);
        // 150 tokens a call: after g1-c1 and g1-c2 300 of 250 are used, so g1-c3 does not start.
        main(new String[] {dir.resolve("out").toString(), replay.toString(), "aiopt.budget.tokens=250"});
        JsonNode run = runJson(dir.resolve("out"));
        assertThat(ids(run)).containsExactly("g0-baseline", "g1-c1", "g1-c2");
        assertThat(run.at("/ledger/tokensIn").asLong() + run.at("/ledger/tokensOut").asLong()).isEqualTo(300);
        assertThat(run.path("stopReason").asText()).contains("token budget reached: 300 of 250 tokens");
        assertThat(run.path("champion").isMissingNode()).as("the champion is still re-measured").isFalse();
        assertThat(runDirectory(dir.resolve("out")).resolve("report.html")).exists();
    }

    @Test
    void withParallelCandidatesAQueuedCandidateDoesNotStartOnceTheBudgetIsSpent(@TempDir Path dir) throws Exception {
        Path replay = recording(dir);
        // g1-c1 and g1-c2 start at once (both in flight: 300 tokens); g1-c3 waits for a workspace and then must
        // see that the 250 are spent.
        main(new String[] {dir.resolve("out").toString(), replay.toString(), "aiopt.budget.tokens=250",
                "aiopt.parallelism=2"});
        JsonNode run = runJson(dir.resolve("out"));
        assertThat(ids(run)).containsExactly("g0-baseline", "g1-c1", "g1-c2");
        assertThat(run.at("/ledger/calls").size()).isEqualTo(2);
    }

    @Test
    void aMoneyCapCountsPricedCallsAndStopsTheRun(@TempDir Path dir) throws Exception {
        Path replay = recording(dir);
        // $1000 per million tokens each way: $0.15 a call; after two calls $0.30 of $0.25 are spent.
        main(new String[] {dir.resolve("out").toString(), replay.toString(), "aiopt.budget.usd=0.25",
                "aiopt.prices=recorded=1000/1000"});
        JsonNode run = runJson(dir.resolve("out"));
        assertThat(ids(run)).containsExactly("g0-baseline", "g1-c1", "g1-c2");
        assertThat(run.at("/ledger/costUsd").asDouble()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run.path("stopReason").asText()).contains("money budget reached: $0.3000 of $0.2500");
    }

    @Test
    void aWallClockCapStopsTheRunBeforeTheFirstCandidateOnceSpent(@TempDir Path dir) throws Exception {
        Path replay = recording(dir);
        // The baseline alone (a g++ build and three benchmark runs) takes longer than 1 ms.
        main(new String[] {dir.resolve("out").toString(), replay.toString(), "aiopt.budget.wallClock=1ms"});
        JsonNode run = runJson(dir.resolve("out"));
        assertThat(ids(run)).containsExactly("g0-baseline");
        assertThat(run.path("stopReason").asText()).contains("wall-clock budget reached");
        assertThat(run.at("/ledger/calls").size()).isZero();
    }

    @Test
    void aTokenCapHoldsAcrossAKillAndAResume(@TempDir Path dir) throws Exception {
        Path replay = recording(dir);
        Path out = dir.resolve("out");
        Path runDir = killAfterFirstCandidate(dir, out, replay, "aiopt.budget.tokens=250");
        main(new String[] {out.toString(), replay.toString(), "aiopt.budget.tokens=250", "aiopt.resume=" + runDir});
        JsonNode run = runJson(out);
        // A ledger that forgot the killed session would allow three more calls.
        assertThat(ids(run)).containsExactly("g0-baseline", "g1-c1", "g1-c2");
        assertThat(run.at("/ledger/tokensIn").asLong() + run.at("/ledger/tokensOut").asLong()).isEqualTo(300);
        assertThat(run.path("stopReason").asText()).contains("token budget reached");
        // g1-c2 was asked before the kill; the resumed session reused the recorded answer and did not pay twice.
        assertThat(run.at("/ledger/calls").size()).isEqualTo(2);
        assertThat(recordedKeys(runDir)).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aWallClockCapHoldsAcrossAKillAndAResume(@TempDir Path dir) throws Exception {
        Path replay = recording(dir);
        Path out = dir.resolve("out");
        Path runDir = killAfterFirstCandidate(dir, out, replay);
        long spent = journalledWallClock(runDir);
        java.util.Set<String> begunBefore = begun(runDir);
        assertThat(spent).as("the killed session's wall clock, journalled").isGreaterThan(0);
        // Resumed with a wall-clock budget of exactly what the killed session used: nothing more may start (a
        // ledger that restarted at zero would run the remaining candidates).
        main(new String[] {out.toString(), replay.toString(), "aiopt.budget.wallClock=" + spent + "ms",
                "aiopt.resume=" + runDir});
        JsonNode run = runJson(out);
        assertThat(run.path("stopReason").asText()).contains("wall-clock budget reached");
        // What had begun before the kill finishes; nothing else starts.
        assertThat(ids(run)).as("nothing started after the resume").containsExactlyInAnyOrderElementsOf(begunBefore)
                .contains("g0-baseline", "g1-c1").hasSizeLessThan(7);
        assertThat(run.at("/ledger/wallClockMillis").asLong()).isGreaterThanOrEqualTo(spent);
        assertThat(runDirectory(out).resolve("report.html")).exists();
    }

    private static Path killAfterFirstCandidate(Path dir, Path out, Path replay, String... config) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), BudgetTest.class.getName(), out.toString(),
                replay.toString()));
        command.addAll(List.of(config));
        Process jvm = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path runDir = null;
        while (System.nanoTime() < deadline) {
            runDir = runDirectory(out);
            // The baseline and g1-c1 landed, and g1-c2 is asked: its answer recorded and paid for (its build and
            // benchmark, seconds long, give the kill its moment).
            if (runDir != null && landed(runDir) >= 2 && recordedKeys(runDir).size() >= 2 && spent(runDir) >= 2) {
                break;
            }
            assertThat(jvm.isAlive()).as("the JVM to be killed ended on its own").isTrue();
            Thread.sleep(20);
        }
        jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no final write
        jvm.waitFor(30, TimeUnit.SECONDS);
        assertThat(runDir).isNotNull();
        assertThat(landed(runDir)).as("killed mid-run").isBetween(2, 3);
        assertThat(runDir.resolve("run.json")).as("run.json of the killed session").exists();
        return runDir;
    }

    static Path recording(Path dir) throws IOException {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        StringBuilder out = new StringBuilder();
        for (int cost = 100; cost >= 1; cost--) {
            String slice = CostReplies.slice(ResumeTest.ROOT, "det.cc", cost);
            for (int ordinal = 0; ordinal < 12; ordinal++) {
                ObjectNode node = CostReplies.exchange(slice, ordinal, cost, Math.max(1, cost - (ordinal % 5 + 1)));
                ((ObjectNode) node.get("response")).put("tokens_in", TOKENS_IN).put("tokens_out", TOKENS_OUT);
                out.append(CostReplies.line(node));
            }
        }
        Files.writeString(replay.resolve("exchanges.jsonl"), out.toString(), StandardCharsets.UTF_8);
        return replay;
    }

    static List<String> ids(JsonNode run) {
        List<String> ids = new ArrayList<>();
        run.path("candidates").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    // The keys recorded so far; a line a kill cut (no newline yet, not a whole JSON object) is not a record.
    static List<String> recordedKeys(Path runDir) throws IOException {
        List<String> keys = new ArrayList<>();
        Path file = runDir.resolve("exchanges.jsonl");
        if (!Files.exists(file)) {
            return keys;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.endsWith("}")) {
                keys.add(JSON.readTree(line).path("key").toString());
            }
        }
        return keys;
    }

    private static long journalledWallClock(Path runDir) throws IOException {
        long max = 0;
        for (String line : Files.readAllLines(runDir.resolve(EvolutionRun.JOURNAL))) {
            if (line.endsWith("}") && line.contains("\"wallClockMillis\"")) {
                max = Math.max(max, JSON.readTree(line).path("wallClockMillis").asLong());
            }
        }
        return max;
    }

    // The programs that landed or began (journal lines "landed" and "started") in a run's sessions so far.
    private static java.util.Set<String> begun(Path runDir) throws IOException {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(runDir.resolve(EvolutionRun.JOURNAL))) {
            if (!line.endsWith("}")) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (node.path("type").asText().equals("landed")) {
                ids.add(node.at("/result/origin/id").asText());
            } else if (node.path("type").asText().equals("started")) {
                ids.add(node.path("candidate").asText());
            }
        }
        return ids;
    }

    // Landed programs, the baseline included (run.json is rewritten only between generations).
    static int landed(Path runDir) throws IOException {
        Path journal = runDir.resolve(EvolutionRun.JOURNAL);
        if (!Files.exists(journal)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(journal)) {
            return (int) lines.filter(l -> l.startsWith("{\"type\":\"landed\"") && l.endsWith("}")).count();
        }
    }

    // Model calls the run's journal billed ("spent" lines).
    private static int spent(Path runDir) throws IOException {
        Path journal = runDir.resolve(EvolutionRun.JOURNAL);
        if (!Files.exists(journal)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(journal)) {
            return (int) lines.filter(l -> l.startsWith("{\"type\":\"spent\"") && l.endsWith("}")).count();
        }
    }

    static Path runDirectory(Path output) throws IOException {
        Path base = output.resolve("BudgetFixture").resolve("baseline");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(base)) {
            return runs.findFirst().orElse(null);
        }
    }

    static JsonNode runJson(Path output) throws IOException {
        return JSON.readTree(runDirectory(output).resolve("run.json").toFile());
    }
}
