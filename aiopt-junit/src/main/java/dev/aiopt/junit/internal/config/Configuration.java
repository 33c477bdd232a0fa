package dev.aiopt.junit.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The effective configuration of one experiment: every known key that some layer set, with its source.
 * Immutable; built by {@link ConfigLayers}.
 */
public final class Configuration {
    private final Map<String, Setting> settings;

    Configuration(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
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
                + ConfigLayers.howToSet(key)));
    }

    public int getInt(String key, int fallback) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public long getLong(String key, long fallback) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    public double getDouble(String key, double fallback) {
        return find(key).map(v -> parse(key, v, Double::parseDouble)).orElse(fallback);
    }

    public boolean getFlag(String key) {
        return find(key).map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"))
                .orElse(false);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
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
        int width = settings.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Setting s : settings.values()) {
            out.append("  ").append(String.format("%-" + width + "s", s.key())).append(" = ")
                    .append(s.printable()).append("   (").append(s.source()).append(")\n");
        }
        return out.toString();
    }
}
