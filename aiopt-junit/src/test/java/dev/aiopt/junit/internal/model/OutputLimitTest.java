package dev.aiopt.junit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request's own output limit (a re-ask after a reply cut off at the limit) replaces the configured one in
 * the body sent, in both dialects; and an equal share of a budget divides every limit.
 */
class OutputLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelRequest REQUEST = new ModelRequest("system", "user", new ReplayKey("a".repeat(64), 0));

    @Test
    void aRequestsOwnLimitReplacesTheConfiguredOne() throws Exception {
        OpenAiCompatibleModel gpt5 = OpenAiCompatibleModel.builder("https://api.openai.com/v1", "gpt-5")
                .apiKey(Fixtures.FAKE_KEY).maxOutputTokens(4096).build();
        assertThat(body(gpt5, REQUEST).path("max_completion_tokens").asInt()).isEqualTo(4096);
        assertThat(body(gpt5, REQUEST.withMaxOutputTokens(8192)).path("max_completion_tokens").asInt()).isEqualTo(8192);

        OpenAiCompatibleModel local = OpenAiCompatibleModel.builder("http://127.0.0.1:8000/v1", "qwen2.5-coder").build();
        assertThat(body(local, REQUEST).has("max_tokens")).as("the server's default").isFalse();
        assertThat(body(local, REQUEST.withMaxOutputTokens(2048)).path("max_tokens").asInt()).isEqualTo(2048);
    }

    @Test
    void aShareDividesEveryLimitAndSaysSo() {
        Budget whole = Budget.unlimited().withMaxTokens(1001).withMaxUsd(3).withMaxWallClock(java.time.Duration.ofSeconds(9));
        Budget share = whole.share(3);
        assertThat(share.maxTokens()).hasValue(333);
        assertThat(share.maxUsd()).hasValue(1.0);
        assertThat(share.maxWallClock()).hasValue(java.time.Duration.ofSeconds(3));
        assertThat(share.parts()).isEqualTo(3);
        assertThat(share.describe()).isEqualTo("333 tokens, $1.0000 (counted where the model has a price), 3.0 s wall"
                + " clock (1/3 of the configured budget: 3 runs share it equally)");
        assertThat(whole.share(1)).isSameAs(whole);
        assertThat(Budget.unlimited().share(4).describe()).startsWith("unlimited");
    }

    @Test
    void aRestoredLedgerCountsWhatEarlierSessionsSpent() {
        Ledger earlier = new Ledger(Budget.unlimited().withMaxTokens(300), PriceTable.fromConfig(k -> java.util.Optional.empty()));
        List<Ledger.Call> journalled = new java.util.ArrayList<>();
        earlier.observe(journalled::add);
        earlier.record("m", 100, 50, 5, "ok");
        earlier.record("m", 100, 50, 5, "ok");
        assertThat(journalled).hasSize(2);

        Ledger resumed = new Ledger(Budget.unlimited().withMaxTokens(300), PriceTable.fromConfig(k -> java.util.Optional.empty()));
        resumed.restore(journalled, 60_000);
        assertThat(resumed.exhausted()).isPresent();
        assertThat(resumed.exhausted().get().message()).contains("300 of 300 tokens");
        assertThat(resumed.elapsedMillis()).isGreaterThanOrEqualTo(60_000);
        assertThat(resumed.snapshot().calls()).hasSize(2);
    }

    private static JsonNode body(OpenAiCompatibleModel model, ModelRequest request) throws Exception {
        return JSON.readTree(model.requestBody(request));
    }
}
