package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.model.ReplayModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Recordings that replay after a crash: a run recording a live (mock HTTP) model is killed with SIGKILL in
 * another JVM mid-candidate and resumed; its recording holds one exchange per key (the candidate the kill
 * interrupted reuses its recorded answer instead of asking again), and replaying the run directory offline
 * gives the same lineage, on the deterministic target of {@link ResumeTest}.
 */
class CrashReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CURRENT_COST = Pattern.compile("## Current program.*?kCost = (\\d+);", Pattern.DOTALL);

    /** Runs {@link BudgetTest.BudgetFixture}: {@code args} = output dir, then {@code key=value} configuration. */
    public static void main(String[] args) {
        var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BudgetTest.BudgetFixture.class))
                .configurationParameter("aiopt.outputDir", args[0])
                .configurationParameter("aiopt.islands", "1");
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            request.configurationParameter(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        request.execute();
    }

    @Test
    void aRecordingKilledMidCandidateResumesWithOneRecordPerKeyAndReplaysToTheSameLineage(@TempDir Path dir)
            throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger session = new AtomicInteger(); // 0: the JVM to be killed, 1: this one, resuming
        Object askLock = new Object(); // held by the kill: no answer is given while the kill point is checked
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    int from = session.get();
                    synchronized (askLock) {
                        if (from != session.get()) { // asked by the killed JVM, never answered
                            return new MockResponse.Builder().code(503).build();
                        }
                        return answer(request, asked.incrementAndGet());
                    }
                }
            });
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
            String[] live = {"aiopt.model.baseline=mock-coder", "aiopt.apiBase.baseline=" + server.url("/v1")};
            Path out = dir.resolve("recorded");

            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), CrashReplayTest.class.getName(),
                    out.toString()));
            command.addAll(List.of(live));
            Process jvm = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
            Path runDir = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean killed = false;
            while (!killed && System.nanoTime() < deadline) {
                runDir = BudgetTest.runDirectory(out);
                synchronized (askLock) {
                    // Killed mid-candidate with its answer recorded: the baseline and g1-c1 landed, a candidate
                    // that has not landed holds a record (the baseline asks nothing), and every answer given is
                    // recorded (none is in flight: the lock holds back any other).
                    if (runDir != null && BudgetTest.landed(runDir) >= 2
                            && BudgetTest.recordedKeys(runDir).size() == asked.get()
                            && asked.get() >= BudgetTest.landed(runDir)) {
                        jvm.destroyForcibly();
                        jvm.waitFor(30, TimeUnit.SECONDS);
                        session.incrementAndGet();
                        killed = true;
                    }
                }
                if (!killed) {
                    assertThat(jvm.isAlive()).as("the JVM to be killed ended on its own").isTrue();
                    Thread.sleep(20);
                }
            }
            assertThat(killed).as("killed with an answer recorded for a candidate that had not landed").isTrue();
            int landedAtKill = BudgetTest.landed(runDir);
            assertThat(BudgetTest.recordedKeys(runDir)).as("recorded at the kill").hasSize(asked.get())
                    .hasSizeGreaterThanOrEqualTo(landedAtKill);
            assertThat(landedAtKill).as("killed mid-run").isBetween(2, 6);

            List<String> resume = new ArrayList<>(List.of(out.toString(), "aiopt.resume=" + runDir));
            resume.addAll(List.of(live));
            main(resume.toArray(String[]::new));
            JsonNode recorded = BudgetTest.runJson(out);
            assertThat(BudgetTest.ids(recorded)).hasSize(7);

            List<String> keys = BudgetTest.recordedKeys(runDir);
            assertThat(keys).as("one record per key in " + runDir.resolve("exchanges.jsonl")).doesNotHaveDuplicates();
            assertThat(asked.get()).as("the model was asked once per recorded key: the interrupted candidate's"
                    + " answer was reused").isEqualTo(keys.size());
            assertThat(ReplayModel.fromPath(runDir).size()).isEqualTo(keys.size());

            Path replayed = dir.resolve("replayed");
            main(new String[] {replayed.toString(), "aiopt.model=replay:" + runDir});
            assertThat(lineage(BudgetTest.runJson(replayed))).as("the recorded run replayed offline")
                    .isEqualTo(lineage(recorded));
            assertThat(asked.get()).as("the replay asked no live model").isEqualTo(keys.size());
            for (String line : Files.readAllLines(BudgetTest.runDirectory(replayed).resolve("exchanges.jsonl"))) {
                assertThat(JSON.readTree(line).path("replayed").asBoolean()).as("a replayed exchange: %s", line)
                        .isTrue();
            }
        }
    }

    // The current program's kCost lowered by 1 to 5, by how many requests came before: an answer for every prompt.
    private static MockResponse answer(RecordedRequest request, int number) {
        try {
            JsonNode body = JSON.readTree(request.getBody().utf8());
            String user = body.at("/messages").get(body.at("/messages").size() - 1).path("content").asText();
            Matcher m = CURRENT_COST.matcher(user);
            if (!m.find()) {
                return new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"no kCost\"}}").build();
            }
            int cost = Integer.parseInt(m.group(1));
            String content = "Lower the cost.\n<<<<<<< SEARCH\nstatic const int kCost = " + cost
                    + ";\n=======\nstatic const int kCost = " + Math.max(1, cost - (number % 5 + 1))
                    + ";\n>>>>>>> REPLACE\n";
            ObjectNode reply = JSON.createObjectNode().put("id", "chatcmpl-" + number).put("object", "chat.completion")
                    .put("model", "mock-coder");
            ObjectNode choice = reply.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            reply.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50).put("total_tokens", 150);
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(JSON.writeValueAsString(reply)).build();
        } catch (Exception e) {
            return new MockResponse.Builder().code(500).body(String.valueOf(e)).build();
        }
    }

    private static List<String> lineage(JsonNode run) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : run.path("candidates")) {
            out.add(c.path("id").asText() + " <- " + c.path("parentId").asText() + " " + c.path("status").asText()
                    + " " + c.path("fitness").asText() + " " + c.path("sliceSha256").asText());
        }
        return out;
    }
}
