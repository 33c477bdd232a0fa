package dev.aiopt.junit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.model.ModelReply;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.model.OpenAiCompatibleModel;
import dev.aiopt.junit.internal.model.ReplayKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the reply corpus the way the loop sees a reply: served over HTTP as a chat completion, read
 * by {@link OpenAiCompatibleModel} (reasoning stripped, truncation detected), then applied. No case may apply a
 * text other than its expected one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private OpenAiCompatibleModel model;

    @BeforeAll
    void start() throws Exception {
        server.start();
        model = OpenAiCompatibleModel.builder(server.url("/v1").toString(), "corpus").maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static List<ReplyCorpus> cases() {
        return ReplyCorpus.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replyHasItsExpectedOutcome(ReplyCorpus c) {
        ModelReply reply = served(c);
        if (c.outcome().equals("truncated")) {
            assertThat(reply.truncated()).as("truncated").isTrue();
            return;
        }
        assertThat(reply.truncated()).as("truncated").isFalse();
        if (c.outcome().equals("rejected")) {
            assertThatThrownBy(() -> apply(c, reply.content())).isInstanceOfSatisfying(DiffException.class, e -> {
                for (String line : c.expectedLines()) {
                    assertThat(e.getMessage()).contains(line);
                }
            });
            return;
        }
        AppliedEdit edit;
        try {
            edit = apply(c, reply.content());
        } catch (DiffException e) {
            fail("expected the reply to apply, but: " + e.getMessage());
            return;
        }
        assertThat(edit.text()).isEqualTo(c.expected());
        assertThat(edit.withTolerance()).as("applied with whitespace tolerance").isEqualTo(c.outcome().equals("tolerated"));
    }

    @Test
    void theCorpusCoversEverySourceWithAtLeastSixtyCases() {
        List<ReplyCorpus> all = cases();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (ReplyCorpus c : all) {
            counts.computeIfAbsent(c.source(), s -> new TreeMap<>()).merge(c.outcome(), 1L, Long::sum);
        }
        System.out.println("reply corpus: " + all.size() + " cases; by source: " + counts);

        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(counts).containsKeys("openevolve", "shinkaevolve", "qwen2.5-coder", "deepseek-r1", "llama3", "gpt-5");
        assertThat(all.stream().map(ReplyCorpus::outcome).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ReplyCorpus.OUTCOMES);
    }

    private ModelReply served(ReplyCorpus c) {
        ObjectNode root = JSON.createObjectNode().put("object", "chat.completion").put("model", "corpus");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", c.reply());
        if (!c.finishReason().isEmpty()) {
            choice.put("finish_reason", c.finishReason());
        }
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(root.toString()).build());
        return model.complete(new ModelRequest("system", c.name(), new ReplayKey("0".repeat(64), 0)));
    }

    private static AppliedEdit apply(ReplyCorpus c, String content) {
        return c.rewrite() ? new AppliedEdit(Rewrite.apply(c.slice(), content), List.of())
                : DiffApplier.edit(c.slice(), content);
    }
}
