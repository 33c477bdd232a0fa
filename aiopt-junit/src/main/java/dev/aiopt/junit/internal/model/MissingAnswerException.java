package dev.aiopt.junit.internal.model;

/**
 * An offline model (a recording or a directory of versions) holds no answer for a request. The message names
 * the full key and what to add so that the request is answered. A candidate whose earlier reply was rejected
 * keeps that rejection as its outcome: a missing answer to the re-ask is not a model failure.
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class MissingAnswerException extends ModelException {
    private static final long serialVersionUID = 1L;

    public MissingAnswerException(String message) {
        super(message);
    }

    /**
     * The key as a JSON object that can be pasted into a recording line: {@code {"parent":"…","ordinal":n}},
     * with {@code "reask":r} for a re-ask.
     */
    public static String json(ReplayKey key) {
        return "{\"parent\":\"" + key.parentSha256() + "\",\"ordinal\":" + key.ordinal()
                + (key.reask() > 0 ? ",\"reask\":" + key.reask() : "") + "}";
    }
}
