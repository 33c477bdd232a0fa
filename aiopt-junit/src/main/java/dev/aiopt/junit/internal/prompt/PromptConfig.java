package dev.aiopt.junit.internal.prompt;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How prompts are built: the answer format asked for, the code fence language, the size bounds, which optional
 * sections appear and which metrics are better when lower. Start from {@link #defaults()}.
 *
 * @param mode edit blocks or full rewrite
 * @param language code fence language of the listings (for example {@code cpp})
 * @param maxChars bound on system + user message characters; oldest attempts are dropped first to stay within it
 * @param maxArtifactChars bound per artifact, per attempt detail and per attempt diff; longer texts keep their
 *     head and tail around a marker saying how much was cut
 * @param sections the optional sections to include (when their input is present)
 * @param lowerIsBetter metric names for which a decrease is an improvement (latencies, stall shares); all other
 *     metrics are better when higher
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record PromptConfig(Mode mode, String language, int maxChars, int maxArtifactChars, Set<Section> sections,
        Set<String> lowerIsBetter) {

    /** What the model is asked to answer with. */
    public enum Mode {
        /** {@code <<<<<<< SEARCH / ======= / >>>>>>> REPLACE} edit blocks against the current program. */
        DIFF,
        /** The whole slice in one fenced code block. */
        FULL_REWRITE
    }

    /** Optional sections of the user message; the current program is always there. */
    public enum Section { FOCUS, ATTEMPTS, TOP_PROGRAMS, INSPIRATIONS, ARTIFACTS, CAUSAL_PROFILE }

    /** Latency-like metric names as the metrics parsers report them. */
    public static final Set<String> DEFAULT_LOWER_IS_BETTER = Set.of("micros_per_op", "p50", "p75", "p90", "p95",
            "p99", "p99_9", "p999", "p99.9", "max_latency", "stall_pct", "write_stall_pct", "stall_micros", "l0_files");

    public PromptConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(language, "language");
        if (!language.matches("[A-Za-z0-9_+#.-]*")) {
            throw new IllegalArgumentException("code fence language must be a plain word like cpp: '" + language + "'");
        }
        if (maxArtifactChars < 200) {
            throw new IllegalArgumentException("maxArtifactChars must be >= 200 to keep anything useful: " + maxArtifactChars);
        }
        if (maxChars < 1000) {
            throw new IllegalArgumentException("maxChars must be >= 1000: " + maxChars);
        }
        sections = sections.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sections));
        lowerIsBetter = Set.copyOf(lowerIsBetter);
    }

    /** Edit blocks, {@code cpp} listings, 200,000 characters, 4,000 per artifact, every section. */
    public static PromptConfig defaults() {
        return new PromptConfig(Mode.DIFF, "cpp", 200_000, 4_000, EnumSet.allOf(Section.class), DEFAULT_LOWER_IS_BETTER);
    }

    public PromptConfig withMode(Mode newMode) {
        return new PromptConfig(newMode, language, maxChars, maxArtifactChars, sections, lowerIsBetter);
    }

    public PromptConfig withLanguage(String newLanguage) {
        return new PromptConfig(mode, newLanguage, maxChars, maxArtifactChars, sections, lowerIsBetter);
    }

    public PromptConfig withLimits(int newMaxChars, int newMaxArtifactChars) {
        return new PromptConfig(mode, language, newMaxChars, newMaxArtifactChars, sections, lowerIsBetter);
    }

    public PromptConfig withSections(Set<Section> newSections) {
        return new PromptConfig(mode, language, maxChars, maxArtifactChars, newSections, lowerIsBetter);
    }

    public PromptConfig withLowerIsBetter(Set<String> newLowerIsBetter) {
        return new PromptConfig(mode, language, maxChars, maxArtifactChars, sections, newLowerIsBetter);
    }
}
