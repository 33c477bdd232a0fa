package dev.aiopt.junit.internal.model;

/**
 * The model layer's configuration is broken or incomplete (a missing model or key, an unparsable number, an
 * unreadable key file). Raised before any work starts; the message names the variable to set.
 */
public class ModelConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelConfigurationException(String message) {
        super(Secrets.redact(message));
    }
}
