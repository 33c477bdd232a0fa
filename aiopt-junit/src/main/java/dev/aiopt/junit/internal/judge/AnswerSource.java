package dev.aiopt.junit.internal.judge;

/** Where a track's model answers came from; it decides what a comparison of tracks can mean. *
 * <p>Public because it is used by {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum AnswerSource {
    /** Asked a model during the run: the comparison measures the tracks. */
    LIVE_MODEL("live model"),
    /** Replayed from a recording of this track's own live answers: the tracks, as they answered then. */
    RECORDING("recording"),
    /**
     * The bundled offline replay: every track gets the same recorded answers, so the tracks can only differ by
     * benchmark noise and the comparison measures noise alone.
     */
    OFFLINE_REPLAY("offline replay");

    private final String label;

    AnswerSource(String label) {
        this.label = label;
    }

    /** E.g. {@code live model}. */
    public String label() {
        return label;
    }
}
