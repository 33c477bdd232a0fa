package dev.aiopt.junit.internal.model;

import java.util.Objects;

/**
 * A model's answer with its cost figures.
 *
 * @param content the answer: the assistant message text without reasoning sections ({@link AnswerText})
 * @param model the model that answered (as the endpoint named it)
 * @param tokensIn prompt tokens (0 when unknown)
 * @param tokensOut completion tokens, reasoning included (0 when unknown)
 * @param latencyMillis wall time of the call
 * @param reasoning the reasoning text the endpoint returned beside the answer ({@code reasoning} or
 *     {@code reasoning_content}) or inside it ({@code <think>} sections), empty when none
 * @param finishReason why generation stopped as the endpoint said ({@code stop}, ...), empty when unknown
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
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

    /**
     * Whether generation stopped at the output token limit: the endpoint said {@code finish_reason: "length"}, or
     * (when it gave no reason, as in older recordings) the answer ends inside a code or SEARCH/REPLACE block.
     */
    public boolean truncated() {
        return "length".equals(finishReason)
                || finishReason.isEmpty() && new AnswerText(content, "", false).endsInsideABlock();
    }

    /** This reply with another latency, e.g. the wall time measured around retries. */
    public ModelReply withLatencyMillis(long millis) {
        return new ModelReply(content, model, tokensIn, tokensOut, millis, reasoning, finishReason);
    }
}
