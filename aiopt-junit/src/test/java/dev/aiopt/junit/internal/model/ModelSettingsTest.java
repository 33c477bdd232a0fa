package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.KeySpec;
import dev.aiopt.junit.internal.config.ConfigurationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.model.ModelSettings.Status;
import dev.aiopt.junit.internal.model.ModelSettings.WeightedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSettingsTest {

    private static Function<String, Optional<String>> config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return key -> Optional.ofNullable(map.get(key));
    }

    @Test
    void keysCarryTheSeedsEnvironmentVariablesAndDefaults() {
        Map<String, KeySpec> byKey = ModelKeys.all().stream()
                .collect(Collectors.toMap(KeySpec::key, s -> s));
        assertThat(byKey.get("aiopt.model.baseline").envVars().get(0)).isEqualTo("AI_OPT_MODEL_BASELINE");
        assertThat(byKey.get("aiopt.apiBase.baseline").envVars().get(0)).isEqualTo("AI_OPT_API_BASE_BASELINE");
        assertThat(byKey.get("aiopt.apiBase.baseline").defaultValue()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(byKey.get("aiopt.model.gpt5").envVars().get(0)).isEqualTo("AI_OPT_MODEL_GPT5");
        assertThat(byKey.get("aiopt.model.gpt5").defaultValue()).isEqualTo("gpt-5");
        assertThat(byKey.get("aiopt.apiBase.gpt5").envVars().get(0)).isEqualTo("AI_OPT_API_BASE_GPT5");
        assertThat(byKey.get("aiopt.apiBase.gpt5").defaultValue()).isEqualTo("https://api.openai.com/v1");
        assertThat(byKey.get("aiopt.model.profiler").envVars().get(0)).isEqualTo("AI_OPT_MODEL_PROFILER");
        assertThat(byKey.get("aiopt.apiBase.profiler").envVars().get(0)).isEqualTo("AI_OPT_API_BASE_PROFILER");
        assertThat(byKey.get("aiopt.apiKey").envVars().get(0)).isEqualTo("OPENAI_API_KEY");
        assertThat(byKey.get("aiopt.apiKey").secret()).isTrue();
        assertThat(byKey.get("aiopt.apiKeyFile").envVars().get(0)).isEqualTo("AI_OPT_API_KEY_FILE");
        assertThat(byKey.get("aiopt.budget.wallClock").envVars().get(0)).isEqualTo("AI_OPT_BUDGET_WALL_CLOCK");
        assertThat(byKey.get("aiopt.model").envVars().get(0)).isEqualTo("AI_OPT_MODEL");
        assertThat(ModelKeys.all()).filteredOn(KeySpec::secret).extracting(KeySpec::key)
                .containsExactly("aiopt.apiKey");
        assertThat(ModelKeys.all()).allSatisfy(spec -> assertThat(spec.description()).isNotBlank());
        assertThat(ModelKeys.model(Track.GPT5_PROFILER)).isEqualTo("aiopt.model.gpt5");
    }

    @Test
    void nothingSetMeansNotConfiguredForEveryTrack() {
        for (Track track : Track.values()) {
            ModelSettings settings = ModelSettings.forTrack(track, config());
            assertThat(settings.status()).as(track.id()).isEqualTo(Status.NOT_CONFIGURED);
        }
    }

    @Test
    void notConfiguredTrackFailsOnDemandNamingTheVariable() {
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config()).requireConfigured())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("track baseline has no model configured")
                .hasMessageContaining("AI_OPT_MODEL_BASELINE (or -Daiopt.model.baseline)");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.GPT5_PROFILER, config()).requireConfigured())
                .hasMessageContaining("set OPENAI_API_KEY");
    }

    @Test
    void defaultsThatTheConfigLayerFillsInDoNotCountAsConfigured() {
        Function<String, Optional<String>> defaultsOnly = config("aiopt.apiBase.baseline", "http://127.0.0.1:8000/v1",
                "aiopt.model.gpt5", "gpt-5", "aiopt.apiBase.gpt5", "https://api.openai.com/v1",
                "aiopt.model.timeout", "300s");
        assertThat(ModelSettings.forTrack(Track.BASELINE, defaultsOnly).status()).isEqualTo(Status.NOT_CONFIGURED);
        assertThat(ModelSettings.forTrack(Track.GPT5, defaultsOnly).status()).isEqualTo(Status.NOT_CONFIGURED);
    }

    @Test
    void baselineWithAModelTalksToVllmByDefault() {
        ModelSettings settings = ModelSettings.forTrack(Track.BASELINE, config("aiopt.model.baseline", "Qwen/Qwen3-8B"));
        assertThat(settings.status()).isEqualTo(Status.LIVE);
        assertThat(settings.apiBase()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(settings.models()).containsExactly(new WeightedModel("Qwen/Qwen3-8B", 1));
        assertThat(settings.describe()).isEqualTo("Qwen/Qwen3-8B at http://127.0.0.1:8000/v1");
    }

    @Test
    void profilerFallsBackToTheBaselineModelAndEndpoint() {
        Function<String, Optional<String>> c = config("aiopt.model.baseline", "qwen2.5-coder:7b",
                "aiopt.apiBase.baseline", "http://127.0.0.1:11434/v1/");
        ModelSettings profiler = ModelSettings.forTrack(Track.PROFILER, c);
        assertThat(profiler.status()).isEqualTo(Status.LIVE);
        assertThat(profiler.models()).extracting(WeightedModel::name).containsExactly("qwen2.5-coder:7b");
        assertThat(profiler.apiBase()).isEqualTo("http://127.0.0.1:11434/v1");

        ModelSettings own = ModelSettings.forTrack(Track.PROFILER, config("aiopt.model.baseline", "a",
                "aiopt.model.profiler", "b", "aiopt.apiBase.profiler", "http://127.0.0.1:9000/v1"));
        assertThat(own.models()).extracting(WeightedModel::name).containsExactly("b");
        assertThat(own.apiBase()).isEqualTo("http://127.0.0.1:9000/v1");
    }

    @Test
    void endpointWithoutModelIsIncompleteAndSaysWhatToSet() {
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE,
                config("aiopt.apiBase.baseline", "http://127.0.0.1:11434/v1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("track baseline has an endpoint (http://127.0.0.1:11434/v1) but no model")
                .hasMessageContaining("AI_OPT_MODEL_BASELINE");
    }

    @Test
    void gpt5WithAKeyUsesOpenAiAndGpt5ByDefault() {
        ModelSettings settings = ModelSettings.forTrack(Track.GPT5, config("aiopt.apiKey", Fixtures.FAKE_KEY));
        assertThat(settings.status()).isEqualTo(Status.LIVE);
        assertThat(settings.apiBase()).isEqualTo("https://api.openai.com/v1");
        assertThat(settings.models()).containsExactly(new WeightedModel("gpt-5", 1));
        assertThat(settings.describe()).isEqualTo("gpt-5 at https://api.openai.com/v1 (key from OPENAI_API_KEY)");
        assertThat(settings.toString()).doesNotContain("SECRET123");
    }

    @Test
    void gpt5ModelWithoutKeyFailsNamingTheVariable() {
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.GPT5, config("aiopt.model.gpt5", "gpt-5-mini")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("track gpt5 needs an API key for https://api.openai.com/v1: set OPENAI_API_KEY or "
                        + "aiopt.apiKeyFile (AI_OPT_API_KEY_FILE)");
    }

    @Test
    void gpt5AtALoopbackEndpointNeedsNoKey() {
        ModelSettings settings = ModelSettings.forTrack(Track.GPT5_PROFILER,
                config("aiopt.apiBase.gpt5", "http://localhost:8000/v1", "aiopt.model.gpt5", "openai/gpt-oss-20b"));
        assertThat(settings.status()).isEqualTo(Status.LIVE);
        assertThat(settings.describe()).isEqualTo("openai/gpt-oss-20b at http://localhost:8000/v1");
    }

    @Test
    void keyFileIsReadAndWinsOverTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("key.txt");
        Files.writeString(file, "sk-file-KEY4567890\n");
        ModelSettings settings = ModelSettings.forTrack(Track.GPT5,
                config("aiopt.apiKeyFile", file.toString(), "aiopt.apiKey", Fixtures.FAKE_KEY));
        assertThat(settings.describe()).endsWith("(key from AI_OPT_API_KEY_FILE)");
        assertThat(Secrets.redact("x sk-file-KEY4567890 y")).isEqualTo("x [REDACTED] y");
    }

    @Test
    void unreadableKeyFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.GPT5, config("aiopt.apiKeyFile", missing.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("aiopt.apiKeyFile points at " + missing)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void keyAsSystemPropertyIsRefusedBecauseSurefireWouldPrintIt() {
        System.setProperty("aiopt.apiKey", Fixtures.FAKE_KEY);
        try {
            assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("passed as the system property aiopt.apiKey")
                    .hasMessageContaining("export OPENAI_API_KEY")
                    .hasMessageNotContaining("SECRET123");
        } finally {
            System.clearProperty("aiopt.apiKey");
        }
    }

    @Test
    void ensembleParsesWeightsAfterTheLastColonSoOllamaTagsSurvive() {
        ModelSettings settings = ModelSettings.forTrack(Track.BASELINE,
                config("aiopt.models.baseline", "qwen2.5-coder:0.7, deepseek-coder:0.3"));
        assertThat(settings.models()).containsExactly(new WeightedModel("qwen2.5-coder", 0.7),
                new WeightedModel("deepseek-coder", 0.3));
        assertThat(settings.describe()).isEqualTo("ensemble qwen2.5-coder:0.7,deepseek-coder:0.3 at "
                + "http://127.0.0.1:8000/v1");

        assertThat(ModelSettings.parseEnsemble("aiopt.models.baseline", "qwen2.5-coder:7b:2,llama3.1:8b"))
                .containsExactly(new WeightedModel("qwen2.5-coder:7b", 2), new WeightedModel("llama3.1:8b", 1));
    }

    @Test
    void malformedEnsemblesNameTheKey() {
        assertThatThrownBy(() -> ModelSettings.parseEnsemble("aiopt.models.gpt5", "gpt-5:0"))
                .hasMessageContaining("weights must be > 0").hasMessageContaining("AI_OPT_MODELS_GPT5");
        assertThatThrownBy(() -> ModelSettings.parseEnsemble("aiopt.models.gpt5", "gpt-5,gpt-5:2"))
                .hasMessageContaining("names model 'gpt-5' twice");
        assertThatThrownBy(() -> ModelSettings.parseEnsemble("aiopt.models.gpt5", " , "))
                .hasMessageContaining("names no model");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE,
                config("aiopt.model.baseline", "a", "aiopt.models.baseline", "b:1,c:1")))
                .hasMessageContaining("set only one (AI_OPT_MODEL_BASELINE or AI_OPT_MODELS_BASELINE)");
    }

    @Test
    void overrideSelectsOfflineOrReplayForEveryTrack(@TempDir Path run) throws IOException {
        assertThat(ModelSettings.forTrack(Track.GPT5, config("aiopt.model", "offline")).status())
                .isEqualTo(Status.OFFLINE);

        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config("aiopt.model", "replay:" + run)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("there is no " + run.resolve("exchanges.jsonl"));

        Files.writeString(run.resolve("exchanges.jsonl"), "");
        ModelSettings replay = ModelSettings.forTrack(Track.BASELINE, config("aiopt.model", "replay:" + run));
        assertThat(replay.status()).isEqualTo(Status.REPLAY);
        assertThat(replay.replayDirectory()).contains(run);
        assertThat(replay.open(1, new Ledger(Budget.unlimited(), PriceTable.builtIn())).offline()).isTrue();

        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config("aiopt.model", "gpt-5")))
                .hasMessageContaining("neither replay:<run dir> nor offline")
                .hasMessageContaining("AI_OPT_MODEL_BASELINE");
    }

    @Test
    void offlineAndUnconfiguredTracksCannotBeOpenedHere() {
        Ledger ledger = new Ledger(Budget.unlimited(), PriceTable.builtIn());
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config()).open(1, ledger))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("open the experiment's offline recording instead");
    }

    @Test
    void malformedCallSettingsFailEvenForAnUnconfiguredTrack() {
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config("aiopt.model.timeout", "soon")))
                .hasMessage("aiopt.model.timeout = 'soon' is not a duration such as 90s, 5m, 2h or PT5M; "
                        + "fix AI_OPT_MODEL_TIMEOUT (or -Daiopt.model.timeout)");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config("aiopt.model.retries", "-1")))
                .hasMessageContaining("aiopt.model.retries = '-1' is not a whole number >= 0");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config("aiopt.model.maxTokens", "0")))
                .hasMessageContaining("aiopt.model.maxTokens = '0' is not a whole number > 0");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE, config("aiopt.model.temperature", "3")))
                .hasMessageContaining("a temperature from 0 to 2");
        assertThatThrownBy(() -> ModelSettings.forTrack(Track.BASELINE,
                config("aiopt.model.baseline", "m", "aiopt.apiBase.baseline", "localhost:8000")))
                .hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(Values.duration("aiopt.model.timeout", "90")).hasSeconds(90);
        assertThat(Values.duration("aiopt.model.timeout", "90s")).hasSeconds(90);
        assertThat(Values.duration("aiopt.model.timeout", "250ms")).hasMillis(250);
        assertThat(Values.duration("aiopt.model.timeout", "5m")).hasMinutes(5);
        assertThat(Values.duration("aiopt.model.timeout", "2h")).hasHours(2);
        assertThat(Values.duration("aiopt.model.timeout", "PT1M30S")).hasSeconds(90);
    }
}
