package dev.aiopt.junit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Response bodies, requests and a recording sleeper shared by the model tests. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FAKE_KEY = "sk-test-SECRET123";

    private Fixtures() {
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/model/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /model/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse json(int code, String resource) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(resource(resource)).build();
    }

    static MockResponse ok(String resource) {
        return json(200, resource);
    }

    static MockResponse serverError() {
        return new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")
                .build();
    }

    static ModelRequest request(String user) {
        return request(user, "0".repeat(64), 0);
    }

    static ModelRequest request(String user, String parent, int ordinal) {
        return new ModelRequest("You optimise C++ code. Answer with SEARCH/REPLACE blocks.", user,
                new ReplayKey(parent, ordinal));
    }

    static String sha(int n) {
        return String.format("%064x", n);
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().utf8());
    }

    /** Records the waits instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
