package dev.aiopt.junit.internal.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps API keys out of everything aiopt writes. Every key the model layer loads is registered here, and
 * {@link #redact(String)} replaces registered keys and anything shaped like a credential ({@code sk-...},
 * {@code Bearer ...}, {@code apiKey=...}, passwords in URLs) with {@value #MASK}. Use it on every text that
 * leaves the process: configuration printouts, logs, report entries, surefire properties.
 */
public final class Secrets {
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

    private Secrets() {
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
     * Whether a configuration key or property name holds a secret by its name ({@code aiopt.apiKey},
     * {@code OPENAI_API_KEY}, {@code *token*}, {@code *password*}); names of files holding secrets
     * ({@code aiopt.apiKeyFile}) are not secrets themselves.
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (n.endsWith("file") || n.endsWith("path")) {
            return false;
        }
        return n.contains("apikey") || n.contains("secret") || n.contains("password") || n.endsWith("token")
                || n.contains("accesstoken") || n.contains("authtoken");
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
