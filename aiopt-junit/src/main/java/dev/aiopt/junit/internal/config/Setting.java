package dev.aiopt.junit.internal.config;

import java.util.List;

/**
 * The effective value of one key and the layer it came from, as printed once per experiment.
 *
 * @param key canonical key
 * @param value the value (already redacted when printed via {@link #printable()})
 * @param source where it came from, e.g. {@code "@Experiment"}, {@code "env AI_OPT_BUILD_CMD"},
 *     {@code "system property -Dtrack"}, {@code "junit-platform.properties"}, {@code "default"}
 * @param secret whether the value must never be printed
 *
 * <p>Public because it is used by {@code evolution}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Setting(String key, String value, String source, boolean secret) {
    /** The value as it may be printed: secrets become {@code ****}. */
    public String printable() {
        return secret ? "****" : value;
    }

    /** The printout: one line per key, {@code key = value  (source)}, secrets redacted. */
    public static String describe(List<Setting> settings) {
        int width = settings.stream().mapToInt(s -> s.key().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Setting s : settings) {
            out.append("  ").append(String.format("%-" + width + "s", s.key())).append(" = ")
                    .append(s.printable()).append("   (").append(s.source()).append(")\n");
        }
        return out.toString();
    }
}
