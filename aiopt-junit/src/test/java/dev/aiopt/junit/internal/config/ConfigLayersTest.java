package dev.aiopt.junit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLayersTest {
    private static final KeyCatalogue CORE = KeyCatalogue.of(Keys.core());

    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static ConfigLayers layers(Map<String, String> platform, Map<String, String> env, Properties system) {
        return new ConfigLayers(CORE)
                .annotation(Keys.BUILD_CMD, "make from-annotation", "@Build")
                .annotation(Keys.GENERATIONS, "3", "@Experiment(generations)")
                .platform(key -> Optional.ofNullable(platform.get(key)), platform.keySet())
                .environment(env)
                .systemProperties(system);
    }

    @Test
    void eachLayerOverridesTheOneBelow() {
        Map<String, String> platform = Map.of(Keys.BUILD_CMD, "make from-platform");
        Map<String, String> env = Map.of("AI_OPT_BUILD_CMD", "make from-env");
        Properties system = properties(Keys.BUILD_CMD, "make from-system");

        assertThat(layers(Map.of(), Map.of(), new Properties()).resolve().setting(Keys.BUILD_CMD))
                .contains(new Setting(Keys.BUILD_CMD, "make from-annotation", "@Build", false));
        assertThat(layers(platform, Map.of(), new Properties()).resolve().setting(Keys.BUILD_CMD))
                .contains(new Setting(Keys.BUILD_CMD, "make from-platform", "junit-platform.properties", false));
        assertThat(layers(platform, env, new Properties()).resolve().setting(Keys.BUILD_CMD))
                .contains(new Setting(Keys.BUILD_CMD, "make from-env", "env AI_OPT_BUILD_CMD", false));
        assertThat(layers(platform, env, system).resolve().setting(Keys.BUILD_CMD))
                .contains(new Setting(Keys.BUILD_CMD, "make from-system", "system property -Daiopt.build.cmd", false));
    }

    @Test
    void layersOnlyOverrideTheKeysTheySet() {
        Configuration config = layers(Map.of(Keys.CANDIDATES, "4"), Map.of("AI_OPT_BUILD_CMD", "make from-env"),
                properties(Keys.SEED, "7")).resolve();

        assertThat(config.setting(Keys.GENERATIONS).map(Setting::source)).contains("@Experiment(generations)");
        assertThat(config.getInt(Keys.CANDIDATES)).isEqualTo(4);
        assertThat(config.getLong(Keys.SEED)).isEqualTo(7);
        assertThat(config.find(Keys.BUILD_CMD)).contains("make from-env");
    }

    @Test
    void anEmptyEnvironmentVariableDoesNotOverride() {
        Configuration config = layers(Map.of(), Map.of("AI_OPT_BUILD_CMD", ""), new Properties()).resolve();

        assertThat(config.find(Keys.BUILD_CMD)).contains("make from-annotation");
    }

    @Test
    void defaultsApplyWhenNoLayerSetsAKey() {
        Configuration config = layers(Map.of(), Map.of(), new Properties()).resolve();

        assertThat(config.setting(Keys.WEIGHT_THROUGHPUT))
                .contains(new Setting(Keys.WEIGHT_THROUGHPUT, "0.3", "default", false));
        assertThat(config.getDouble(Keys.WEIGHT_LATENCY)).isEqualTo(0.2);
        assertThat(config.find(Keys.TARGET_ROOT)).isEmpty();
        assertThat(config.getInt(Keys.CANDIDATES)).isEqualTo(2);
    }

    @Test
    void dashDTrackIsTheTrackAndOverridesTheEnvironmentAndAnnotation() {
        ConfigLayers layers = new ConfigLayers(CORE)
                .annotation(Keys.TRACK, "baseline", "@Experiment(track)")
                .environment(Map.of("AI_OPT_TRACK", "profiler"))
                .systemProperties(properties("track", "gpt5"));

        Configuration config = layers.resolve();

        assertThat(config.setting(Keys.TRACK)).contains(new Setting(Keys.TRACK, "gpt5", "system property -Dtrack", false));
    }

    @Test
    void theEnvironmentTrackOverridesTheAnnotation() {
        Configuration config = new ConfigLayers(CORE)
                .annotation(Keys.TRACK, "baseline", "@Experiment(track)")
                .environment(Map.of("AI_OPT_TRACK", "profiler"))
                .resolve();

        assertThat(config.setting(Keys.TRACK)).contains(new Setting(Keys.TRACK, "profiler", "env AI_OPT_TRACK", false));
    }

    @Test
    void theCanonicalTrackPropertyWinsOverTheAlias() {
        Configuration config = new ConfigLayers(CORE).systemProperties(properties("track", "gpt5", Keys.TRACK, "profiler"))
                .resolve();

        assertThat(config.find(Keys.TRACK)).contains("profiler");
    }

    @Test
    void anUnknownAioptSystemPropertyFailsWithTheKnownKeys() {
        ConfigLayers layers = layers(Map.of(), Map.of(), properties("aiopt.foo", "1", "aiopt.generatoins", "5",
                "java.io.tmpdir", "/tmp", "track", "baseline"));

        assertThatThrownBy(layers::resolve)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("unknown configuration keys:\n  aiopt.foo (system property)\n"
                        + "  aiopt.generatoins (system property): did you mean aiopt.generations?\nknown keys:\n"
                        + "  search and run:\n    aiopt.track (AI_OPT_TRACK): ")
                .hasMessageContaining("\n  target: tree, build, verify, benchmark:\n")
                .hasMessageContaining("    aiopt.generations: generations after the baseline")
                .hasMessageContaining("  aiopt.build.cmd (AI_OPT_BUILD_CMD): build command")
                .hasMessageContaining("  aiopt.target.root (AI_OPT_ROCKSDB_PATH)")
                .hasMessageNotContaining("java.io.tmpdir");
    }

    @Test
    void anUnknownKeyInJunitPlatformPropertiesFailsToo() {
        ConfigLayers layers = new ConfigLayers(CORE).platform(key -> Optional.empty(),
                Set.of("aiopt.bench.repeat", "junit.jupiter.execution.parallel.enabled"));

        assertThatThrownBy(layers::resolve)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("unknown configuration key aiopt.bench.repeat (junit-platform.properties): "
                        + "did you mean aiopt.bench.repeats?\nknown keys:")
                .hasMessageNotContaining("junit.jupiter");
    }

    @Test
    void aBadNumberNamesTheKeyAndTheValue() {
        Configuration config = layers(Map.of(), Map.of(), properties(Keys.GENERATIONS, "three", Keys.SEED, "1e3",
                Keys.MIN_FITNESS, "high")).resolve();

        assertThatThrownBy(() -> config.getInt(Keys.GENERATIONS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aiopt.generations must be a number, got 'three'");
        assertThatThrownBy(() -> config.getLong(Keys.SEED))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aiopt.seed must be a number, got '1e3'");
        assertThatThrownBy(() -> config.getDouble(Keys.MIN_FITNESS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aiopt.minFitness must be a number, got 'high'");
    }

    @Test
    void numbersMayCarrySpaces() {
        Configuration config = layers(Map.of(), Map.of(), properties(Keys.GENERATIONS, " 5 ")).resolve();

        assertThat(config.getInt(Keys.GENERATIONS)).isEqualTo(5);
    }

    @Test
    void aMissingRequiredKeySaysHowToSetIt() {
        Configuration config = new ConfigLayers(CORE).resolve();

        assertThatThrownBy(() -> config.require(Keys.TARGET_ROOT, "the target tree"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the target tree is not configured: set AI_OPT_ROCKSDB_PATH or -Daiopt.target.root");
    }

    @Test
    void describeListsEveryValueWithItsSource() {
        Configuration config = layers(Map.of(), Map.of("AI_OPT_BUILD_CMD", "make -j2"), properties("track", "gpt5"))
                .resolve();

        assertThat(config.describe())
                .containsPattern("aiopt\\.build\\.cmd +=  ?make -j2   \\(env AI_OPT_BUILD_CMD\\)")
                .containsPattern("aiopt\\.track +=  ?gpt5   \\(system property -Dtrack\\)")
                .containsPattern("aiopt\\.generations += 3   \\(@Experiment\\(generations\\)\\)");
    }

    @Test
    void describeRedactsSecrets() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("aiopt.apiKey", new Setting("aiopt.apiKey", "sk-live-1234567890", "env OPENAI_API_KEY", true));
        settings.put(Keys.TRACK, new Setting(Keys.TRACK, "gpt5", "default", false));
        Configuration config = new Configuration(settings, CORE);

        assertThat(config.describe()).contains("aiopt.apiKey = ****   (env OPENAI_API_KEY)").contains("gpt5")
                .doesNotContain("sk-live");
        assertThat(config.find("aiopt.apiKey")).contains("sk-live-1234567890");
    }

    @Test
    void aSecretKeyResolvedThroughTheLayersIsRedacted() {
        KeySpec secret = new KeySpec("aiopt.test.secretToken", List.of("AI_OPT_TEST_SECRET_TOKEN"), null,
                "a secret used only by ConfigLayersTest", true);

        Configuration config = new ConfigLayers(KeyCatalogue.of(Keys.core(), List.of(secret))).environment(Map.of("AI_OPT_TEST_SECRET_TOKEN", "hunter2")).resolve();

        assertThat(config.setting(secret.key()).map(Setting::printable)).contains("****");
        assertThat(config.describe()).contains("****").doesNotContain("hunter2");
    }

    @Test
    void aKeyDefinedTwiceIsRefused() {
        assertThatThrownBy(() -> KeyCatalogue.of(Keys.core(), List.of(KeySpec.of(Keys.SEED, null, "7", "again"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration key aiopt.seed is defined twice");
    }

    @Test
    void anUnsetAnnotationNumberLeavesTheCatalogueDefault() {
        Configuration config = new ConfigLayers(CORE).annotation(Keys.GENERATIONS, -1, "@Experiment(generations)")
                .annotation(Keys.SEED, Long.MIN_VALUE, "@Experiment(seed)")
                .annotation(Keys.MIN_FITNESS, Double.NaN, "@Experiment(minFitness)")
                .annotation(Keys.CANDIDATES, 5, "@Experiment(candidatesPerGeneration)").resolve();

        assertThat(config.setting(Keys.GENERATIONS)).contains(new Setting(Keys.GENERATIONS, "3", "default", false));
        assertThat(config.getLong(Keys.SEED)).isEqualTo(42);
        assertThat(config.findDouble(Keys.MIN_FITNESS)).isEmpty();
        assertThat(config.setting(Keys.CANDIDATES))
                .contains(new Setting(Keys.CANDIDATES, "5", "@Experiment(candidatesPerGeneration)", false));
    }

    @Test
    void theKeyListIsPrintedOnceGroupedByConcern() {
        ConfigLayers layers = new ConfigLayers(CORE).systemProperties(properties("aiopt.bench.repeat", "3",
                "aiopt.modle", "x"));

        assertThatThrownBy(layers::resolve).isInstanceOf(ConfigurationException.class).satisfies(e -> {
            String message = e.getMessage();
            assertThat(message.split("aiopt.bench.timeoutSeconds", -1)).hasSize(2);
            assertThat(message).contains("aiopt.bench.repeat (system property): did you mean aiopt.bench.repeats?")
                    .contains("aiopt.modle (system property): did you mean aiopt.mode?");
            assertThat(message.indexOf("  profiling:\n")).isLessThan(message.indexOf("    aiopt.bcoz.run"))
                    .isGreaterThan(message.indexOf("    aiopt.bench.cmd"));
        });
    }

    @Test
    void farFromEveryKeyThereIsNoSuggestion() {
        assertThat(KeyList.nearest("aiopt.completelyDifferent", CORE.all())).isEmpty();
        assertThat(KeyList.distance("aiopt.generatoins", "aiopt.generations")).isEqualTo(2);
    }

    @Test
    void aKeyOutsideTheCatalogueIsUnknown() {
        ConfigLayers layers = new ConfigLayers(CORE).systemProperties(properties("aiopt.model.gpt5", "gpt-5"));

        assertThatThrownBy(layers::resolve).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("unknown configuration key aiopt.model.gpt5 (system property)");
    }
}
