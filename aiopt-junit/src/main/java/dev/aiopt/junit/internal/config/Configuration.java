package dev.aiopt.junit.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The effective configuration of one experiment: every known key that some layer set, with its source.
 * Immutable; built by {@link ConfigLayers}.
 *
 * <p>Public because it is used by {@code executor}, {@code extension}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Configuration {
    private final Map<String, Setting> settings;
    private final KeyCatalogue catalogue;

    Configuration(Map<String, Setting> settings, KeyCatalogue catalogue) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        this.catalogue = catalogue;
    }

    /** The value of a key, if any layer (or the key's default) set it. */
    public Optional<String> find(String key) {
        Setting setting = settings.get(key);
        return setting == null ? Optional.empty() : Optional.of(setting.value());
    }

    /** Where the value of a key came from, if set. */
    public Optional<Setting> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /**
     * The value of a key that must be set.
     *
     * @throws ConfigurationException naming the key and the variables that set it
     */
    public String require(String key, String what) {
        return find(key).orElseThrow(() -> new ConfigurationException(what + " is not configured: set "
                + catalogue.howToSet(key)));
    }

    /** A number whose key has a default in the catalogue (or is set): no fallback at the call site. */
    public int getInt(String key) {
        return parse(key, require(key, key), Integer::parseInt);
    }

    /** Like {@link #getInt(String)}. */
    public long getLong(String key) {
        return parse(key, require(key, key), Long::parseLong);
    }

    /** Like {@link #getInt(String)}. */
    public double getDouble(String key) {
        return parse(key, require(key, key), Double::parseDouble);
    }

    /** A number that may be unset. */
    public OptionalDouble findDouble(String key) {
        return find(key).map(v -> OptionalDouble.of(parse(key, v, Double::parseDouble)))
                .orElse(OptionalDouble.empty());
    }

    public boolean getFlag(String key) {
        return find(key).map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"))
                .orElse(false);
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a number, got '" + value + "'");
        }
    }

    /** Every set key, sorted, for the printout and {@code run.json}. */
    public List<Setting> effective() {
        return new ArrayList<>(settings.values());
    }

    /** The printout: one line per key, {@code key = value  (source)}, secrets redacted. */
    public String describe() {
        return Setting.describe(effective());
    }
}
