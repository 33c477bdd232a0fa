package dev.aiopt.junit.internal.evolution;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and how the causal profiler runs.
 *
 * @param when on, off, or auto (every track when the causal weight is above 0)
 * @param duration profiling time per program
 * @param progressPoints progress points that must be in every profile
 * @param buildCommand build command of the profiling binary; empty: the benchmark binary
 * @param benchArgs arguments appended to the benchmark command when profiled
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ProfilingSettings(When when, Duration duration, List<String> progressPoints, Optional<String> buildCommand,
        Optional<String> benchArgs) {

    /** {@code aiopt.bcoz.run}: 1/true/on, 0/false/off, or auto. */
    public enum When {
        ON, OFF, AUTO;

        /** Parses {@code aiopt.bcoz.run}; anything but on or auto is off, as it always was. */
        public static When parse(String text) {
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (v.equals("1") || v.equals("true") || v.equals("on")) {
                return ON;
            }
            return v.equals("auto") ? AUTO : OFF;
        }
    }

    public ProfilingSettings {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(duration, "duration");
        progressPoints = List.copyOf(progressPoints);
        Objects.requireNonNull(buildCommand, "buildCommand");
        Objects.requireNonNull(benchArgs, "benchArgs");
    }

    /**
     * Whether a run profiles. Auto profiles every track alike whenever the causal term counts ({@code causalWeight >
     * 0}), so that fitness is one function across tracks, whether they run together or apart; only profiler tracks
     * show the profile to the model.
     */
    public boolean enabledFor(double causalWeight) {
        return when == When.ON || (when == When.AUTO && causalWeight > 0);
    }
}
