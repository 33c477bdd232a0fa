package dev.aiopt.junit.internal.sandbox;

import java.util.Locale;

/** What {@code aiopt.sandbox} asks for. *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum SandboxMode {
    /** bubblewrap when installed (said once), else no sandbox with a warning. */
    AUTO,
    /** bubblewrap, and a configuration error when it is not installed. */
    BWRAP,
    /** No sandbox: candidates run as the user, with a warning on every run. */
    OFF;

    /** The configuration key. */
    public static final String KEY = "aiopt.sandbox";

    /**
     * Parses {@code auto}, {@code bwrap} or {@code off} (any case; blank means {@code auto}).
     *
     * @throws SandboxException naming the key and the accepted values
     */
    public static SandboxMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "bwrap", "bubblewrap" -> BWRAP;
            case "off", "none", "false" -> OFF;
            default -> throw new SandboxException(KEY + " is '" + value.strip()
                    + "', which is not a sandbox mode: use auto, bwrap or off");
        };
    }
}
