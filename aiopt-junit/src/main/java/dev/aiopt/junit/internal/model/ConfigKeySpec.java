package dev.aiopt.junit.internal.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key of the model layer, for the configuration registry: its canonical name (as in
 * {@code -Daiopt.model.gpt5=...} or {@code junit-platform.properties}), the environment variable that sets it,
 * its default, what it means, and whether its value is a secret (never printed, never accepted as a system
 * property).
 *
 * @param key canonical key, e.g. {@code aiopt.model.baseline}
 * @param envVar environment variable, e.g. {@code AI_OPT_MODEL_BASELINE}
 * @param defaultValue the default, or null when there is none
 * @param description one line for the configuration printout and the README
 * @param secret whether the value must never be printed
 */
public record ConfigKeySpec(String key, String envVar, String defaultValue, String description, boolean secret) {
    public ConfigKeySpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(envVar, "envVar");
        Objects.requireNonNull(description, "description");
        if (!key.startsWith("aiopt.")) {
            throw new IllegalArgumentException("configuration keys start with 'aiopt.': " + key);
        }
    }

    /** The default, if there is one. */
    public Optional<String> defaultValueIfAny() {
        return Optional.ofNullable(defaultValue);
    }
}
