package dev.aiopt.junit.model;

import java.util.Objects;

/**
 * A model's answer with its cost figures.
 *
 * @param content the assistant message text
 * @param model the model that answered (as the endpoint named it)
 * @param tokensIn prompt tokens (0 when unknown)
 * @param tokensOut completion tokens (0 when unknown)
 * @param latencyMillis wall time of the call
 */
public record ModelReply(String content, String model, long tokensIn, long tokensOut, long latencyMillis) {
    public ModelReply {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(model, "model");
        if (tokensIn < 0 || tokensOut < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("negative token count or latency");
        }
    }
}
