package dev.aiopt.junit.internal.model;

import java.util.Locale;

/**
 * How a chat completions request is phrased for a model family. OpenAI's reasoning models (GPT-5, o-series)
 * reject {@code max_tokens} and any temperature but their default, and take {@code reasoning_effort};
 * vLLM and ollama take {@code max_tokens} and {@code temperature}.
 */
enum Dialect {
    /** GPT-5 family and o-series: {@code max_completion_tokens}, {@code reasoning_effort}, no temperature. */
    OPENAI_REASONING,
    /** vLLM, ollama and other OpenAI-compatible servers: {@code max_tokens}, {@code temperature}. */
    CHAT;

    /** The dialect a model name calls for: {@code gpt-5*}, {@code o1*}, {@code o3*}, {@code o4*} reason. */
    public static Dialect forModel(String model) {
        String m = model.strip().toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        if (m.startsWith("gpt-5") || m.matches("o[134](-.*)?")) {
            return OPENAI_REASONING;
        }
        return CHAT;
    }
}
