package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import static dev.aiopt.junit.internal.model.Fixtures.body;
import static dev.aiopt.junit.internal.model.Fixtures.json;
import static dev.aiopt.junit.internal.model.Fixtures.ok;
import static dev.aiopt.junit.internal.model.Fixtures.request;
import static dev.aiopt.junit.internal.model.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.model.Fixtures.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleModelTest {
    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private String apiBase;

    @BeforeEach
    void start() throws Exception {
        server.start();
        apiBase = server.url("/v1").toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiCompatibleModel.Builder model(String name) {
        return OpenAiCompatibleModel.builder(apiBase, name).sleeper(sleeper).jitter(() -> 0.5)
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    void gpt5RequestUsesMaxCompletionTokensAndReasoningEffortAndNoTemperature() throws Exception {
        server.enqueue(ok("openai-gpt5-chat-completion.json"));
        OpenAiCompatibleModel gpt5 = model("gpt-5").apiKey(Fixtures.FAKE_KEY).maxOutputTokens(20000)
                .reasoningEffort("high").build();

        ModelReply reply = gpt5.complete(request("Make WriteImpl faster."));

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + Fixtures.FAKE_KEY);
        assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = body(sent);
        assertThat(body.get("model").asText()).isEqualTo("gpt-5");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(20000);
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(body.has("temperature")).as("GPT-5 rejects a custom temperature").isFalse();
        assertThat(body.has("max_tokens")).as("GPT-5 rejects max_tokens").isFalse();
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Make WriteImpl faster.");

        assertThat(reply.content()).startsWith("<<<<<<< SEARCH\n  if (write_options.sync) {");
        assertThat(reply.model()).isEqualTo("gpt-5-2025-08-07");
        assertThat(reply.tokensIn()).isEqualTo(1200);
        assertThat(reply.tokensOut()).isEqualTo(900);
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.reasoning()).isEmpty();
    }

    @Test
    void gpt5DefaultsToGenerousCompletionLimitAndMediumEffort() throws Exception {
        server.enqueue(ok("openai-gpt5-chat-completion.json"));
        model("gpt-5-mini").apiKey(Fixtures.FAKE_KEY).build().complete(request("x"));

        JsonNode body = body(server.takeRequest());
        assertThat(body.get("max_completion_tokens").asInt())
                .isEqualTo(OpenAiCompatibleModel.GPT5_DEFAULT_MAX_COMPLETION_TOKENS);
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("medium");
    }

    @Test
    void vllmRequestUsesMaxTokensAndTemperatureAndReadsReasoning() throws Exception {
        server.enqueue(ok("vllm-chat-completion-reasoning.json"));
        OpenAiCompatibleModel vllm = model("Qwen/Qwen3-8B").maxOutputTokens(4096).temperature(0.6).build();

        ModelReply reply = vllm.complete(request("Make WriteImpl faster."));

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeaders().get("Authorization")).as("local servers get no key").isNull();
        JsonNode body = body(sent);
        assertThat(body.get("model").asText()).isEqualTo("Qwen/Qwen3-8B");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.6);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("reasoning_effort")).isFalse();
        assertThat(reply.reasoning()).startsWith("The writer queue is drained");
        assertThat(reply.content()).contains("two_write_queues_");
        assertThat(reply.tokensIn()).isEqualTo(812);
        assertThat(reply.tokensOut()).isEqualTo(508);
    }

    @Test
    void aReaskSamplesHotterWhereTheModelTakesATemperatureCappedAtTwoAndGpt5GetsNone() throws Exception {
        OpenAiCompatibleModel vllm = model("Qwen/Qwen3-8B").temperature(0.6).build();
        OpenAiCompatibleModel gpt5 = model("gpt-5").apiKey(Fixtures.FAKE_KEY).build();

        ObjectMapper json = new ObjectMapper();
        JsonNode hotter = json.readTree(vllm.requestBody(request("x").withTemperatureRaise(0.4)));
        JsonNode capped = json.readTree(vllm.requestBody(request("x").withTemperatureRaise(1.8)));
        JsonNode none = json.readTree(gpt5.requestBody(request("x").withTemperatureRaise(0.4)));

        assertThat(hotter.get("temperature").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(capped.get("temperature").asDouble()).isEqualTo(2.0);
        assertThat(none.has("temperature")).isFalse();
    }

    @Test
    void olderVllmReasoningContentFieldIsReadToo() {
        server.enqueue(ok("vllm-chat-completion-reasoning-content.json"));
        ModelReply reply = model("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B").build().complete(request("x"));
        assertThat(reply.reasoning()).startsWith("Group commit already amortises");
        assertThat(reply.content()).contains("InstrumentedMutexLock");
    }

    @Test
    void ollamaRequestLeavesTheOutputLimitToTheServerUnlessSet() throws Exception {
        server.enqueue(ok("ollama-chat-completion.json"));
        ModelReply reply = model("qwen2.5-coder:7b").build().complete(request("x"));

        JsonNode body = body(server.takeRequest());
        assertThat(body.get("model").asText()).isEqualTo("qwen2.5-coder:7b");
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.8);
        assertThat(reply.model()).isEqualTo("qwen2.5-coder:7b");
        assertThat(reply.tokensIn()).isEqualTo(700);
        assertThat(reply.tokensOut()).isEqualTo(300);
    }

    @Test
    void rateLimitWaitsAsLongAsRetryAfterSays() {
        server.enqueue(json(429, "openai-429-rate-limit.json").newBuilder().addHeader("Retry-After", "7").build());
        server.enqueue(ok("openai-gpt5-chat-completion.json"));

        ModelReply reply = model("gpt-5").apiKey(Fixtures.FAKE_KEY).build().complete(request("x"));

        assertThat(reply.tokensOut()).isEqualTo(900);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterMillisecondsHeaderOfOpenAiIsHonoured() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("retry-after-ms", "250").body("overloaded")
                .build());
        server.enqueue(ok("ollama-chat-completion.json"));

        model("qwen2.5-coder:7b").build().complete(request("x"));

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void realRetryAfterWaitHappensBetweenTheTwoRequests() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                return arrivals.size() == 1
                        ? json(429, "openai-429-rate-limit.json").newBuilder().addHeader("Retry-After", "1").build()
                        : ok("openai-gpt5-chat-completion.json");
            }
        });
        OpenAiCompatibleModel gpt5 = OpenAiCompatibleModel.builder(apiBase, "gpt-5").apiKey(Fixtures.FAKE_KEY)
                .timeout(Duration.ofSeconds(5)).build();

        gpt5.complete(request("x"));

        assertThat(arrivals).hasSize(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0)))
                .as("milliseconds between the 429 and the retry").isGreaterThanOrEqualTo(950);
    }

    @Test
    void serverErrorIsRetriedWithExponentialBackoffAndJitter() {
        server.enqueue(Fixtures.serverError());
        server.enqueue(Fixtures.serverError());
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());
        server.enqueue(ok("ollama-chat-completion.json"));

        ModelReply reply = model("qwen2.5-coder:7b").jitter(() -> 1.0).build().complete(request("x"));

        assertThat(reply.content()).contains("counted once per group");
        assertThat(server.getRequestCount()).isEqualTo(4);
        // equal jitter with the random part at its maximum: 1 s, 2 s, 4 s
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void backoffIsCappedAndJitterKeepsAtLeastHalf() {
        RetryPolicy policy = RetryPolicy.standard(10, () -> 0.0);
        assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(12)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.standard(10, () -> 1.0).backoff(12)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void hungServerTimesOutOnEveryAttemptThenFails() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        }
        OpenAiCompatibleModel hung = model("qwen2.5-coder:7b").timeout(Duration.ofMillis(300)).maxRetries(2).build();

        assertThatThrownBy(() -> hung.complete(request("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no answer within 300 ms")
                .hasMessageContaining("gave up after 3 attempts")
                .hasMessageContaining("aiopt.model.timeout");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void unauthorizedFailsAtOnceWithAClearMessageAndOneRequest() {
        server.enqueue(json(401, "openai-401-invalid-api-key.json"));
        server.enqueue(ok("openai-gpt5-chat-completion.json"));
        OpenAiCompatibleModel gpt5 = model("gpt-5").apiKey(Fixtures.FAKE_KEY).build();

        assertThatThrownBy(() -> gpt5.complete(request("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the endpoint refused the API key: set OPENAI_API_KEY (or aiopt.apiKeyFile)")
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("SECRET123");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void missingModelAtOllamaIsNotRetriedAndSaysToPullIt() {
        server.enqueue(json(404, "ollama-404-model-not-found.json"));
        OpenAiCompatibleModel ollama = model("qwen2.5-coder:7b").build();

        assertThatThrownBy(() -> ollama.complete(request("x")))
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("ollama pull qwen2.5-coder:7b")
                .hasMessageContaining("not found, try pulling it first");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void badRequestAndForbiddenAreNotRetried() {
        server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"Unsupported parameter: "
                + "'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}")
                .build());
        server.enqueue(new MockResponse.Builder().code(403).body("{\"error\":{\"message\":\"forbidden\"}}").build());
        OpenAiCompatibleModel chat = model("my-gpt-5-proxy").dialect(Dialect.CHAT).build();

        assertThatThrownBy(() -> chat.complete(request("x"))).hasMessageContaining("HTTP 400")
                .hasMessageContaining("Use 'max_completion_tokens' instead").hasMessageContaining("dialect");
        assertThatThrownBy(() -> chat.complete(request("x"))).hasMessageContaining("HTTP 403");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void exhaustedQuotaIsA429ThatIsNotRetried() {
        server.enqueue(json(429, "openai-429-insufficient-quota.json"));
        assertThatThrownBy(() -> model("gpt-5").apiKey(Fixtures.FAKE_KEY).build().complete(request("x")))
                .hasMessageContaining("no quota left");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void truncatedJsonIsAClearErrorWithoutRetry() {
        String whole = resource("ollama-chat-completion.json");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(whole.substring(0, whole.length() / 2)).build());

        assertThatThrownBy(() -> model("qwen2.5-coder:7b").build().complete(request("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("invalid JSON")
                .hasMessageContaining("qwen2.5-coder:7b at " + apiBase);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void emptyChoicesIsAnError() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"chatcmpl-1\",\"object\":"
                + "\"chat.completion\",\"created\":1756310400,\"model\":\"qwen2.5-coder:7b\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":700,\"completion_tokens\":0,\"total_tokens\":700}}").build());

        assertThatThrownBy(() -> model("qwen2.5-coder:7b").build().complete(request("x")))
                .isInstanceOf(ModelException.class).hasMessageContaining("no choices");
    }

    @Test
    void replyCutOffAtTheTokenLimitIsReturnedMarkedTruncatedWithItsUsage() {
        server.enqueue(ok("openai-gpt5-truncated.json"));
        OpenAiCompatibleModel gpt5 = model("gpt-5").apiKey(Fixtures.FAKE_KEY).maxOutputTokens(4096).build();

        ModelReply reply = gpt5.complete(request("x"));

        assertThat(reply.truncated()).isTrue();
        assertThat(reply.finishReason()).isEqualTo("length");
        assertThat(reply.tokensIn()).isEqualTo(1200);
        assertThat(reply.tokensOut()).isEqualTo(4096);
        assertThat(reply.model()).isEqualTo("gpt-5-2025-08-07");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void blankContentIsAnError() {
        server.enqueue(new MockResponse.Builder().code(200).body(resource("ollama-chat-completion.json")
                .replaceAll("\"content\": \"[^\"]*\"", "\"content\": \"  \"")).build());
        assertThatThrownBy(() -> model("qwen2.5-coder:7b").build().complete(request("x")))
                .hasMessageContaining("the reply is empty (finish_reason stop");
    }

    @Test
    void refusedConnectionSaysWhichServerToStart() throws Exception {
        String deadBase = server.url("/v1").toString();
        server.close();
        OpenAiCompatibleModel nobody = OpenAiCompatibleModel.builder(deadBase, "qwen2.5-coder:7b")
                .sleeper(sleeper).maxRetries(1).build();

        assertThatThrownBy(() -> nobody.complete(request("x")))
                .hasMessageContaining("cannot connect to " + deadBase.replaceAll("/$", ""))
                .hasMessageContaining("vLLM, ollama")
                .hasMessageContaining("gave up after 2 attempts");
    }

    @Test
    void dialectFollowsTheModelName() {
        assertThat(Dialect.forModel("gpt-5")).isEqualTo(Dialect.OPENAI_REASONING);
        assertThat(Dialect.forModel("gpt-5-mini-2025-08-07")).isEqualTo(Dialect.OPENAI_REASONING);
        assertThat(Dialect.forModel("o3")).isEqualTo(Dialect.OPENAI_REASONING);
        assertThat(Dialect.forModel("o4-mini")).isEqualTo(Dialect.OPENAI_REASONING);
        assertThat(Dialect.forModel("qwen2.5-coder:7b")).isEqualTo(Dialect.CHAT);
        assertThat(Dialect.forModel("Qwen/Qwen3-8B")).isEqualTo(Dialect.CHAT);
        assertThat(Dialect.forModel("openai/gpt-oss-20b")).isEqualTo(Dialect.CHAT);
        assertThat(Dialect.forModel("omni-coder")).isEqualTo(Dialect.CHAT);
    }

    @Test
    void describeNamesModelAndEndpointButNeverTheKey() {
        OpenAiCompatibleModel m = OpenAiCompatibleModel.builder("http://user:hunter2pass@10.0.0.5:8000/v1/", "gpt-5")
                .apiKey(Fixtures.FAKE_KEY).build();
        assertThat(m.describe()).isEqualTo("gpt-5 at http://[REDACTED]@10.0.0.5:8000/v1");
        assertThat(m.offline()).isFalse();
    }

    @Test
    void malformedApiBaseNamesTheVariable() {
        assertThatThrownBy(() -> OpenAiCompatibleModel.builder("127.0.0.1:8000/v1", "m"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AI_OPT_API_BASE_");
    }
}
