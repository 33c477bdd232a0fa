package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration values, with messages that name the key and show an accepted value. */
final class Values {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Values() {
    }

    /** The value of a key, blank values counting as unset. */
    static Optional<String> lookup(Function<String, Optional<String>> config, String key) {
        Optional<String> value = config.apply(key);
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }

    static Duration duration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return positive(key, text, Duration.parse(text.strip().toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw bad(key, text, "a duration such as 90s, 5m, 2h or PT5M");
            }
        }
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (!m.matches()) {
            throw bad(key, text, "a duration such as 90s, 5m, 2h or PT5M");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return positive(key, text, Duration.ofMillis(Math.round(millis)));
    }

    private static Duration positive(String key, String text, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw bad(key, text, "a positive duration such as 90s, 5m or 2h");
        }
        return d;
    }

    static long nonNegativeLong(String key, String text) {
        try {
            long value = Long.parseLong(text.strip().replace("_", ""));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, text, "a whole number >= 0");
    }

    static int positiveInt(String key, String text) {
        long value = nonNegativeLong(key, text);
        if (value == 0 || value > Integer.MAX_VALUE) {
            throw bad(key, text, "a whole number > 0");
        }
        return (int) value;
    }

    static double nonNegativeDouble(String key, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, text, "a number >= 0");
    }

    static ConfigurationException bad(String key, String text, String wanted) {
        return new ConfigurationException(key + " = '" + text + "' is not " + wanted
                + "; fix " + ModelKeys.howToSet(key));
    }
}
