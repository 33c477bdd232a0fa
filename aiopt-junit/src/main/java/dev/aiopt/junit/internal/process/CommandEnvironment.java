package dev.aiopt.junit.internal.process;

import dev.aiopt.junit.internal.redact.Redactor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment a build, verify, bench or profile command gets, by allowlist: {@code PATH}, {@code LANG} and
 * {@code LC_*}, {@code TMPDIR}, every {@code AIOPT_*} variable, and the variables the user lists in
 * {@code aiopt.env.pass}; {@code HOME} is set to a scratch directory. Nothing else of this JVM's environment
 * reaches model-written code. A variable named like a secret ({@code *KEY*}, {@code *TOKEN*}, {@code *SECRET*},
 * {@code *PASSWORD*}, ...) or holding a registered secret value is never passed: listing one is an error naming it.
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class CommandEnvironment {
    /** The configuration key of the user's extra variables: names separated by commas or spaces. */
    public static final String PASS_KEY = "aiopt.env.pass";

    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION).*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> variables;

    private CommandEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /**
     * The allowlisted part of {@code parent} (usually {@link System#getenv()}) plus the variables named in
     * {@code pass} that {@code parent} has.
     *
     * @throws IllegalArgumentException when {@code pass} names a secret-like or malformed variable, or a
     *     passed variable holds a registered secret; the message names it and the fix
     */
    public static CommandEnvironment fromParent(Map<String, String> parent, Collection<String> pass) {
        Map<String, String> chosen = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (isAllowedByDefault(name) && !isSecretLike(name) && !Redactor.containsKnownSecret(value)) {
                chosen.put(name, value);
            }
        });
        for (String raw : pass) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(PASS_KEY + " lists '" + name
                        + "', which is not an environment variable name: list names only, separated by commas");
            }
            if (isSecretLike(name)) {
                throw new IllegalArgumentException(PASS_KEY + " lists " + name + ", which is named like a secret:"
                        + " secrets are never passed to build, verify, bench or profile commands; remove " + name
                        + " from " + PASS_KEY);
            }
            String value = parent.get(name);
            if (value != null) {
                requireNoKnownSecret(name, value);
                chosen.put(name, value);
            }
        }
        return new CommandEnvironment(chosen);
    }

    /** The names in a value of {@value #PASS_KEY}: separated by commas and/or whitespace, blanks ignored. */
    public static List<String> names(String passValue) {
        if (passValue == null || passValue.isBlank()) {
            return List.of();
        }
        return Arrays.stream(passValue.split("[,\\s]+")).filter(n -> !n.isBlank()).toList();
    }

    /** {@link #fromParent} with {@link System#getenv()} and nothing listed. */
    public static CommandEnvironment ofThisProcess() {
        return fromParent(System.getenv(), List.of());
    }

    /**
     * This environment plus {@code name=value}, replacing an earlier value: for what aiopt itself passes
     * ({@code AIOPT_WORKSPACE}, {@code AIOPT_SCRATCH}, ...).
     *
     * @throws IllegalArgumentException when {@code name} is secret-like or {@code value} holds a registered secret
     */
    public CommandEnvironment with(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
        }
        if (isSecretLike(name)) {
            throw new IllegalArgumentException(name + " is named like a secret and is never passed to commands");
        }
        requireNoKnownSecret(name, value);
        Map<String, String> next = new TreeMap<>(variables);
        next.put(name, value);
        return new CommandEnvironment(next);
    }

    /** This environment plus every entry of {@code extra}, as {@link #with(String, String)} one by one. */
    public CommandEnvironment withAll(Map<String, String> extra) {
        CommandEnvironment result = this;
        for (Map.Entry<String, String> e : new TreeMap<>(extra).entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    /** This environment with {@code HOME} set to {@code home}, a scratch directory of the command. */
    public CommandEnvironment home(Path home) {
        return with("HOME", home.toAbsolutePath().toString());
    }

    /** The value of {@code name}, if passed. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** Every variable, unmodifiable. */
    public Map<String, String> variables() {
        return variables;
    }

    /** Whether {@code name} looks like it holds a credential; such a variable is never passed. */
    public static boolean isSecretLike(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_NAME.matcher(upper).matches() || Redactor.isSecretName(name);
    }

    private static boolean isAllowedByDefault(String name) {
        return name.equals("PATH") || name.equals("LANG") || name.startsWith("LC_") || name.equals("TMPDIR")
                || name.startsWith("AIOPT_");
    }

    private static void requireNoKnownSecret(String name, String value) {
        if (Redactor.containsKnownSecret(value)) {
            throw new IllegalArgumentException(name + " holds a secret (an API key this run loaded): secrets are"
                    + " never passed to build, verify, bench or profile commands; unset it or remove it from " + PASS_KEY);
        }
    }

    @Override
    public String toString() {
        return "CommandEnvironment" + variables.keySet();
    }
}
