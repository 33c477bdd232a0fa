package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.KeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration keys of the model layer, as data: canonical key, environment variable, default and
 * description, which the key catalogue joins with the core's and the gate's, map environment variables onto
 * them and print them (secrets redacted). Tracks {@code gpt5} and {@code gpt5_profiler} share the
 * {@code gpt5} keys.
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ModelKeys {
    /** Replaces every track's model: {@code replay:<run dir>} or {@code offline}. */
    public static final String MODEL_OVERRIDE = "aiopt.model";
    /** The OpenAI API key (environment only, never a system property). */
    public static final String API_KEY = "aiopt.apiKey";
    /** A file whose content is the API key. */
    public static final String API_KEY_FILE = "aiopt.apiKeyFile";
    /** Per-attempt timeout of one model call. */
    public static final String TIMEOUT = "aiopt.model.timeout";
    /** Retries after a failed attempt (429, 5xx, timeout, broken connection). */
    public static final String RETRIES = "aiopt.model.retries";
    /** Output token limit per reply. */
    public static final String MAX_TOKENS = "aiopt.model.maxTokens";
    /** Sampling temperature of local models (GPT-5 accepts only its default). */
    public static final String TEMPERATURE = "aiopt.model.temperature";
    /** GPT-5 reasoning effort. */
    public static final String REASONING_EFFORT = "aiopt.model.reasoningEffort";
    /** Hard limit on tokens (in + out) per run. */
    public static final String BUDGET_TOKENS = "aiopt.budget.tokens";
    /** Hard limit on money per run, in USD. */
    public static final String BUDGET_USD = "aiopt.budget.usd";
    /** Hard limit on wall-clock time per run. */
    public static final String BUDGET_WALL_CLOCK = "aiopt.budget.wallClock";
    /** Price overrides, USD per million tokens. */
    public static final String PRICES = "aiopt.prices";
    /** A properties file of price overrides. */
    public static final String PRICES_FILE = "aiopt.pricesFile";

    static final String LOCAL_API_BASE_DEFAULT = "http://127.0.0.1:8000/v1";
    static final String GPT5_API_BASE_DEFAULT = "https://api.openai.com/v1";
    static final String GPT5_MODEL_DEFAULT = "gpt-5";
    static final String TIMEOUT_DEFAULT = "300s";
    static final String RETRIES_DEFAULT = "4";
    static final String TEMPERATURE_DEFAULT = "0.8";
    static final String REASONING_EFFORT_DEFAULT = "medium";

    private static final List<KeySpec> ALL = build();

    private ModelKeys() {
    }

    /** Every key of the model layer, in printout order. */
    public static List<KeySpec> all() {
        return ALL;
    }

    /** The key family a track reads: {@code baseline}, {@code profiler} or {@code gpt5}. */
    public static String family(Track track) {
        return switch (track) {
            case BASELINE -> "baseline";
            case PROFILER -> "profiler";
            case GPT5, GPT5_PROFILER -> "gpt5";
        };
    }

    /** {@code aiopt.model.<family>}: the single model of a track. */
    public static String model(Track track) {
        return "aiopt.model." + family(track);
    }

    /** {@code aiopt.models.<family>}: a weighted ensemble, {@code name:weight,name:weight}. */
    public static String models(Track track) {
        return "aiopt.models." + family(track);
    }

    /** {@code aiopt.apiBase.<family>}: the OpenAI-compatible endpoint, ending in {@code /v1}. */
    public static String apiBase(Track track) {
        return "aiopt.apiBase." + family(track);
    }

    /**
     * {@code aiopt.context.<family>}: the prompt token budget of a track's model (its context window less the
     * room for the answer); a prompt estimated larger is shrunk. Not under {@code aiopt.model.<family>}, which
     * names the model.
     */
    public static String context(Track track) {
        return "aiopt.context." + family(track);
    }

    /** The environment variable that sets a key of this layer, e.g. {@code AI_OPT_MODEL_GPT5}. */
    public static String envVar(String key) {
        for (KeySpec spec : ALL) {
            if (spec.key().equals(key)) {
                return spec.envVars().get(0);
            }
        }
        throw new IllegalArgumentException("not a model-layer key: " + key);
    }

    /** {@code AI_OPT_MODEL_GPT5 (or -Daiopt.model.gpt5)}: how messages tell users what to set. */
    static String howToSet(String key) {
        KeySpec spec = ALL.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
        String env = spec.envVars().get(0);
        return spec.secret() ? env : env + " (or -D" + key + ")";
    }

    private static List<KeySpec> build() {
        List<KeySpec> keys = new ArrayList<>();
        keys.add(spec(MODEL_OVERRIDE, null,
                "replace the model of every track: replay:<run dir> replays that run's exchanges.jsonl, "
                        + "offline uses the experiment's own recording"));
        keys.add(spec("aiopt.model.baseline", null, "model of track baseline (vLLM/ollama model id)"));
        keys.add(spec("aiopt.models.baseline", null,
                "weighted ensemble for track baseline instead of one model: name:weight,name:weight"));
        keys.add(spec("aiopt.apiBase.baseline", LOCAL_API_BASE_DEFAULT,
                "OpenAI-compatible endpoint of track baseline (vLLM :8000/v1, ollama :11434/v1)"));
        keys.add(spec("aiopt.model.profiler", null, "model of track profiler; defaults to aiopt.model.baseline"));
        keys.add(spec("aiopt.models.profiler", null, "weighted ensemble for track profiler"));
        keys.add(spec("aiopt.apiBase.profiler", LOCAL_API_BASE_DEFAULT,
                "endpoint of track profiler; defaults to aiopt.apiBase.baseline"));
        keys.add(spec("aiopt.model.gpt5", GPT5_MODEL_DEFAULT, "model of tracks gpt5 and gpt5_profiler"));
        keys.add(spec("aiopt.models.gpt5", null, "weighted ensemble for tracks gpt5 and gpt5_profiler"));
        keys.add(spec("aiopt.apiBase.gpt5", GPT5_API_BASE_DEFAULT, "endpoint of tracks gpt5 and gpt5_profiler"));
        keys.add(spec("aiopt.context.baseline", null, "prompt token budget of track baseline's model (e.g. 8192 for"
                + " an ollama model with num_ctx 16384); a larger prompt is shrunk and the run says so; unset: no budget"));
        keys.add(spec("aiopt.context.profiler", null, "prompt token budget of track profiler's model; defaults to"
                + " aiopt.context.baseline"));
        keys.add(spec("aiopt.context.gpt5", null, "prompt token budget of the gpt5 tracks' model"));
        keys.add(new KeySpec(API_KEY, List.of("OPENAI_API_KEY"), null,
                "API key of the gpt5 tracks; from the environment only (system properties end up in surefire XML)",
                true));
        keys.add(spec(API_KEY_FILE, null, "file holding the API key (wins over OPENAI_API_KEY)"));
        keys.add(spec(TIMEOUT, TIMEOUT_DEFAULT, "timeout of one attempt of a model call (e.g. 90s, 5m)"));
        keys.add(spec(RETRIES, RETRIES_DEFAULT,
                "retries after 429/5xx/timeouts, exponential backoff with jitter, Retry-After honoured"));
        keys.add(spec(MAX_TOKENS, null,
                "output token limit per reply (GPT-5: max_completion_tokens, default 32768; "
                        + "vLLM/ollama: max_tokens, default: the server's)"));
        keys.add(spec(TEMPERATURE, TEMPERATURE_DEFAULT, "sampling temperature of vLLM/ollama models (not sent to GPT-5)"));
        keys.add(spec(REASONING_EFFORT, REASONING_EFFORT_DEFAULT,
                "GPT-5 reasoning_effort: minimal, low, medium, high"));
        keys.add(spec(BUDGET_TOKENS, null, "hard limit on tokens (in + out) per run; unlimited when unset"));
        keys.add(spec(BUDGET_USD, null, "hard limit on model cost per run in USD; unlimited when unset"));
        keys.add(spec(BUDGET_WALL_CLOCK, null, "hard limit on wall-clock time per run (e.g. 45m, 2h)"));
        keys.add(spec(PRICES, null,
                "price overrides in USD per million tokens: model=in/out;model=in/out"));
        keys.add(spec(PRICES_FILE, null, "properties file of price overrides: model=in/out per line"));
        return List.copyOf(keys);
    }

    private static KeySpec spec(String key, String defaultValue, String description) {
        return KeySpec.of(key, toEnv(key), defaultValue, description);
    }

    /** aiopt.apiBase.gpt5 -> AI_OPT_API_BASE_GPT5 */
    static String toEnv(String key) {
        String rest = key.substring("aiopt.".length());
        StringBuilder env = new StringBuilder("AI_OPT_");
        for (char c : rest.toCharArray()) {
            if (c == '.') {
                env.append('_');
            } else if (Character.isUpperCase(c)) {
                env.append('_').append(c);
            } else {
                env.append(Character.toUpperCase(c));
            }
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }
}
