package dev.aiopt.junit.internal.config;

/** A broken configuration: unknown key, bad value, missing variable. The message says what to set. *
 * <p>Public because it is used by {@code executor}, {@code extension}, {@code gate}, {@code model}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
