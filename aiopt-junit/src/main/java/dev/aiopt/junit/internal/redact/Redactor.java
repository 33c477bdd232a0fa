package dev.aiopt.junit.internal.redact;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text. Every secret value this JVM loads (API keys, values of secret-named variables) is
 * registered here, and {@link #redact(String)} replaces registered values and anything shaped like a credential
 * ({@code sk-...}, {@code Bearer ...}, {@code apiKey=...}, passwords in URLs) with {@value #MASK}.
 *
 * <p>JVM-wide on purpose: a key loaded by the model layer must be masked in a build log written by the
 * evaluation layer.
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code model}, {@code process};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Redactor {
    /** What a redacted secret is replaced with. */
    public static final String MASK = "[REDACTED]";

    private static final int MIN_REGISTERED_LENGTH = 6;
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static final Pattern OPENAI_STYLE_KEY = Pattern.compile("(?<![A-Za-z0-9_\\-])sk-[A-Za-z0-9_\\-]{8,}");
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(bearer\\s+)(?=[A-Za-z._~+/=\\-]*[0-9])[A-Za-z0-9._~+/=\\-]{6,}");
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)((?:api[_\\-.]?key|secret|password|passwd|access[_\\-]?token|auth[_\\-]?token)\"?\\s*[=:]\\s*\"?)"
                    + "(?!\\[REDACTED\\])[^\\s\",}&]+");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.\\-]*://)[^/@\\s]+@");

    private Redactor() {
    }

    /**
     * Registers a secret value so that {@link #redact(String)} removes it wherever it appears, whatever its
     * shape. Values shorter than six characters are ignored (they would mask ordinary words).
     */
    public static void register(String secret) {
        if (secret != null && secret.strip().length() >= MIN_REGISTERED_LENGTH) {
            KNOWN.add(secret.strip());
        }
    }

    /** Whether {@code text} contains a registered secret value. */
    public static boolean containsKnownSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String secret : KNOWN) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every registered secret and every credential-shaped substring masked; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : KNOWN) {
            result = result.replace(secret, MASK);
        }
        result = OPENAI_STYLE_KEY.matcher(result).replaceAll(MASK);
        result = BEARER.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        result = ASSIGNED.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        result = URL_USER_INFO.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        return result;
    }

    /**
     * Whether a configuration key, property or environment variable holds a secret by its name
     * ({@code aiopt.apiKey}, {@code OPENAI_API_KEY}, {@code GITHUB_TOKEN}, {@code *password*}); names of files
     * holding secrets ({@code aiopt.apiKeyFile}) are not secrets themselves.
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (n.endsWith("file") || n.endsWith("path")) {
            return false;
        }
        return n.contains("apikey") || n.contains("secret") || n.contains("password") || n.endsWith("token")
                || n.contains("accesstoken") || n.contains("authtoken");
    }
}
