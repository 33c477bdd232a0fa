package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.redact.Redactor;
import java.util.Map;

/**
 * The model layer's view of {@link Redactor}, the single redaction point: every key the model layer loads is
 * registered there, and {@link #redact(String)} masks registered keys and credential-shaped substrings with
 * {@value #MASK}. Kept so that model code reads naturally; the logic lives in {@code internal.redact}.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Secrets {
    /** What a redacted secret is replaced with. */
    public static final String MASK = Redactor.MASK;

    private Secrets() {
    }

    /** See {@link Redactor#register(String)}. */
    public static void register(String secret) {
        Redactor.register(secret);
    }

    /** See {@link Redactor#redact(String)}. */
    public static String redact(String text) {
        return Redactor.redact(text);
    }

    /** See {@link Redactor#isSecretName(String)}. */
    public static boolean isSecretName(String name) {
        return Redactor.isSecretName(name);
    }

    /**
     * Masks secrets in this JVM's system properties, because surefire copies them into its XML reports:
     * properties with a secret name are registered and replaced by {@value #MASK}, and registered secrets
     * inside other values are redacted.
     *
     * @return how many properties were changed
     */
    public static int scrubSystemProperties() {
        Map<Object, Object> properties = Map.copyOf(System.getProperties());
        properties.forEach((name, value) -> {
            if (name instanceof String n && value instanceof String v && isSecretName(n) && !v.equals(MASK)) {
                register(v);
            }
        });
        int changed = 0;
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof String value)) {
                continue;
            }
            String replacement = isSecretName(name) && !value.isEmpty() ? MASK : redact(value);
            if (!replacement.equals(value)) {
                System.setProperty(name, replacement);
                changed++;
            }
        }
        return changed;
    }
}
