package dev.aiopt.junit.internal.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key that aiopt understands: its canonical {@code aiopt.*} name, the environment
 * variables that may set it (the seeds' {@code AI_OPT_*} names), its default and what it is for.
 *
 * @param key canonical name, e.g. {@code aiopt.build.cmd}
 * @param envVars environment variables read for it, first found wins
 * @param defaultValue used when no layer sets it; {@code null} for none
 * @param description one line for the unknown-key error and the README
 * @param secret whether values are redacted wherever they are printed
 *
 * <p>Public because it is used by {@code executor}, {@code model}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record KeySpec(String key, List<String> envVars, String defaultValue, String description, boolean secret) {
    public KeySpec {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith("aiopt.")) {
            throw new IllegalArgumentException("configuration keys start with 'aiopt.': " + key);
        }
        envVars = List.copyOf(envVars);
        Objects.requireNonNull(description, "description");
    }

    /** A key set by at most one environment variable, not secret. */
    public static KeySpec of(String key, String env, String defaultValue, String description) {
        return new KeySpec(key, env == null ? List.of() : List.of(env), defaultValue, description, false);
    }
}
