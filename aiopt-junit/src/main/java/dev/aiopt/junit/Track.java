package dev.aiopt.junit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four arms of the seeds' protocol: which model family writes candidates, and whether the causal
 * profile is shown to it. Every track profiles and scores the same way, so fitness is comparable.
 */
public enum Track {
    /** A local model (vLLM, ollama), no profiler feedback in the prompt. */
    BASELINE("baseline", false, false),
    /** GPT-5, no profiler feedback in the prompt. */
    GPT5("gpt5", true, false),
    /** A local model with the causal profile in the prompt. */
    PROFILER("profiler", false, true),
    /** GPT-5 with the causal profile in the prompt. */
    GPT5_PROFILER("gpt5_profiler", true, true);

    private final String id;
    private final boolean gpt5;
    private final boolean profilerFeedback;

    Track(String id, boolean gpt5, boolean profilerFeedback) {
        this.id = id;
        this.gpt5 = gpt5;
        this.profilerFeedback = profilerFeedback;
    }

    /** The name used on the command line and in paths: {@code baseline}, {@code gpt5_profiler}, ... */
    public String id() {
        return id;
    }

    /** Whether this track talks to the GPT-5 family rather than a local model. */
    public boolean usesGpt5() {
        return gpt5;
    }

    /** Whether the causal profile goes into the prompt. */
    public boolean profilerFeedback() {
        return profilerFeedback;
    }

    /**
     * Parses a track name as written by users ({@code baseline}, {@code GPT5_PROFILER}, {@code gpt5-profiler}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Track parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Track track : values()) {
            if (track.id.equals(wanted)) {
                return track;
            }
        }
        throw new IllegalArgumentException("unknown track '" + text + "'; use one of "
                + Arrays.stream(values()).map(Track::id).collect(Collectors.joining(", ")) + " (or 'all')");
    }

    @Override
    public String toString() {
        return id;
    }
}
