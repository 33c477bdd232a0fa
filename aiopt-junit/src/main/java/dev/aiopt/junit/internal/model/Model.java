package dev.aiopt.junit.internal.model;

/**
 * Something that writes candidates: given a prompt, answers with text (SEARCH/REPLACE diffs or a rewritten
 * slice). Implementations: an OpenAI-compatible HTTP endpoint, and replay of recorded exchanges (which is also
 * what the embedded experiment's offline mode uses).
 *
 * <p>Implementations must be safe to call from several threads at once.
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public interface Model {

    /**
     * Asks for one completion.
     *
     * @throws ModelException when no usable answer came back (transport failure after retries, refusal,
     *     truncated or empty reply, no recording); the loop loses this candidate and goes on
     */
    ModelReply complete(ModelRequest request);

    /**
     * One line saying what this model is, for the configuration printout and reports, e.g.
     * {@code "gpt-5 at https://api.openai.com/v1"} or {@code "offline replay of offline-responses.jsonl"}.
     * Never contains a secret.
     */
    String describe();

    /** Whether answers come from recordings rather than a live model; printed wherever results are. */
    default boolean offline() {
        return false;
    }
}
