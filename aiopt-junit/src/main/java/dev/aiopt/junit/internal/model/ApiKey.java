package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** An API key; registered with {@link Secrets} on creation, and never shown by {@link #toString()}. */
final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
        Secrets.register(value);
    }

    static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.strip();
        if (v.isEmpty() || v.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigurationException("the API key is empty or contains spaces or control characters:"
                    + " set OPENAI_API_KEY (or aiopt.apiKeyFile) to the key alone");
        }
        return new ApiKey(v);
    }

    static ApiKey fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("aiopt.apiKeyFile points at " + file
                    + ", which cannot be read (" + e.getClass().getSimpleName()
                    + "): fix AI_OPT_API_KEY_FILE or set OPENAI_API_KEY instead");
        }
        if (text.isBlank()) {
            throw new ConfigurationException("aiopt.apiKeyFile " + file
                    + " is empty: put the key in it or set OPENAI_API_KEY instead");
        }
        return of(text.strip());
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKey[" + Secrets.MASK + "]";
    }
}
