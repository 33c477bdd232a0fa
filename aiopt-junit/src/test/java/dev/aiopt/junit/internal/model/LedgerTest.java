package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import static dev.aiopt.junit.internal.model.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiopt.junit.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    @Test
    void tokenBudgetStopsCallsOnceReachedAndSaysWhy() {
        Ledger ledger = new Ledger(Budget.unlimited().withMaxTokens(2500), PriceTable.builtIn());
        FakeModel fake = new FakeModel("qwen2.5-coder:7b", 700, 300);
        Model model = ledger.meter(fake);

        int answered = 0;
        try {
            for (int i = 0; i < 10; i++) {
                model.complete(request("candidate " + i));
                answered++;
            }
        } catch (BudgetExhaustedException e) {
            assertThat(e.exhaustion().limit()).isEqualTo("tokens");
            assertThat(e).hasMessage("token budget reached: 3000 of 2500 tokens used (aiopt.budget.tokens)");
        }
        assertThat(answered).isEqualTo(3);
        assertThat(fake.calls).hasValue(3);
        assertThat(ledger.exhausted()).map(Ledger.Exhaustion::limit).contains("tokens");
    }

    @Test
    void moneyBudgetUsesThePriceOfTheSnapshotsFamily() {
        Ledger ledger = new Ledger(Budget.unlimited().withMaxUsd(0.02), PriceTable.builtIn());
        Model model = ledger.meter(new FakeModel("gpt-5-2025-08-07", 1200, 900));

        model.complete(request("a"));
        assertThat(ledger.exhausted()).isEmpty();
        model.complete(request("b"));

        Ledger.Snapshot snapshot = ledger.snapshot();
        // 1200 * 1.25 / 1e6 + 900 * 10 / 1e6 = 0.0105 per call
        assertThat(snapshot.costUsd()).isCloseTo(0.021, within(1e-12));
        assertThat(snapshot.calls()).extracting(Ledger.Call::costUsd).containsExactly(0.0105, 0.0105);
        assertThat(ledger.exhausted()).get().extracting(Ledger.Exhaustion::message)
                .isEqualTo("money budget reached: $0.0210 of $0.0200 used (aiopt.budget.usd)");
        assertThatThrownBy(() -> model.complete(request("c"))).isInstanceOf(BudgetExhaustedException.class);
        assertThat(ledger.snapshot().calls()).hasSize(2);
    }

    @Test
    void wallClockBudgetUsesTheLedgersClock() {
        AtomicLong now = new AtomicLong();
        Ledger ledger = new Ledger(Budget.unlimited().withMaxWallClock(Duration.ofMinutes(30)), PriceTable.builtIn(),
                now::get);
        assertThat(ledger.exhausted()).isEmpty();
        now.set(TimeUnit.MINUTES.toNanos(31));
        assertThat(ledger.exhausted()).get().extracting(Ledger.Exhaustion::message)
                .isEqualTo("wall-clock budget reached: 1860.0 s of 1800.0 s used (aiopt.budget.wallClock)");
    }

    @Test
    void truncatedRepliesAreBilledAndFailedCallsRecorded() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(Fixtures.ok("openai-gpt5-truncated.json"));
            server.enqueue(Fixtures.json(404, "ollama-404-model-not-found.json"));
            Ledger ledger = new Ledger(Budget.unlimited(), PriceTable.builtIn());
            Model gpt5 = ledger.meter(OpenAiCompatibleModel.builder(server.url("/v1").toString(), "gpt-5")
                    .apiKey(Fixtures.FAKE_KEY).build());

            assertThatThrownBy(() -> gpt5.complete(request("a"))).isInstanceOf(ModelException.class);
            assertThatThrownBy(() -> gpt5.complete(request("b"))).isInstanceOf(ModelException.class);

            List<Ledger.Call> calls = ledger.snapshot().calls();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).model()).isEqualTo("gpt-5-2025-08-07");
            assertThat(calls.get(0).tokensOut()).isEqualTo(4096);
            assertThat(calls.get(0).costUsd()).isCloseTo((1200 * 1.25 + 4096 * 10.0) / 1e6, within(1e-12));
            assertThat(calls.get(0).outcome()).startsWith("failed: ").contains("cut off");
            assertThat(calls.get(1).tokensIn()).isZero();
            assertThat(calls.get(1).outcome()).contains("HTTP 404");
        }
    }

    @Test
    void budgetStopsAGpt5RunAgainstTheServerAfterTheCallInFlight() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (int i = 0; i < 5; i++) {
                server.enqueue(Fixtures.ok("openai-gpt5-chat-completion.json"));
            }
            Map<String, String> values = Map.of("aiopt.apiKey", Fixtures.FAKE_KEY,
                    "aiopt.apiBase.gpt5", server.url("/v1").toString(), "aiopt.budget.usd", "0.015");
            Ledger ledger = Ledger.fromConfig(key -> Optional.ofNullable(values.get(key)));
            Model model = ModelSettings.forTrack(Track.GPT5, key -> Optional.ofNullable(values.get(key)))
                    .open(42, ledger);

            int candidates = 0;
            while (ledger.exhausted().isEmpty()) {
                model.complete(request("candidate " + candidates));
                candidates++;
            }

            assertThat(candidates).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(ledger.snapshot().exhausted().limit()).isEqualTo("usd");
        }
    }

    @Test
    void moneyBudgetNeedsAPriceForEveryGpt5Model() {
        Map<String, String> values = Map.of("aiopt.apiKey", Fixtures.FAKE_KEY, "aiopt.model.gpt5", "gpt-7-turbo",
                "aiopt.budget.usd", "5");
        Ledger ledger = Ledger.fromConfig(key -> Optional.ofNullable(values.get(key)));
        ModelSettings settings = ModelSettings.forTrack(Track.GPT5, key -> Optional.ofNullable(values.get(key)));
        assertThatThrownBy(() -> settings.open(1, ledger))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs a price for model 'gpt-7-turbo'")
                .hasMessageContaining("AI_OPT_PRICES");
    }

    @Test
    void priceOverridesComeFromFileThenKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.properties");
        Files.writeString(file, "# USD per million tokens\ngpt-5 = 2/20\nqwen2.5-coder:7b = 0.1/0.2\n");
        Map<String, String> values = Map.of("aiopt.pricesFile", file.toString(), "aiopt.prices", "gpt-5=3/30");
        PriceTable prices = PriceTable.fromConfig(key -> Optional.ofNullable(values.get(key)));

        assertThat(prices.priceOf("gpt-5")).contains(new PriceTable.Price(3, 30));
        assertThat(prices.priceOf("qwen2.5-coder:7b")).contains(new PriceTable.Price(0.1, 0.2));
        assertThat(prices.priceOf("gpt-5-mini-2025-08-07")).contains(new PriceTable.Price(0.25, 2));
        assertThat(prices.priceOf("gpt-5.4")).isEmpty();

        assertThatThrownBy(() -> PriceTable.fromConfig(key -> Optional.ofNullable(
                Map.of("aiopt.prices", "gpt-5=cheap").get(key))))
                .hasMessageContaining("'gpt-5=cheap' is not model=input/output in USD per million tokens");
    }

    @Test
    void unpricedLocalModelsAreCountedButCostUnknown() {
        Ledger ledger = new Ledger(Budget.unlimited(), PriceTable.builtIn());
        ledger.meter(new FakeModel("qwen2.5-coder:7b", 10, 20)).complete(request("a"));
        Ledger.Snapshot s = ledger.snapshot();
        assertThat(s.unpricedCalls()).isEqualTo(1);
        assertThat(s.costUsd()).isZero();
        assertThat(s.calls().get(0).costUsd()).isNull();
    }

    @Test
    void snapshotIsJsonForRunJson() {
        Ledger ledger = new Ledger(Budget.unlimited().withMaxTokens(100), PriceTable.builtIn());
        ledger.meter(new FakeModel("gpt-5", 60, 50)).complete(request("a"));

        JsonNode json = ledger.toJson();

        assertThat(json.get("tokensIn").asLong()).isEqualTo(60);
        assertThat(json.get("tokensOut").asLong()).isEqualTo(50);
        assertThat(json.get("maxTokens").asLong()).isEqualTo(100);
        assertThat(json.get("maxUsd").isNull()).isTrue();
        assertThat(json.at("/calls/0/model").asText()).isEqualTo("gpt-5");
        assertThat(json.at("/calls/0/outcome").asText()).isEqualTo("ok");
        assertThat(json.at("/exhausted/limit").asText()).isEqualTo("tokens");
    }

    @Test
    void parallelCallsAreAllCounted() throws Exception {
        Ledger ledger = new Ledger(Budget.unlimited(), PriceTable.builtIn());
        Model model = ledger.meter(new FakeModel("gpt-5-nano", 3, 7));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> model.complete(request("c" + n, Fixtures.sha(n), 0))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Ledger.Snapshot s = ledger.snapshot();
        assertThat(s.calls()).hasSize(400);
        assertThat(s.calls()).extracting(Ledger.Call::index).doesNotHaveDuplicates();
        assertThat(s.tokensIn()).isEqualTo(1200);
        assertThat(s.tokensOut()).isEqualTo(2800);
    }

    @Test
    void budgetValuesAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> Budget.fromConfig(key -> Optional.ofNullable(
                Map.of("aiopt.budget.tokens", "lots").get(key))))
                .hasMessageContaining("aiopt.budget.tokens = 'lots' is not a whole number >= 0")
                .hasMessageContaining("AI_OPT_BUDGET_TOKENS");
        Budget b = Budget.fromConfig(key -> Optional.ofNullable(Map.of("aiopt.budget.usd", "$2.50",
                "aiopt.budget.wallClock", "90m", "aiopt.budget.tokens", "1_000_000").get(key)));
        assertThat(b.maxUsd()).hasValue(2.5);
        assertThat(b.maxWallClock()).contains(Duration.ofMinutes(90));
        assertThat(b.maxTokens()).hasValue(1_000_000);
    }
}
