package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.slice.Slice;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run of an experiment needs, resolved once from annotations and configuration and grouped by
 * concern; nothing below the extension reads a raw configuration.
 *
 * @param experiment experiment name (paths, reports)
 * @param track the track of this run
 * @param slice the evolvable slice and its template
 * @param search how long and how wide to search
 * @param measurement how to build, check and benchmark
 * @param profiling whether and how to profile
 * @param model who writes candidates, and the ledger
 * @param prompt the task the prompts state and the prompt size budget
 * @param run where to read and write
 * @param fitness the fitness weights
 * @param settings the effective configuration, for the printout and run.json
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ExperimentPlan(String experiment, Track track, Slice slice, SearchSettings search,
        MeasurementSettings measurement, ProfilingSettings profiling, ModelSetup model, PromptSettings prompt, RunSettings run,
        Fitness fitness, List<Setting> settings) {

    public ExperimentPlan {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(profiling, "profiling");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(fitness, "fitness");
        settings = List.copyOf(settings);
    }

    /** This plan with other measurement settings (a calibrated run length). */
    ExperimentPlan withMeasurement(MeasurementSettings newMeasurement) {
        return new ExperimentPlan(experiment, track, slice, search, newMeasurement, profiling, model, prompt, run,
                fitness, settings);
    }

    /** A plan whose prompts state the {@linkplain PromptSettings#generic() generic} task, with no size budget. */
    public ExperimentPlan(String experiment, Track track, Slice slice, SearchSettings search,
            MeasurementSettings measurement, ProfilingSettings profiling, ModelSetup model, RunSettings run,
            Fitness fitness, List<Setting> settings) {
        this(experiment, track, slice, search, measurement, profiling, model, PromptSettings.generic(), run, fitness,
                settings);
    }
}
