package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import static dev.aiopt.junit.internal.model.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Track;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded gpt5 run with a fake key: the key reaches the server and nothing else. */
class NoKeyLeakTest {
    private static final String KEY_PART = "SECRET123";

    @Test
    void keyGoesToTheEndpointOnlyAndNeverIntoFilesOrMessages(@TempDir Path runDir) throws Exception {
        List<String> printed = new ArrayList<>();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(Fixtures.ok("openai-gpt5-chat-completion.json"));
            server.enqueue(Fixtures.serverError());
            server.enqueue(Fixtures.ok("openai-gpt5-chat-completion.json"));
            server.enqueue(Fixtures.ok("openai-gpt5-truncated.json"));
            server.enqueue(Fixtures.json(401, "openai-401-invalid-api-key.json"));
            Map<String, String> values = Map.of("aiopt.apiKey", Fixtures.FAKE_KEY,
                    "aiopt.apiBase.gpt5", server.url("/v1").toString(), "aiopt.budget.usd", "10");
            Function<String, Optional<String>> config = key -> Optional.ofNullable(values.get(key));

            ModelSettings settings = ModelSettings.forTrack(Track.GPT5_PROFILER, config);
            Ledger ledger = Ledger.fromConfig(config);
            Model model = new RecordingModel(settings.open(1, ledger, b -> b.sleeper(d -> { })), runDir);
            printed.add(settings.describe());
            printed.add(settings.toString());
            printed.add(model.describe());
            for (Map.Entry<String, String> e : values.entrySet()) {
                printed.add(e.getKey() + "=" + Secrets.redact(e.getValue()));
            }

            model.complete(request("first", Fixtures.sha(1), 0));
            model.complete(request("second; the build echoed " + Fixtures.FAKE_KEY, Fixtures.sha(1), 1));
            for (int i = 2; i < 4; i++) {
                int ordinal = i;
                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                        () -> model.complete(request("more", Fixtures.sha(1), ordinal)));
                assertThat(failure).isInstanceOf(ModelException.class);
                printed.add(failure.getMessage());
                printed.add(stackTrace(failure));
            }
            Files.writeString(runDir.resolve("run.json"), ledger.toJson().toPrettyString());
            Files.writeString(runDir.resolve("run.log"), String.join("\n", printed));

            RecordedRequest first = server.takeRequest();
            assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + Fixtures.FAKE_KEY);
            assertThat(server.getRequestCount()).isEqualTo(5);
        }

        assertThat(printed).isNotEmpty().noneMatch(text -> text.contains(KEY_PART));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("exchanges.jsonl", "run.json", "run.log");
        for (Path file : files) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(KEY_PART);
        }
        assertThat(Files.readString(runDir.resolve("exchanges.jsonl"))).contains("the build echoed [REDACTED]");
        assertThat(Files.readString(runDir.resolve("run.log"))).contains("refused the API key");
    }

    @Test
    void configurationErrorsNeverQuoteTheKey() {
        assertThatThrownBy(() -> ApiKey.of("sk-test SECRET123"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(KEY_PART);
        assertThat(ApiKey.of(Fixtures.FAKE_KEY).toString()).doesNotContain(KEY_PART);
    }

    private static String stackTrace(Throwable t) throws IOException {
        try (StringWriter out = new StringWriter(); PrintWriter writer = new PrintWriter(out)) {
            t.printStackTrace(writer);
            writer.flush();
            return out.toString();
        }
    }
}
