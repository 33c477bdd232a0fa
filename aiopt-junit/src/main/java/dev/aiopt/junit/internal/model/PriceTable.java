package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What models cost, in USD per million tokens in and out. Built in: OpenAI's list prices for the GPT-5 family
 * (standard tier, as published August 2025); {@code aiopt.pricesFile} and then {@code aiopt.prices} override
 * or add entries. A dated snapshot name ({@code gpt-5-2025-08-07}) costs what its family name costs.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class PriceTable {
    private static final Pattern ENTRY = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*([0-9.]+)\\s*/\\s*([0-9.]+)\\s*");
    private static final Pattern SNAPSHOT_SUFFIX = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$");
    private static final Map<String, Price> BUILT_IN;

    static {
        Map<String, Price> prices = new LinkedHashMap<>();
        prices.put("gpt-5", new Price(1.25, 10.00));
        prices.put("gpt-5-mini", new Price(0.25, 2.00));
        prices.put("gpt-5-nano", new Price(0.05, 0.40));
        prices.put("gpt-5-chat-latest", new Price(1.25, 10.00));
        prices.put("gpt-5-codex", new Price(1.25, 10.00));
        prices.put("gpt-5-pro", new Price(15.00, 120.00));
        prices.put("gpt-5.1", new Price(1.25, 10.00));
        BUILT_IN = Collections.unmodifiableMap(prices);
    }

    /**
     * The price of one model.
     *
     * @param inputPerMillion USD per million prompt tokens
     * @param outputPerMillion USD per million completion tokens (reasoning included)
     */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public Price {
            if (!(inputPerMillion >= 0 && Double.isFinite(inputPerMillion) && outputPerMillion >= 0
                    && Double.isFinite(outputPerMillion))) {
                throw new IllegalArgumentException("prices must be finite and >= 0: " + inputPerMillion + "/"
                        + outputPerMillion);
            }
        }

        /** USD for a call with these token counts. */
        public double cost(long tokensIn, long tokensOut) {
            return (tokensIn * inputPerMillion + tokensOut * outputPerMillion) / 1_000_000.0;
        }
    }

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** OpenAI's GPT-5 family list prices. */
    public static PriceTable builtIn() {
        return new PriceTable(BUILT_IN);
    }

    /** The built-in table with {@code aiopt.pricesFile} and {@code aiopt.prices} applied, in that order. */
    public static PriceTable fromConfig(Function<String, Optional<String>> config) {
        Map<String, Price> prices = new LinkedHashMap<>(BUILT_IN);
        Optional<String> file = Values.lookup(config, ModelKeys.PRICES_FILE);
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigurationException(ModelKeys.PRICES_FILE + " points at " + path
                        + ", which cannot be read (" + e.getClass().getSimpleName() + "): fix "
                        + ModelKeys.howToSet(ModelKeys.PRICES_FILE));
            }
            prices.putAll(parse(ModelKeys.PRICES_FILE, text, "\\R"));
        }
        Values.lookup(config, ModelKeys.PRICES).ifPresent(text -> prices.putAll(parse(ModelKeys.PRICES, text, "[;,\\n]")));
        return new PriceTable(prices);
    }

    /** This table plus one entry. */
    public PriceTable with(String model, Price price) {
        Map<String, Price> copy = new LinkedHashMap<>(prices);
        copy.put(model, price);
        return new PriceTable(copy);
    }

    /** The price of a model: its own entry, or its family's for a dated snapshot name. */
    public Optional<Price> priceOf(String model) {
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher snapshot = SNAPSHOT_SUFFIX.matcher(model);
        if (snapshot.find()) {
            return Optional.ofNullable(prices.get(model.substring(0, snapshot.start())));
        }
        return Optional.empty();
    }

    /** Every entry, model to price. */
    public Map<String, Price> asMap() {
        return prices;
    }

    private static Map<String, Price> parse(String key, String text, String separator) {
        Map<String, Price> parsed = new LinkedHashMap<>();
        for (String entry : text.split(separator)) {
            String line = entry.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                throw new ConfigurationException(key + ": '" + line + "' is not model=input/output in USD per "
                        + "million tokens, e.g. gpt-5=1.25/10.00; fix " + ModelKeys.howToSet(key));
            }
            try {
                parsed.put(m.group(1), new Price(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key + ": '" + line + "' has an invalid number; fix "
                        + ModelKeys.howToSet(key));
            }
        }
        return parsed;
    }
}
