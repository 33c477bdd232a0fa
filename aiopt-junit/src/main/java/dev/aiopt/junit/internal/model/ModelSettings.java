package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Which model a track talks to, read from the configuration ({@link ModelKeys}) before any work starts.
 * {@link #status()} tells a usable live model or replay apart from "offline" (use the experiment's recorded
 * answers) and from "nothing configured for this track"; a track that is configured but incomplete (a model
 * without an endpoint's key, an endpoint without a model, a malformed number) fails in
 * {@link #forTrack(Track, Function)} with a message naming the variable to set.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ModelSettings {

    /** What a track's configuration amounts to. */
    public enum Status {
        /** One model or an ensemble at an OpenAI-compatible endpoint. */
        LIVE,
        /** {@code aiopt.model=replay:<dir>}: answers from a recorded run. */
        REPLAY,
        /** {@code aiopt.model=offline}: the experiment's own recorded answers. */
        OFFLINE,
        /** Nothing set for this track: use the experiment's offline recording if it has one, else fail. */
        NOT_CONFIGURED
    }

    /**
     * One model of a track and its share of the requests.
     *
     * @param name the model id the endpoint knows
     * @param weight relative weight, > 0
     */
    public record WeightedModel(String name, double weight) {
        public WeightedModel {
            Objects.requireNonNull(name, "name");
            if (!(weight > 0 && Double.isFinite(weight))) {
                throw new IllegalArgumentException("weight must be > 0: " + weight);
            }
        }
    }

    private final Track track;
    private final Status status;
    private final String apiBase;
    private final List<WeightedModel> models;
    private final ApiKey apiKey;
    private final String keySource;
    private final Path replay;
    private final Duration timeout;
    private final int retries;
    private final Integer maxTokens;
    private final double temperature;
    private final String reasoningEffort;

    private ModelSettings(Track track, Status status, String apiBase, List<WeightedModel> models, ApiKey apiKey,
            String keySource, Path replay, Options options) {
        this.track = track;
        this.status = status;
        this.apiBase = apiBase;
        this.models = List.copyOf(models);
        this.apiKey = apiKey;
        this.keySource = keySource;
        this.replay = replay;
        this.timeout = options.timeout;
        this.retries = options.retries;
        this.maxTokens = options.maxTokens;
        this.temperature = options.temperature;
        this.reasoningEffort = options.reasoningEffort;
    }

    /**
     * Reads a track's model settings.
     *
     * @param config looks up a canonical key ({@link ModelKeys}) and returns its value from whichever layer
     *     set it (annotation, properties file, environment, system property), or empty when unset; defaults
     *     are applied here, and a value equal to the default counts as unset
     * @throws ConfigurationException when the track is configured but incomplete or a value is malformed
     */
    public static ModelSettings forTrack(Track track, Function<String, Optional<String>> config) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(config, "config");
        if (System.getProperty(ModelKeys.API_KEY) != null) {
            throw new ConfigurationException("the API key was passed as the system property "
                    + ModelKeys.API_KEY + ", which surefire copies into its XML reports: remove it and export "
                    + "OPENAI_API_KEY or point " + ModelKeys.howToSet(ModelKeys.API_KEY_FILE) + " at a file");
        }
        Options options = Options.read(config);
        Optional<String> override = Values.lookup(config, ModelKeys.MODEL_OVERRIDE);
        if (override.isPresent()) {
            String value = override.get();
            if (value.equalsIgnoreCase("offline")) {
                return new ModelSettings(track, Status.OFFLINE, "", List.of(), null, "", null, options);
            }
            if (value.startsWith("replay:")) {
                Path dir = Path.of(value.substring("replay:".length()).strip());
                Path file = Files.isDirectory(dir) ? dir.resolve(RecordingModel.FILE_NAME) : dir;
                if (!Files.isRegularFile(file)) {
                    throw new ConfigurationException(ModelKeys.MODEL_OVERRIDE + "=" + value + ": there is no "
                            + file + "; point it at a run directory (target/aiopt/<experiment>/<track>/<run>) that "
                            + "holds " + RecordingModel.FILE_NAME);
                }
                return new ModelSettings(track, Status.REPLAY, "", List.of(), null, "", dir, options);
            }
            throw new ConfigurationException(ModelKeys.MODEL_OVERRIDE + " = '" + value + "' is neither "
                    + "replay:<run dir> nor offline; to choose a track's model set "
                    + ModelKeys.howToSet(ModelKeys.model(track)));
        }
        return track.usesGpt5() ? gpt5(track, config, options) : local(track, config, options);
    }

    private static ModelSettings local(Track track, Function<String, Optional<String>> config, Options options) {
        List<WeightedModel> models = models(track, config);
        Optional<String> base = explicit(config, ModelKeys.apiBase(track), ModelKeys.LOCAL_API_BASE_DEFAULT);
        if (track == Track.PROFILER) {
            if (models.isEmpty()) {
                models = models(Track.BASELINE, config);
            }
            if (base.isEmpty()) {
                base = explicit(config, ModelKeys.apiBase(Track.BASELINE), ModelKeys.LOCAL_API_BASE_DEFAULT);
            }
        }
        if (models.isEmpty()) {
            if (base.isPresent()) {
                throw new ConfigurationException("track " + track + " has an endpoint (" + base.get()
                        + ") but no model: set " + ModelKeys.howToSet(ModelKeys.model(track))
                        + (track == Track.PROFILER ? " or " + ModelKeys.howToSet(ModelKeys.model(Track.BASELINE)) : "")
                        + " to a model id the server knows");
            }
            return new ModelSettings(track, Status.NOT_CONFIGURED, "", List.of(), null, "", null, options);
        }
        String apiBase = checkedApiBase(track, base.orElse(ModelKeys.LOCAL_API_BASE_DEFAULT));
        return new ModelSettings(track, Status.LIVE, apiBase, models, null, "", null, options);
    }

    private static ModelSettings gpt5(Track track, Function<String, Optional<String>> config, Options options) {
        List<WeightedModel> models = models(track, config);
        Optional<String> base = explicit(config, ModelKeys.apiBase(track), ModelKeys.GPT5_API_BASE_DEFAULT);
        Optional<String> keyFile = Values.lookup(config, ModelKeys.API_KEY_FILE);
        Optional<String> key = Values.lookup(config, ModelKeys.API_KEY);
        if (models.isEmpty() && base.isEmpty() && keyFile.isEmpty() && key.isEmpty()) {
            return new ModelSettings(track, Status.NOT_CONFIGURED, "", List.of(), null, "", null, options);
        }
        if (models.isEmpty()) {
            models = List.of(new WeightedModel(ModelKeys.GPT5_MODEL_DEFAULT, 1));
        }
        String apiBase = checkedApiBase(track, base.orElse(ModelKeys.GPT5_API_BASE_DEFAULT));
        ApiKey apiKey = null;
        String keySource = "";
        if (keyFile.isPresent()) {
            apiKey = ApiKey.fromFile(Path.of(keyFile.get()));
            keySource = ModelKeys.envVar(ModelKeys.API_KEY_FILE);
        } else if (key.isPresent()) {
            apiKey = ApiKey.of(key.get());
            keySource = "OPENAI_API_KEY";
        }
        if (apiKey == null && !isLoopback(apiBase)) {
            throw new ConfigurationException("track " + track + " needs an API key for " + apiBase
                    + ": set OPENAI_API_KEY or aiopt.apiKeyFile (" + ModelKeys.envVar(ModelKeys.API_KEY_FILE) + ")");
        }
        return new ModelSettings(track, Status.LIVE, apiBase, models, apiKey, keySource, null, options);
    }

    /** A key's value unless unset or equal to its default (so a layer that fills in defaults is harmless). */
    private static Optional<String> explicit(Function<String, Optional<String>> config, String key, String dflt) {
        return Values.lookup(config, key).filter(v -> !v.equals(dflt));
    }

    private static List<WeightedModel> models(Track track, Function<String, Optional<String>> config) {
        Optional<String> single = Values.lookup(config, ModelKeys.model(track));
        if (track.usesGpt5()) {
            single = single.filter(v -> !v.equals(ModelKeys.GPT5_MODEL_DEFAULT));
        }
        Optional<String> ensemble = Values.lookup(config, ModelKeys.models(track));
        if (single.isPresent() && ensemble.isPresent()) {
            throw new ConfigurationException("track " + track + " has both " + ModelKeys.model(track) + " and "
                    + ModelKeys.models(track) + ": set only one (" + ModelKeys.envVar(ModelKeys.model(track)) + " or "
                    + ModelKeys.envVar(ModelKeys.models(track)) + ")");
        }
        if (single.isPresent()) {
            return List.of(new WeightedModel(single.get(), 1));
        }
        return ensemble.map(text -> parseEnsemble(ModelKeys.models(track), text)).orElse(List.of());
    }

    /** {@code name:weight,name:weight}; the weight follows the last colon and may be left out (ollama tags). */
    static List<WeightedModel> parseEnsemble(String key, String text) {
        List<WeightedModel> models = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String name = entry;
            double weight = 1;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.substring(colon + 1).strip().matches("[0-9]*\\.?[0-9]+")) {
                name = entry.substring(0, colon).strip();
                weight = Double.parseDouble(entry.substring(colon + 1).strip());
            }
            if (!(weight > 0)) {
                throw new ConfigurationException(key + ": model '" + name + "' has weight " + weight
                        + "; weights must be > 0 (e.g. qwen2.5-coder:7b:0.7,deepseek-coder-v2:0.3); fix "
                        + ModelKeys.howToSet(key));
            }
            if (!names.add(name)) {
                throw new ConfigurationException(key + " names model '" + name + "' twice; fix "
                        + ModelKeys.howToSet(key));
            }
            models.add(new WeightedModel(name, weight));
        }
        if (models.isEmpty()) {
            throw new ConfigurationException(key + " = '" + text + "' names no model; write name:weight,"
                    + "name:weight, e.g. qwen2.5-coder:7b:0.7,deepseek-coder-v2:0.3");
        }
        return models;
    }

    private static String checkedApiBase(Track track, String base) {
        HttpUrl url = HttpUrl.parse(base.strip());
        if (url == null) {
            throw new ConfigurationException(ModelKeys.apiBase(track) + " = '" + base + "' is not an http(s) URL"
                    + " such as http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (ollama) or "
                    + "https://api.openai.com/v1; fix " + ModelKeys.howToSet(ModelKeys.apiBase(track)));
        }
        return base.strip().replaceAll("/+$", "");
    }

    private static boolean isLoopback(String apiBase) {
        HttpUrl url = HttpUrl.parse(apiBase);
        if (url == null) {
            return false;
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    public Track track() {
        return track;
    }

    public Status status() {
        return status;
    }

    /** The endpoint of a {@link Status#LIVE} track, empty otherwise. */
    public String apiBase() {
        return apiBase;
    }

    /** The models of a {@link Status#LIVE} track (one, or an ensemble), empty otherwise. */
    public List<WeightedModel> models() {
        return models;
    }

    /** The recorded run to replay, for {@link Status#REPLAY}. */
    public Optional<Path> replayDirectory() {
        return Optional.ofNullable(replay);
    }

    /**
     * Fails for {@link Status#NOT_CONFIGURED}, naming the variables that configure this track; for an
     * experiment with no offline recording to fall back on.
     */
    public ModelSettings requireConfigured() {
        if (status == Status.NOT_CONFIGURED) {
            String how = track.usesGpt5()
                    ? "set OPENAI_API_KEY (model " + ModelKeys.GPT5_MODEL_DEFAULT + " at "
                            + ModelKeys.GPT5_API_BASE_DEFAULT + " by default; "
                            + ModelKeys.howToSet(ModelKeys.model(track)) + " and "
                            + ModelKeys.howToSet(ModelKeys.apiBase(track)) + " change them)"
                    : "set " + ModelKeys.howToSet(ModelKeys.model(track)) + " to a model id of your vLLM or ollama"
                            + " server, and " + ModelKeys.howToSet(ModelKeys.apiBase(track)) + " if it does not listen"
                            + " on " + ModelKeys.LOCAL_API_BASE_DEFAULT;
            throw new ConfigurationException("track " + track + " has no model configured: " + how
                    + "; or replay a recorded run with -D" + ModelKeys.MODEL_OVERRIDE + "=replay:<run dir>");
        }
        return this;
    }

    /** One line for the configuration printout; never contains the key. */
    public String describe() {
        return Secrets.redact(switch (status) {
            case LIVE -> (models.size() == 1 ? models.get(0).name()
                    : "ensemble " + models.stream().map(m -> m.name() + ":" + trim(m.weight()))
                            .collect(Collectors.joining(","))) + " at " + apiBase
                    + (apiKey == null ? "" : " (key from " + keySource + ")");
            case REPLAY -> "replay of " + replay;
            case OFFLINE -> "offline: the experiment's recorded answers";
            case NOT_CONFIGURED -> "not configured";
        });
    }

    private static String trim(double weight) {
        return weight == Math.rint(weight) ? Long.toString((long) weight) : Double.toString(weight);
    }

    /**
     * Opens the track's model, metered by the ledger: an {@link OpenAiCompatibleModel} (an ensemble sampled
     * with {@code seed} when several are configured) or a replay. Wrap the result in a {@link RecordingModel}
     * to record the run.
     *
     * @throws IllegalStateException for {@link Status#OFFLINE} and {@link Status#NOT_CONFIGURED}: the caller
     *     supplies the experiment's recording and meters it with {@link Ledger#meter(Model)}
     * @throws ConfigurationException when a money budget is set and a GPT-5 track's model has no price
     */
    public Model open(long seed, Ledger ledger) {
        return open(seed, ledger, UnaryOperator.identity());
    }

    Model open(long seed, Ledger ledger, UnaryOperator<OpenAiCompatibleModel.Builder> customise) {
        Objects.requireNonNull(ledger, "ledger");
        return switch (status) {
            case REPLAY -> ledger.meter(ReplayModel.fromPath(replay));
            case OFFLINE, NOT_CONFIGURED -> throw new IllegalStateException("track " + track + " is " + describe()
                    + ": open the experiment's offline recording instead");
            case LIVE -> {
                List<EnsembleModel.Member> members = new ArrayList<>();
                for (WeightedModel m : models) {
                    if (track.usesGpt5()) {
                        ledger.requirePriced(m.name());
                    }
                    members.add(new EnsembleModel.Member(customise.apply(builder(m.name())).build(), m.weight()));
                }
                Model model = members.size() == 1 ? members.get(0).model() : new EnsembleModel(members, seed);
                yield ledger.meter(model);
            }
        };
    }

    private OpenAiCompatibleModel.Builder builder(String model) {
        OpenAiCompatibleModel.Builder b = OpenAiCompatibleModel.builder(apiBase, model)
                .timeout(timeout).maxRetries(retries).temperature(temperature).reasoningEffort(reasoningEffort);
        if (maxTokens != null) {
            b.maxOutputTokens(maxTokens);
        }
        if (apiKey != null) {
            b.apiKey(apiKey);
        }
        return b;
    }

    @Override
    public String toString() {
        return "ModelSettings[" + track + ": " + describe() + "]";
    }

    /** Call settings shared by all tracks, read and checked even when a track is not configured. */
    private record Options(Duration timeout, int retries, Integer maxTokens, double temperature,
            String reasoningEffort) {
        static Options read(Function<String, Optional<String>> config) {
            Duration timeout = Values.duration(ModelKeys.TIMEOUT,
                    Values.lookup(config, ModelKeys.TIMEOUT).orElse(ModelKeys.TIMEOUT_DEFAULT));
            String retriesText = Values.lookup(config, ModelKeys.RETRIES).orElse(ModelKeys.RETRIES_DEFAULT);
            long retries = Values.nonNegativeLong(ModelKeys.RETRIES, retriesText);
            if (retries > 20) {
                throw Values.bad(ModelKeys.RETRIES, retriesText, "a number of retries from 0 to 20");
            }
            Integer maxTokens = Values.lookup(config, ModelKeys.MAX_TOKENS)
                    .map(v -> Values.positiveInt(ModelKeys.MAX_TOKENS, v)).orElse(null);
            String temperatureText = Values.lookup(config, ModelKeys.TEMPERATURE).orElse(ModelKeys.TEMPERATURE_DEFAULT);
            double temperature = Values.nonNegativeDouble(ModelKeys.TEMPERATURE, temperatureText);
            if (temperature > 2) {
                throw Values.bad(ModelKeys.TEMPERATURE, temperatureText, "a temperature from 0 to 2");
            }
            String effort = Values.lookup(config, ModelKeys.REASONING_EFFORT)
                    .orElse(ModelKeys.REASONING_EFFORT_DEFAULT).toLowerCase(Locale.ROOT);
            if (!effort.matches("[a-z]+")) {
                throw Values.bad(ModelKeys.REASONING_EFFORT, effort, "one of minimal, low, medium, high");
            }
            return new Options(timeout, (int) retries, maxTokens, temperature, effort);
        }
    }
}
