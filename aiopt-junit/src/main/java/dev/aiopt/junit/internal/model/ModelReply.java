package dev.aiopt.junit.internal.model;

import java.util.Objects;

/**
 * A model's answer with its cost figures.
 *
 * @param content the assistant message text
 * @param model the model that answered (as the endpoint named it)
 * @param tokensIn prompt tokens (0 when unknown)
 * @param tokensOut completion tokens, reasoning included (0 when unknown)
 * @param latencyMillis wall time of the call
 * @param reasoning the reasoning text the endpoint returned beside the answer ({@code reasoning} or
 *     {@code reasoning_content}), empty when none
 * @param finishReason why generation stopped as the endpoint said ({@code stop}, ...), empty when unknown
 */
public record ModelReply(String content, String model, long tokensIn, long tokensOut, long latencyMillis,
        String reasoning, String finishReason) {
    public ModelReply {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(finishReason, "finishReason");
        if (tokensIn < 0 || tokensOut < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("negative token count or latency");
        }
    }

    /** A reply without reasoning text or finish reason (recordings, offline answers). */
    public ModelReply(String content, String model, long tokensIn, long tokensOut, long latencyMillis) {
        this(content, model, tokensIn, tokensOut, latencyMillis, "", "");
    }

    /** This reply with another latency, e.g. the wall time measured around retries. */
    public ModelReply withLatencyMillis(long millis) {
        return new ModelReply(content, model, tokensIn, tokensOut, millis, reasoning, finishReason);
    }
}
