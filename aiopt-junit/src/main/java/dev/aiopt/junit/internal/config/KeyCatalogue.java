package dev.aiopt.junit.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key a resolution knows, in printout order, each with its one default. Built once from
 * explicit lists (the core's, the model layer's, the gate's) and handed to {@link ConfigLayers}: there is no
 * registry to fill, so what is known never depends on which class loaded first.
 *
 * <p>Public because it is used by {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class KeyCatalogue {
    private final Map<String, KeySpec> specs;

    private KeyCatalogue(Map<String, KeySpec> specs) {
        this.specs = Collections.unmodifiableMap(specs);
    }

    /**
     * The catalogue of these groups of keys.
     *
     * @throws IllegalArgumentException when two groups define the same key: every key is defined once
     */
    @SafeVarargs
    public static KeyCatalogue of(List<KeySpec>... groups) {
        Map<String, KeySpec> specs = new LinkedHashMap<>();
        for (List<KeySpec> group : groups) {
            for (KeySpec spec : group) {
                if (specs.putIfAbsent(spec.key(), spec) != null) {
                    throw new IllegalArgumentException("configuration key " + spec.key() + " is defined twice");
                }
            }
        }
        return new KeyCatalogue(specs);
    }

    /** All keys, in the order of the groups. */
    public List<KeySpec> all() {
        return new ArrayList<>(specs.values());
    }

    /** The spec of a key, if known. */
    public Optional<KeySpec> spec(String key) {
        return Optional.ofNullable(specs.get(key));
    }

    /** How a user sets a key: its first environment variable, or the system property. */
    public String howToSet(String key) {
        KeySpec spec = specs.get(key);
        String env = spec == null || spec.envVars().isEmpty() ? "" : spec.envVars().get(0) + " or ";
        return env + "-D" + key;
    }
}
