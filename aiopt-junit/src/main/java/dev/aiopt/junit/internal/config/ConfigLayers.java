package dev.aiopt.junit.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves configuration the JMH way, lowest layer first: annotation values, then
 * {@code junit-platform.properties} (and launcher configuration parameters), then the environment
 * ({@code AI_OPT_*}), then system properties ({@code -Daiopt.*}, and {@code -Dtrack}). Unknown
 * {@code aiopt.*} keys are an error listing the known ones.
 *
 * <p>Public because it is used by {@code extension}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ConfigLayers {
    private final KeyCatalogue catalogue;
    private final Map<String, String> annotation = new LinkedHashMap<>();
    private final Map<String, String> annotationSources = new LinkedHashMap<>();
    private Function<String, Optional<String>> platform = key -> Optional.empty();
    private Set<String> platformKeys = Set.of();
    private Map<String, String> environment = Map.of();
    private Properties system = new Properties();

    /** Layers that resolve the keys of {@code catalogue}; any other {@code aiopt.*} key is an error. */
    public ConfigLayers(KeyCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    private Optional<KeySpec> spec(String key) {
        return catalogue.spec(key);
    }

    /** Value from an annotation attribute; {@code source} names it, e.g. {@code "@Bench(repeats)"}. */
    public ConfigLayers annotation(String key, String value, String source) {
        if (value != null && !value.isEmpty()) {
            annotation.put(key, value);
            annotationSources.put(key, source);
        }
        return this;
    }

    /** An annotation's number; a negative value is an unset attribute and leaves the key's default. */
    public ConfigLayers annotation(String key, int value, String source) {
        return value < 0 ? this : annotation(key, String.valueOf(value), source);
    }

    /** An annotation's number; {@link Long#MIN_VALUE} is an unset attribute and leaves the key's default. */
    public ConfigLayers annotation(String key, long value, String source) {
        return value == Long.MIN_VALUE ? this : annotation(key, String.valueOf(value), source);
    }

    /** An annotation's number; {@code NaN} is an unset attribute and leaves the key's default. */
    public ConfigLayers annotation(String key, double value, String source) {
        return Double.isNaN(value) ? this : annotation(key, String.valueOf(value), source);
    }

    /**
     * The JUnit platform layer: {@code lookup} is {@code ExtensionContext::getConfigurationParameter};
     * {@code enumerable} are the keys of the {@code junit-platform.properties} files on the class path
     * (the lookup itself cannot be enumerated), checked for unknown keys.
     */
    public ConfigLayers platform(Function<String, Optional<String>> lookup, Set<String> enumerable) {
        this.platform = Objects.requireNonNull(lookup);
        this.platformKeys = Set.copyOf(enumerable);
        return this;
    }

    /** The environment layer ({@code AI_OPT_*} variables). */
    public ConfigLayers environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    /** The system property layer ({@code -Daiopt.*}, {@code -Dtrack}). */
    public ConfigLayers systemProperties(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        this.system = copy;
        return this;
    }

    /**
     * Resolves every known key.
     *
     * @throws ConfigurationException for an unknown {@code aiopt.*} key in system properties or
     *     {@code junit-platform.properties}
     */
    public Configuration resolve() {
        checkUnknown();
        Map<String, Setting> result = new LinkedHashMap<>();
        for (KeySpec spec : catalogue.all()) {
            resolveKey(spec).ifPresent(s -> result.put(spec.key(), s));
        }
        return new Configuration(result, catalogue);
    }

    private Optional<Setting> resolveKey(KeySpec spec) {
        String key = spec.key();
        String sys = system.getProperty(key);
        if (sys != null) {
            return Optional.of(new Setting(key, sys, "system property -D" + key, spec.secret()));
        }
        if (key.equals(Keys.TRACK) && system.getProperty("track") != null) {
            return Optional.of(new Setting(key, system.getProperty("track"), "system property -Dtrack", false));
        }
        for (String env : spec.envVars()) {
            String value = environment.get(env);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Setting(key, value, "env " + env, spec.secret()));
            }
        }
        Optional<String> fromPlatform = platform.apply(key);
        if (fromPlatform.isPresent()) {
            return Optional.of(new Setting(key, fromPlatform.get(), "junit-platform.properties", spec.secret()));
        }
        if (annotation.containsKey(key)) {
            return Optional.of(new Setting(key, annotation.get(key), annotationSources.get(key), spec.secret()));
        }
        if (spec.defaultValue() != null) {
            return Optional.of(new Setting(key, spec.defaultValue(), "default", spec.secret()));
        }
        return Optional.empty();
    }

    private void checkUnknown() {
        Set<String> unknown = new TreeSet<>();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("aiopt.") && spec(name).isEmpty()) {
                unknown.add(name + " (system property)");
            }
        }
        for (String name : platformKeys) {
            if (name.startsWith("aiopt.") && spec(name).isEmpty()) {
                unknown.add(name + " (junit-platform.properties)");
            }
        }
        for (String name : annotation.keySet()) {
            if (spec(name).isEmpty()) {
                throw new IllegalStateException("annotation maps to unregistered key " + name);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (String entry : unknown) {
                String name = entry.substring(0, entry.indexOf(' '));
                named.add(entry + KeyList.nearest(name, catalogue.all()).map(k -> ": did you mean " + k + "?").orElse(""));
            }
            throw new ConfigurationException("unknown configuration key" + (unknown.size() > 1 ? "s:\n  " : " ")
                    + String.join("\n  ", named) + "\nknown keys:\n" + KeyList.grouped(catalogue.all()));
        }
    }
}
