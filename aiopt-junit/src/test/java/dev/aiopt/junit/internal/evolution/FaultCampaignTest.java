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
import dev.aiopt.junit.Verify;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The fault campaign of issue 13 on the deterministic target of {@link ResumeTest} (build, verify, bench, model
 * replay, journal): a run in another JVM is killed with SIGKILL at N random moments, resumed each time, then run
 * to the end; and a run stopped with SIGTERM (Ctrl-C, an IDE's stop button) resumes. Afterwards the user's tree
 * is byte-identical, no process of the run is alive, every planned candidate landed exactly once, the run's own
 * recording replays to the same lineage, no temporary file is left outside {@code target/}, and the lineage
 * equals an uninterrupted run's. N is {@code -DfaultCampaign.kills} (default 2); {@code scripts/fault-campaign.sh N}
 * runs it and prints the kill moments, resume times and hashes.
 */
class FaultCampaignTest {
    static final Path BASE = Path.of("target", "fault-campaign").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS = Integer.getInteger("faultCampaign.kills", 2);
    // Long enough for every kill to land inside the run: a kill every one or two candidates.
    private static final int GENERATIONS = Math.max(3, KILLS / 2);
    private static Path replay;
    private static List<String> expected;
    // How long the uninterrupted run worked; every kill comes within a share of it, so that all kills land
    // inside the run however fast the machine is (a fixed delay let a quick CI machine finish first).
    private static long straightMillis;

    @Experiment(generations = 3, candidatesPerGeneration = 2, maxAttempts = 1, tracks = Track.BASELINE, seed = 7)
    @EvolveBlock(root = ResumeTest.ROOT, file = "det.cc")
    @Build(value = "g++ -O1 det.cc -o detbench", timeoutSeconds = 60)
    @Verify(value = "./detbench | grep -q ops/sec", timeoutSeconds = 30)
    @Bench(value = "fillrandom", command = "./detbench", repeats = 5, warmups = 0, timeoutSeconds = 30)
    static class CampaignFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    /** Runs the fixture: {@code args} = output dir, replay dir, and optionally a run dir to resume. */
    public static void main(String[] args) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(CampaignFixture.class))
                .configurationParameter("aiopt.outputDir", args[0])
                .configurationParameter("aiopt.model", "replay:" + args[1])
                .configurationParameter("aiopt.islands", "2")
                .configurationParameter("aiopt.generations", System.getProperty("faultCampaign.generations", "3"));
        if (args.length > 2) {
            request.configurationParameter("aiopt.resume", args[2]);
        }
        request.execute();
    }

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        Workspace.deleteRecursively(BASE);
        replay = Files.createDirectories(BASE.resolve("replay"));
        ResumeTest.writeRecording(replay.resolve("exchanges.jsonl"));
        Path straight = BASE.resolve("straight");
        System.setProperty("faultCampaign.generations", String.valueOf(GENERATIONS));
        long t0 = System.nanoTime();
        main(new String[] {straight.toString(), replay.toString()});
        straightMillis = (System.nanoTime() - t0) / 1_000_000;
        expected = ResumeTest.lineage(runJson(runDirectory(straight)));
        assertThat(expected).hasSize(1 + 2 * GENERATIONS);
    }

    @Test
    void sigtermEndsTheRunCleanlyAndItResumes() throws Exception {
        Path out = BASE.resolve("sigterm");
        Process jvm = start(out, null, BASE.resolve("sigterm.log"));
        // Wait until a command of the run is running after the baseline landed, then SIGTERM.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !(landed(out) >= 1 && !phase(jvm).equals("jvm"))) {
            assertThat(jvm.isAlive()).as("the run ended before it could be stopped").isTrue();
            Thread.sleep(10);
        }
        String phase = phase(jvm);
        List<ProcessHandle> children = jvm.descendants().toList();
        jvm.destroy(); // SIGTERM
        assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).as("the JVM ended after SIGTERM").isTrue();
        Thread.sleep(2000);
        assertThat(children).as("commands the run had started (%s)", phase).noneMatch(ProcessHandle::isAlive);
        Path runDir = runDirectory(out);
        List<String> landedSoFar = landedIds(runDir);
        assertThat(landedSoFar).as("what the stopped run landed is a prefix of the uninterrupted lineage")
                .isEqualTo(expected.stream().map(l -> l.substring(0, l.indexOf(' '))).toList()
                        .subList(0, landedSoFar.size()));

        Process resumed = start(out, runDir, BASE.resolve("sigterm-resume.log"));
        assertThat(resumed.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(ResumeTest.lineage(runJson(runDir))).as("stopped during %s, then resumed", phase)
                .isEqualTo(expected);
    }

    @Test
    void aRunKilledAtRandomMomentsEndsWithTheUninterruptedLineage() throws Exception {
        int kills = KILLS;
        long seed = Long.getLong("faultCampaign.seed", System.nanoTime());
        Random random = new Random(seed);
        Path out = BASE.resolve("campaign");
        Path tree = Path.of(ResumeTest.ROOT);
        String treeBefore = hash(tree);
        Set<String> tmpBefore = tmpEntries();
        List<String> notes = new ArrayList<>();
        // A killed attempt keeps at most its delay of progress, so kills * budget < straightMillis leaves work
        // for the last kill to interrupt, with a factor of two for a faster machine later in the campaign.
        int budget = (int) Math.max(200, straightMillis / (2L * kills));
        notes.add("fault campaign: " + kills + " kills, seed " + seed + ", load " + loadAverage()
                + ", uninterrupted run " + straightMillis + " ms, kill delay < " + budget + " ms");
        notes.add("tree sha256 before: " + treeBefore);
        Set<Long> started = new HashSet<>();
        int done = 0;
        for (int attempt = 1; done < kills; attempt++) {
            Path runDir = runDirectory(out);
            boolean resume = runDir != null && Files.exists(runDir.resolve(EvolutionRun.JOURNAL));
            if (!resume) {
                Workspace.deleteRecursively(out);
            }
            int before = resume ? landed(out) : 0;
            long t0 = System.nanoTime();
            Process jvm = start(out, resume ? runDir : null, BASE.resolve("campaign-" + attempt + ".log"));
            started.add(jvm.pid());
            // The kill comes at a random moment after the run started working (its first command or journal
            // line): a kill during the JVM's start-up would test little.
            long delay = random.nextInt(budget);
            long active = -1;
            long firstLanding = -1;
            String phase = "jvm";
            List<ProcessHandle> children = new ArrayList<>();
            while (jvm.isAlive() && (active < 0 || (System.nanoTime() - t0) / 1_000_000 < active + delay)) {
                if (active < 0 && (!jvm.descendants().findAny().isEmpty() || landed(out) > before)) {
                    active = (System.nanoTime() - t0) / 1_000_000;
                }
                if (firstLanding < 0 && landed(out) > before) {
                    firstLanding = (System.nanoTime() - t0) / 1_000_000;
                }
                phase = phase(jvm);
                jvm.descendants().forEach(children::add);
                Thread.sleep(5);
            }
            if (!jvm.isAlive()) {
                notes.add(String.format(Locale.ROOT, "attempt %d: finished before its kill", attempt));
                break;
            }
            jvm.destroyForcibly(); // SIGKILL
            jvm.waitFor(30, TimeUnit.SECONDS);
            done++;
            notes.add(String.format(Locale.ROOT, "kill %d at %d ms (first command %d ms) during %s, %d landed (%s;"
                    + " first new landing %s ms after start)", done, active + delay, active, phase, landed(out),
                    resume ? "resumed" : "fresh", firstLanding < 0 ? "-" : String.valueOf(firstLanding)));
            Thread.sleep(2000);
            assertThat(children).as("processes of the killed JVM 2 s after kill %d", done)
                    .noneMatch(ProcessHandle::isAlive);
        }
        assertThat(done).as("kills that landed inside the run; %s", notes).isEqualTo(kills);
        Path runDir = runDirectory(out);
        if (runDir == null || !Files.exists(runDir.resolve(EvolutionRun.JOURNAL))) {
            Workspace.deleteRecursively(out);
        }
        long t0 = System.nanoTime();
        Process last = start(out, runDirectory(out), BASE.resolve("campaign-final.log"));
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        notes.add("final resume ran to the end in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        runDir = runDirectory(out);

        assertThat(ResumeTest.lineage(runJson(runDir))).as("lineage after the campaign").isEqualTo(expected);
        List<String> ids = landedIds(runDir);
        assertThat(ids).as("every planned candidate landed exactly once").doesNotHaveDuplicates()
                .hasSize(expected.size());
        assertThat(plannedIds(runDir)).as("planned candidates").allMatch(ids::contains);
        String treeAfter = hash(tree);
        notes.add("tree sha256 after:  " + treeAfter);
        assertThat(treeAfter).as("the user's tree, byte for byte").isEqualTo(treeBefore);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(out.toString()))).as("processes of the run still alive").isEmpty();
        assertThat(started).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        Set<String> tmpAfter = tmpEntries();
        tmpAfter.removeAll(tmpBefore);
        assertThat(tmpAfter).as("temporary files of the run outside target/")
                .noneMatch(n -> n.contains("aiopt") || n.contains("detbench") || n.contains("journal"));

        // The run's own recording (exchanges.jsonl) replays to the same lineage.
        Path again = BASE.resolve("replayed");
        main(new String[] {again.toString(), runDir.toString()});
        assertThat(ResumeTest.lineage(runJson(runDirectory(again)))).as("the campaign's recording replayed")
                .isEqualTo(expected);
        notes.add("lineage: " + String.join(" | ", expected));
        Files.write(BASE.resolve("campaign-notes.txt"), notes, StandardCharsets.UTF_8);
        notes.forEach(System.out::println);
    }

    private static Process start(Path out, Path resume, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-DfaultCampaign.generations=" + GENERATIONS, FaultCampaignTest.class.getName(),
                out.toString(), replay.toString()));
        if (resume != null) {
            command.add(resume.toString());
        }
        return new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    // What the JVM is doing: one of its commands, else the model, journal or run file (the JVM alone).
    private static String phase(Process jvm) {
        List<String> lines = jvm.descendants().map(p -> p.info().commandLine().orElse("")).toList();
        for (String[] stage : new String[][] {{"cc1plus", "build"}, {"g++", "build"}, {"grep -q", "verify"},
                {"| grep", "verify"}, {"coz", "profile"}, {"detbench", "bench"}}) {
            if (lines.stream().anyMatch(l -> l.contains(stage[0]))) {
                return stage[1];
            }
        }
        return lines.isEmpty() ? "jvm" : "command";
    }

    private static int landed(Path out) throws IOException {
        Path runDir = runDirectory(out);
        return runDir == null ? 0 : landedIds(runDir).size();
    }

    private static List<String> landedIds(Path runDir) throws IOException {
        return journal(runDir, "landed").stream().map(n -> n.path("result").path("origin").path("id").asText(
                n.path("result").path("id").asText())).toList();
    }

    private static List<String> plannedIds(Path runDir) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode plan : journal(runDir, "plan")) {
            plan.findValues("id").forEach(id -> ids.add(id.asText()));
        }
        return ids.stream().filter(id -> id.matches("g\\d+-c\\d+")).distinct().toList();
    }

    private static List<JsonNode> journal(Path runDir, String type) throws IOException {
        Path file = runDir.resolve(EvolutionRun.JOURNAL);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("{\"type\":\"" + type + "\"") && line.endsWith("}")) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    static Path runDirectory(Path out) throws IOException {
        Path base = out.resolve("CampaignFixture").resolve("baseline");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(base)) {
            return runs.findFirst().orElse(null);
        }
    }

    private static JsonNode runJson(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve("run.json").toFile());
    }

    static String hash(Path tree) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(tree.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Set<String> tmpEntries() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new HashSet<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
