package dev.aiopt.junit.internal.model;

import static dev.aiopt.junit.internal.model.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reasoning sections and cut-off replies as real servers return them, over HTTP. */
class ReplyShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOCK = "<<<<<<< SEARCH\n  ++sequence_;\n=======\n  sequence_ += 1;\n>>>>>>> REPLACE\n";
    private final MockWebServer server = new MockWebServer();
    private OpenAiCompatibleModel model;

    @BeforeEach
    void start() throws Exception {
        server.start();
        model = OpenAiCompatibleModel.builder(server.url("/v1").toString(), "deepseek-r1:14b")
                .timeout(Duration.ofSeconds(5)).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("model", "deepseek-r1:14b");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        if (finishReason != null) {
            choice.put("finish_reason", finishReason);
        }
        root.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 700);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(root.toString()).build());
    }

    @Test
    void thinkSectionsLeaveTheContentAndAreKeptAsReasoning() {
        answer("<think>\nDraft:\n<<<<<<< SEARCH\n  ++sequence_;\n=======\n  sequence_--;\n>>>>>>> REPLACE\n"
                + "No, that breaks ordering.\n</think>\n\n" + BLOCK, "stop");

        ModelReply reply = model.complete(request("x"));

        assertThat(reply.content()).isEqualTo(BLOCK.strip());
        assertThat(reply.reasoning()).startsWith("Draft:").endsWith("No, that breaks ordering.");
        assertThat(reply.truncated()).isFalse();
    }

    @Test
    void aReasoningSectionWhoseOpeningTagWasInThePromptEndsAtItsClosingTag() {
        answer("The lock guards the log only.\n</think>\n" + BLOCK, "stop");

        ModelReply reply = model.complete(request("x"));

        assertThat(reply.content()).isEqualTo(BLOCK.strip());
        assertThat(reply.reasoning()).isEqualTo("The lock guards the log only.");
    }

    @Test
    void reasoningTagsAndAFieldAreBothKept() {
        ObjectNode root = JSON.createObjectNode().put("model", "qwen3");
        ObjectNode choice = root.putArray("choices").addObject().put("finish_reason", "stop");
        choice.putObject("message").put("content", "<reasoning>second thoughts</reasoning>\n" + BLOCK)
                .put("reasoning_content", "first thoughts");
        server.enqueue(new MockResponse.Builder().code(200).body(root.toString()).build());

        ModelReply reply = model.complete(request("x"));

        assertThat(reply.reasoning()).isEqualTo("first thoughts\n\nsecond thoughts");
        assertThat(reply.content()).isEqualTo(BLOCK.strip());
    }

    @Test
    void aReplyCutOffInsideABlockAtTheLimitIsTruncatedAndKeepsItsText() {
        answer("Here is the change:\n<<<<<<< SEARCH\n  ++sequence_;\n=======\n  sequence_ +", "length");

        ModelReply reply = model.complete(request("x"));

        assertThat(reply.truncated()).isTrue();
        assertThat(reply.content()).endsWith("sequence_ +");
        assertThat(reply.tokensOut()).isEqualTo(700);
    }

    @Test
    void aReplyCutOffInsideItsThinkSectionIsTruncatedWithAnEmptyAnswer() {
        answer("<think>\nLet me count the writers under the lock, first", null);

        ModelReply reply = model.complete(request("x"));

        assertThat(reply.truncated()).isTrue();
        assertThat(reply.content()).isEmpty();
        assertThat(reply.reasoning()).isEqualTo("Let me count the writers under the lock, first");
    }

    @Test
    void anUnclosedBlockWithoutFinishReasonIsTruncatedButACompleteOneIsNot() {
        assertThat(new ModelReply("```cpp\nint f() {\n", "m", 1, 1, 0).truncated()).isTrue();
        assertThat(new ModelReply("<<<<<<< SEARCH\nx\n=======\n", "m", 1, 1, 0).truncated()).isTrue();
        assertThat(new ModelReply("```cpp\nint f();\n```\n" + BLOCK, "m", 1, 1, 0).truncated()).isFalse();
        assertThat(new ModelReply("```cpp\nint f() {\n", "m", 1, 1, 0, "", "stop").truncated()).isFalse();
    }

    @Test
    void onlyReasoningAndNoAnswerIsAnEmptyReply() {
        answer("<think>I am not sure.</think>\n", "stop");

        assertThatThrownBy(() -> model.complete(request("x"))).isInstanceOf(ModelException.class)
                .hasMessageContaining("the reply is empty (finish_reason stop, only reasoning text)");
    }
}
