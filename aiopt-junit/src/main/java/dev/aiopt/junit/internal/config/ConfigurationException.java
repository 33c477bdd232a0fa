package dev.aiopt.junit.internal.config;

/** A broken configuration: unknown key, bad value, missing variable. The message says what to set. */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
