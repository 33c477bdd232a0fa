package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A model behind an OpenAI-compatible {@code POST {api_base}/chat/completions} endpoint: OpenAI's GPT-5
 * family, vLLM, ollama. Phrases the request in the model's {@link Dialect}, reads the answer, the reasoning
 * text (under either field name servers use), the finish reason and the usage. Each attempt has a timeout;
 * 429, 503 (both honouring {@code Retry-After}), other 5xx, timeouts and broken connections are retried with
 * exponential backoff and jitter; 400, 401, 403 and 404 are not. A truncated, empty or unparsable reply is a
 * {@link ModelException}: the loop loses that candidate and goes on.
 *
 * <p>Public because it is used by the tests of {@code diff};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class OpenAiCompatibleModel implements Model {
    private static final MediaType JSON_MEDIA_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient SHARED_CLIENT = new OkHttpClient();
    static final int GPT5_DEFAULT_MAX_COMPLETION_TOKENS = 32768;

    private final HttpUrl endpoint;
    private final String apiBase;
    private final String model;
    private final Dialect dialect;
    private final ApiKey apiKey;
    private final OkHttpClient client;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Integer maxOutputTokens;
    private final double temperature;
    private final String reasoningEffort;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    private OpenAiCompatibleModel(Builder b) {
        this.apiBase = b.apiBase;
        this.endpoint = Objects.requireNonNull(HttpUrl.parse(b.apiBase + "/chat/completions"));
        this.model = b.model;
        this.dialect = b.dialect == null ? Dialect.forModel(b.model) : b.dialect;
        this.apiKey = b.apiKey;
        this.timeout = b.timeout;
        this.retry = RetryPolicy.standard(b.maxRetries, b.jitter);
        this.maxOutputTokens = b.maxOutputTokens;
        this.temperature = b.temperature;
        this.reasoningEffort = b.reasoningEffort;
        this.sleeper = b.sleeper;
        this.nanoTime = b.nanoTime;
        this.client = SHARED_CLIENT.newBuilder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * Starts a model at an OpenAI-compatible endpoint.
     *
     * @param apiBase the base URL ending in {@code /v1}, e.g. {@code http://127.0.0.1:11434/v1}
     * @param model the model id the endpoint knows, e.g. {@code gpt-5} or {@code qwen2.5-coder:7b}
     */
    public static Builder builder(String apiBase, String model) {
        return new Builder(apiBase, model);
    }

    /** The model id sent in requests. */
    public String model() {
        return model;
    }

    /** The request dialect in use. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String describe() {
        return Secrets.redact(model + " at " + apiBase);
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        byte[] body = requestBody(request);
        long start = nanoTime.getAsLong();
        String lastFailure = null;
        for (int attempt = 0; ; attempt++) {
            Attempt outcome = attempt(body);
            if (outcome.reply != null) {
                long millis = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start);
                return outcome.reply.withLatencyMillis(Math.max(0, millis));
            }
            lastFailure = outcome.failure;
            if (attempt >= retry.maxRetries()) {
                throw new ModelException(describe() + ": " + lastFailure + "; gave up after " + (attempt + 1)
                        + " attempt" + (attempt == 0 ? "" : "s") + " (" + ModelKeys.RETRIES + "=" + retry.maxRetries()
                        + ", " + ModelKeys.TIMEOUT + "=" + timeout.toMillis() + "ms per attempt)");
            }
            int retryNumber = attempt;
            Duration wait = outcome.retryAfter.orElseGet(() -> retry.backoff(retryNumber));
            if (wait.compareTo(retry.maxRetryAfter()) > 0) {
                throw new ModelException(describe() + ": " + lastFailure + "; the endpoint asks to wait "
                        + wait.toSeconds() + " s before retrying, longer than the " + retry.maxRetryAfter().toMinutes()
                        + " min this client waits: try again later or raise the rate limit");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException(describe() + ": interrupted while waiting to retry after: " + lastFailure);
            }
        }
    }

    byte[] requestBody(ModelRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        messages.addObject().put("role", "user").put("content", request.user());
        root.put("stream", false);
        Integer limit = request.maxOutputTokens().isPresent() ? Integer.valueOf(request.maxOutputTokens().getAsInt())
                : maxOutputTokens;
        switch (dialect) {
            case OPENAI_REASONING -> {
                root.put("max_completion_tokens", limit == null ? GPT5_DEFAULT_MAX_COMPLETION_TOKENS : limit);
                root.put("reasoning_effort", reasoningEffort);
            }
            case CHAT -> {
                if (limit != null) {
                    root.put("max_tokens", limit);
                }
                root.put("temperature", Math.min(2.0, temperature + request.temperatureRaise()));
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a chat completions request", e);
        }
    }

    /** One HTTP exchange: a reply, a retryable failure, or (thrown) a failure not worth retrying. */
    private Attempt attempt(byte[] body) {
        Request.Builder http = new Request.Builder().url(endpoint)
                .post(RequestBody.create(body, JSON_MEDIA_TYPE))
                .header("Accept", "application/json");
        if (apiKey != null) {
            http.header("Authorization", "Bearer " + apiKey.value());
        }
        try (Response response = client.newCall(http.build()).execute()) {
            String text = response.body().string();
            int code = response.code();
            if (code == 200) {
                return Attempt.success(parse(text));
            }
            return failure(code, text, retryAfter(response));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ModelException(describe() + ": interrupted");
            }
            return Attempt.retry("no answer within " + timeout.toMillis() + " ms", Optional.empty());
        } catch (ConnectException e) {
            return Attempt.retry("cannot connect to " + apiBase + " (" + e.getMessage()
                    + "): is the server (vLLM, ollama) running there?", Optional.empty());
        } catch (IOException e) {
            return Attempt.retry("connection failed: " + e, Optional.empty());
        }
    }

    private Attempt failure(int code, String body, Optional<Duration> retryAfter) {
        String said = serverMessage(body);
        String errorCode = errorField(body, "code");
        String status = "HTTP " + code + (said.isEmpty() ? "" : ": " + said);
        if (code == 429 && "insufficient_quota".equals(errorCode)) {
            throw new ModelException(describe() + ": the account behind the API key has no quota left ("
                    + status + "); check billing or use another key");
        }
        if (code == 429 || code == 503) {
            return Attempt.retry((code == 429 ? "rate limited (" : "service unavailable (") + status + ")", retryAfter);
        }
        if (code >= 500 || code == 408 || code == 409) {
            return Attempt.retry("server error (" + status + ")", retryAfter);
        }
        String advice = switch (code) {
            case 401 -> apiKey == null
                    ? "the endpoint wants an API key and none was sent: set OPENAI_API_KEY (or aiopt.apiKeyFile)"
                    : "the endpoint refused the API key: set OPENAI_API_KEY (or aiopt.apiKeyFile) to a valid key";
            case 403 -> "the API key may not use model '" + model + "' at this endpoint: check the key's project "
                    + "and model access, or choose another model";
            case 404 -> "no model '" + model + "' or no chat completions endpoint at " + apiBase
                    + ": check the track's AI_OPT_MODEL_* and AI_OPT_API_BASE_* (the base ends in /v1; "
                    + "for ollama, 'ollama pull " + model + "' first)";
            case 400 -> "the endpoint rejected the request; if it names max_tokens, temperature or "
                    + "reasoning_effort, the model needs the other request dialect than " + dialect;
            default -> "the endpoint refused the request";
        };
        throw new ModelException(describe() + ": " + advice + " (" + status + ")");
    }

    ModelReply parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelException(describe() + ": answered with invalid JSON (" + text.length()
                    + " characters, starting " + quote(text, 80) + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(describe() + ": answered with JSON that is not a chat completion: "
                    + quote(text, 80));
        }
        if (root.path("error").isObject()) {
            throw new ModelException(describe() + ": answered with an error: " + serverMessage(text));
        }
        String answeredBy = root.path("model").isTextual() ? root.get("model").asText() : model;
        JsonNode usage = root.path("usage");
        long tokensIn = Math.max(0, usage.path("prompt_tokens").asLong(0));
        long tokensOut = Math.max(0, usage.path("completion_tokens").asLong(0));
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new SpentModelException(describe() + ": the reply has no choices (" + quote(text, 120) + ")",
                    answeredBy, tokensIn, tokensOut);
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        String finishReason = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : "";
        AnswerText answer = AnswerText.split(message.path("content").isTextual() ? message.get("content").asText() : "");
        String content = answer.answer();
        String reasoning = joined(firstText(message, "reasoning_content", "reasoning"), answer.reasoning());
        if ("length".equals(finishReason) || answer.reasoningUnclosed()) {
            // Cut off: returned, not thrown, so that the caller can ask again within its attempts and the
            // ledger counts the tokens like any reply's.
            return new ModelReply(content, answeredBy, tokensIn, tokensOut, 0, reasoning, "length");
        }
        if ("content_filter".equals(finishReason)) {
            throw new SpentModelException(describe() + ": the provider's content filter withheld the reply",
                    answeredBy, tokensIn, tokensOut);
        }
        if (message.path("refusal").isTextual() && !message.get("refusal").asText().isBlank()) {
            throw new SpentModelException(describe() + ": the model refused: "
                    + quote(message.get("refusal").asText(), 200), answeredBy, tokensIn, tokensOut);
        }
        if (content.isBlank()) {
            throw new SpentModelException(describe() + ": the reply is empty (finish_reason "
                    + (finishReason.isEmpty() ? "missing" : finishReason) + reasoningTokens(usage)
                    + (reasoning.isEmpty() ? "" : ", only reasoning text") + ")",
                    answeredBy, tokensIn, tokensOut);
        }
        return new ModelReply(content, answeredBy, tokensIn, tokensOut, 0, reasoning, finishReason);
    }

    private static String reasoningTokens(JsonNode usage) {
        JsonNode reasoning = usage.path("completion_tokens_details").path("reasoning_tokens");
        return reasoning.canConvertToLong() && reasoning.asLong() > 0
                ? ", " + reasoning.asLong() + " of them reasoning" : "";
    }

    private static String joined(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + "\n\n" + second;
    }

    private static String firstText(JsonNode message, String... fields) {
        for (String field : fields) {
            JsonNode node = message.path(field);
            if (node.isTextual() && !node.asText().isEmpty()) {
                return node.asText();
            }
        }
        return "";
    }

    /** Reads {@code Retry-After} (seconds or an HTTP date) or OpenAI's {@code retry-after-ms}. */
    private static Optional<Duration> retryAfter(Response response) {
        String millis = response.header("retry-after-ms");
        if (millis != null) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(millis.strip())))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        String value = response.header("Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(seconds * 1000))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The error message a server put in its body ({@code {"error": {"message": ...}}} or plain text). */
    private static String serverMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null) {
                JsonNode error = root.path("error");
                if (error.isObject() && error.path("message").isTextual()) {
                    return quote(error.get("message").asText(), 300);
                }
                if (error.isTextual()) {
                    return quote(error.asText(), 300);
                }
                if (root.path("detail").isTextual()) {
                    return quote(root.get("detail").asText(), 300);
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: show the text
        }
        return body.isBlank() ? "" : quote(body, 300);
    }

    private static String errorField(String body, String field) {
        try {
            JsonNode root = JSON.readTree(body);
            return root == null ? "" : root.path("error").path(field).asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String quote(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return "'" + (oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...") + "'";
    }

    private static final class Attempt {
        final ModelReply reply;
        final String failure;
        final Optional<Duration> retryAfter;

        private Attempt(ModelReply reply, String failure, Optional<Duration> retryAfter) {
            this.reply = reply;
            this.failure = failure;
            this.retryAfter = retryAfter;
        }

        static Attempt success(ModelReply reply) {
            return new Attempt(reply, null, Optional.empty());
        }

        static Attempt retry(String failure, Optional<Duration> retryAfter) {
            return new Attempt(null, failure, retryAfter);
        }
    }

    /** Settings of an {@link OpenAiCompatibleModel}; every setting has a default but the API key. */
    public static final class Builder {
        private final String apiBase;
        private final String model;
        private Dialect dialect;
        private ApiKey apiKey;
        private Duration timeout = Duration.ofSeconds(300);
        private int maxRetries = 4;
        private Integer maxOutputTokens;
        private double temperature = 0.8;
        private String reasoningEffort = "medium";
        private Sleeper sleeper = Sleeper.REAL;
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(String apiBase, String model) {
            this.apiBase = normaliseApiBase(apiBase);
            Objects.requireNonNull(model, "model");
            if (model.isBlank()) {
                throw new ConfigurationException("the model id is empty: set the track's AI_OPT_MODEL_*");
            }
            this.model = model.strip();
        }

        /** The request dialect; by default chosen from the model id ({@link Dialect#forModel(String)}). */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** The key sent as {@code Authorization: Bearer}; registered with {@link Secrets} at once. */
        public Builder apiKey(String key) {
            this.apiKey = ApiKey.of(key);
            return this;
        }

        Builder apiKey(ApiKey key) {
            this.apiKey = key;
            return this;
        }

        /** Timeout of one attempt (connect, send, wait, read). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Retries after a retryable failure; 0 tries once. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** Output token limit ({@code max_completion_tokens} or {@code max_tokens}, by dialect). */
        public Builder maxOutputTokens(int tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("maxOutputTokens must be > 0: " + tokens);
            }
            this.maxOutputTokens = tokens;
            return this;
        }

        /** Sampling temperature; sent in the {@link Dialect#CHAT} dialect only. */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be within 0..2: " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** {@code reasoning_effort}; sent in the {@link Dialect#OPENAI_REASONING} dialect only. */
        public Builder reasoningEffort(String effort) {
            if (effort == null || !effort.strip().matches("[a-z]+")) {
                throw new IllegalArgumentException("reasoning effort must be a word such as low, medium, high: "
                        + effort);
            }
            this.reasoningEffort = effort.strip();
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter);
            return this;
        }

        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime);
            return this;
        }

        public OpenAiCompatibleModel build() {
            return new OpenAiCompatibleModel(this);
        }

        private static String normaliseApiBase(String apiBase) {
            Objects.requireNonNull(apiBase, "apiBase");
            String base = apiBase.strip();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            if (base.endsWith("/chat/completions")) {
                base = base.substring(0, base.length() - "/chat/completions".length());
            }
            HttpUrl url = HttpUrl.parse(base);
            if (url == null) {
                throw new ConfigurationException("API base '" + apiBase + "' is not an http(s) URL such as "
                        + "http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (ollama) or "
                        + "https://api.openai.com/v1: fix the track's AI_OPT_API_BASE_*");
            }
            return base;
        }
    }
}
