package dev.aiopt.junit.internal.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One question to a model.
 *
 * @param system the system message
 * @param user the user message (the prompt proper)
 * @param key what identifies this request for record and replay: the same key gets the same answer
 * @param maxOutputTokens an output token limit for this request instead of the configured one (a re-ask after
 *     a reply cut off at the limit); empty: the configured limit
 * @param temperatureRaise how much hotter than configured to sample (a re-ask after a reply that duplicated known
 *     code), 0 to 2; models that take no temperature (GPT-5) ignore it
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ModelRequest(String system, String user, ReplayKey key, OptionalInt maxOutputTokens,
        double temperatureRaise) {
    public ModelRequest {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        if (maxOutputTokens.isPresent() && maxOutputTokens.getAsInt() <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be > 0: " + maxOutputTokens.getAsInt());
        }
        if (!(temperatureRaise >= 0 && temperatureRaise <= 2)) {
            throw new IllegalArgumentException("temperatureRaise must be within 0..2: " + temperatureRaise);
        }
    }

    /** A request with the configured output token limit and temperature. */
    public ModelRequest(String system, String user, ReplayKey key) {
        this(system, user, key, OptionalInt.empty(), 0);
    }

    /** This request with its own output token limit. */
    public ModelRequest withMaxOutputTokens(int tokens) {
        return new ModelRequest(system, user, key, OptionalInt.of(tokens), temperatureRaise);
    }

    /** This request sampled {@code raise} hotter than configured (capped at 2 by the model). */
    public ModelRequest withTemperatureRaise(double raise) {
        return new ModelRequest(system, user, key, maxOutputTokens, raise);
    }
}
