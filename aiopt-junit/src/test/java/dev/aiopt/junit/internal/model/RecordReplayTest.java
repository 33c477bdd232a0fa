package dev.aiopt.junit.internal.model;

import static dev.aiopt.junit.internal.model.Fixtures.request;
import static dev.aiopt.junit.internal.model.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.Track;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {
    private static final List<ModelRequest> RUN = List.of(
            request("first candidate of the baseline", sha(1), 0),
            request("second candidate of the baseline", sha(1), 1),
            request("child of the first candidate", sha(2), 0));

    @Test
    void replayReproducesARecordedRunExactly(@TempDir Path dir) throws Exception {
        Path recorded = dir.resolve("run-1");
        List<ModelReply> live = new ArrayList<>();
        Ledger liveLedger;
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(Fixtures.ok("vllm-chat-completion-reasoning.json"));
            server.enqueue(Fixtures.serverError());
            server.enqueue(Fixtures.ok("vllm-chat-completion-reasoning-content.json"));
            server.enqueue(Fixtures.ok("ollama-chat-completion.json"));
            Map<String, String> values = Map.of("aiopt.model.baseline", "Qwen/Qwen3-8B",
                    "aiopt.apiBase.baseline", server.url("/v1").toString());
            liveLedger = Ledger.fromConfig(key -> Optional.ofNullable(values.get(key)));
            Model model = new RecordingModel(ModelSettings.forTrack(Track.BASELINE,
                    key -> Optional.ofNullable(values.get(key))).open(7, liveLedger,
                            b -> b.sleeper(new Fixtures.RecordingSleeper())), recorded);
            for (ModelRequest r : RUN) {
                live.add(model.complete(r));
            }
            assertThat(server.getRequestCount()).isEqualTo(4);
        }

        Path replayed = dir.resolve("run-2");
        Map<String, String> values = Map.of("aiopt.model", "replay:" + recorded);
        Ledger replayLedger = Ledger.fromConfig(key -> Optional.ofNullable(values.get(key)));
        ModelSettings settings = ModelSettings.forTrack(Track.BASELINE, key -> Optional.ofNullable(values.get(key)));
        Model replay = new RecordingModel(settings.open(7, replayLedger), replayed);
        assertThat(replay.offline()).isTrue();
        List<ModelReply> again = new ArrayList<>();
        for (int i = RUN.size() - 1; i >= 0; i--) {
            again.add(0, replay.complete(RUN.get(i)));
        }

        for (int i = 0; i < RUN.size(); i++) {
            assertThat(again.get(i)).isEqualTo(live.get(i).withLatencyMillis(0));
        }
        assertThat(again.get(0).reasoning()).startsWith("The writer queue");
        // The replay's own recording holds the same exchanges, marked as replayed rather than recorded anew.
        for (String line : Files.readAllLines(replayed.resolve(RecordingModel.FILE_NAME))) {
            assertThat(Fixtures.JSON.readTree(line).path("replayed").asBoolean()).as(line).isTrue();
        }
        for (String line : Files.readAllLines(recorded.resolve(RecordingModel.FILE_NAME))) {
            assertThat(Fixtures.JSON.readTree(line).has("replayed")).as(line).isFalse();
        }
        assertThat(withoutLatency(replayed)).containsExactlyInAnyOrderElementsOf(withoutLatency(recorded));
        assertThat(replayLedger.snapshot().tokensIn()).isEqualTo(liveLedger.snapshot().tokensIn());
        assertThat(replayLedger.snapshot().tokensOut()).isEqualTo(liveLedger.snapshot().tokensOut());
    }

    private static List<JsonNode> withoutLatency(Path runDir) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(RecordingModel.FILE_NAME))) {
            ObjectNode node = (ObjectNode) Fixtures.JSON.readTree(line);
            ((ObjectNode) node.get("response")).remove("latency_ms");
            node.remove("replayed");
            lines.add(node);
        }
        return lines;
    }

    @Test
    void aKeyAlreadyRecordedInTheRunIsAnsweredFromTheRecordingNotAskedOrRecordedAgain(@TempDir Path dir)
            throws Exception {
        List<ModelRequest> asked = new ArrayList<>();
        Model live = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                asked.add(request);
                return new ModelReply("answer " + asked.size(), "m", 3, 4, 0);
            }

            @Override
            public String describe() {
                return "counting";
            }
        };
        ModelRequest first = RUN.get(0);
        assertThat(new RecordingModel(live, dir).complete(first).content()).isEqualTo("answer 1");
        // A resumed run opens the same run directory again: the key interrupted by a kill is asked again.
        Files.writeString(dir.resolve(RecordingModel.FILE_NAME), "{\"key\":{\"parent\":\"cut", java.nio.file.StandardOpenOption.APPEND);
        RecordingModel resumed = new RecordingModel(live, dir);
        assertThat(resumed.complete(first).content()).isEqualTo("answer 1");
        assertThat(asked).hasSize(1);
        assertThat(resumed.complete(RUN.get(1)).content()).isEqualTo("answer 2");
        long keys = Files.readAllLines(dir.resolve(RecordingModel.FILE_NAME)).stream()
                .filter(l -> l.contains("\"response\"")).count();
        assertThat(keys).isEqualTo(2);
        assertThat(ReplayModel.fromPath(dir).size()).as("the cut line is gone, the recording replays").isEqualTo(2);
    }

    @Test
    void aMeteredAnswerIsRecordedBeforeTheLedgerBillsIt(@TempDir Path dir) throws Exception {
        // A run journals each bill as the ledger observes it; a kill right after that line must not lose the
        // answer it paid for, so the record is already written when the bill is observed.
        Ledger ledger = Ledger.fromConfig(key -> Optional.empty());
        List<Long> recordedAtBill = new ArrayList<>();
        ledger.observe(call -> {
            try {
                Path file = dir.resolve(RecordingModel.FILE_NAME);
                recordedAtBill.add(Files.exists(file) ? Files.readAllLines(file).stream()
                        .filter(l -> l.contains("\"response\"")).count() : 0L);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Model live = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                return new ModelReply("answer", "m", 3, 4, 0);
            }

            @Override
            public String describe() {
                return "live";
            }
        };
        RecordingModel model = new RecordingModel(ledger.meter(live), dir);
        model.complete(RUN.get(0));
        model.complete(RUN.get(1));
        model.complete(RUN.get(0)); // recorded: reused, not billed again

        assertThat(recordedAtBill).as("answers recorded when each bill was journalled").containsExactly(1L, 2L);
        assertThat(model.describe()).isEqualTo("live");
    }

    @Test
    void promptWithoutRecordingFailsClearly() throws Exception {
        String recording = "{\"key\":{\"parent\":\"" + sha(1) + "\",\"ordinal\":0},"
                + "\"response\":{\"content\":\"x\",\"model\":\"m\"}}\n";
        ReplayModel replay = ReplayModel.read("offline-responses.jsonl",
                new ByteArrayInputStream(recording.getBytes(StandardCharsets.UTF_8)));

        assertThat(replay.complete(request("p", sha(1), 0)).content()).isEqualTo("x");
        assertThatThrownBy(() -> replay.complete(request("p", sha(1), 2)))
                .isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("offline-responses.jsonl has no response for key {\"parent\":\"" + sha(1)
                        + "\",\"ordinal\":2}")
                .hasMessageContaining("add the line {\"key\":{\"parent\":\"" + sha(1) + "\",\"ordinal\":2},\"response\"")
                .hasMessageContaining("request 3 for that parent program");
    }

    @Test
    void aReaskIsRecordedAndReplayedUnderItsOwnKeyBesideItsRequest(@TempDir Path dir) throws Exception {
        Model live = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                return new ModelReply("answer to " + request.key(), "m", 3, 4, 0);
            }

            @Override
            public String describe() {
                return "live";
            }
        };
        ModelRequest asked = request("p", sha(1), 3);
        ModelRequest reasked = new ModelRequest(asked.system(), "p, told it repeated g1-c1", asked.key().reasked(1));
        RecordingModel recording = new RecordingModel(live, dir);
        recording.complete(asked);
        recording.complete(reasked);

        assertThat(Files.readString(dir.resolve(RecordingModel.FILE_NAME)))
                .contains("{\"parent\":\"" + sha(1) + "\",\"ordinal\":3}")
                .contains("{\"parent\":\"" + sha(1) + "\",\"ordinal\":3,\"reask\":1}");
        ReplayModel replay = ReplayModel.fromPath(dir);
        assertThat(replay.complete(asked).content()).isEqualTo("answer to " + asked.key());
        assertThat(replay.complete(reasked).content()).isEqualTo("answer to " + reasked.key());
        assertThatThrownBy(() -> replay.complete(new ModelRequest("s", "u", asked.key().reasked(2))))
                .isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("{\"parent\":\"" + sha(1) + "\",\"ordinal\":3,\"reask\":2}")
                .hasMessageContaining("re-ask 2 after a reply that reproduced code the run already had");
    }

    @Test
    void malformedRecordingNamesTheLine() {
        String recording = "{\"key\":{\"parent\":\"" + sha(1) + "\",\"ordinal\":0},\"response\":{\"content\":\"x\"}}\n"
                + "\n{\"key\":{\"parent\":\"" + sha(2) + "\"},\"response\":{\"text\":\"x\"}}\n";
        assertThatThrownBy(() -> ReplayModel.read("run/exchanges.jsonl",
                new ByteArrayInputStream(recording.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("run/exchanges.jsonl line 3 is not a recorded exchange")
                .hasMessageContaining("response.content");
    }

    @Test
    void recordingNeverHoldsAKeyThatAppearsInAPrompt(@TempDir Path dir) throws Exception {
        Model echo = new Model() {
            @Override
            public ModelReply complete(ModelRequest request) {
                return new ModelReply("saw " + request.user(), "qwen2.5-coder:7b", 1, 1, 1);
            }

            @Override
            public String describe() {
                return "echo";
            }
        };
        new RecordingModel(echo, dir).complete(request("build log: OPENAI_API_KEY=sk-proj-abcdefghijklmnop failed"));

        String text = Files.readString(dir.resolve(RecordingModel.FILE_NAME));
        assertThat(text).doesNotContain("sk-proj-abcdefghijklmnop").contains("[REDACTED]");
    }
}
