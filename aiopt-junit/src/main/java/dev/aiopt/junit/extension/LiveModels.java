package dev.aiopt.junit.extension;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.config.Configuration;
import dev.aiopt.junit.config.ConfigurationException;
import dev.aiopt.junit.model.Model;

/** Live model endpoints per track; filled in by the OpenAI-compatible client. */
final class LiveModels {
    private LiveModels() {
    }

    /** The live model configured for {@code track}, or null when nothing is configured for it. */
    static Model forTrack(Track track, Configuration config) {
        String key = "aiopt.model." + (track.usesGpt5() ? "gpt5" : track.id());
        if (config.find(key).isPresent()) {
            throw new ConfigurationException(key + " is set, but this build has no live model client yet");
        }
        return null;
    }

    static String howToConfigure(Track track) {
        return track.usesGpt5() ? "set OPENAI_API_KEY (and AI_OPT_MODEL_GPT5)"
                : "set AI_OPT_MODEL_" + track.id().toUpperCase(java.util.Locale.ROOT) + " (and its API base)";
    }
}
