package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How to run the causal profiler (coz, or BCOZ when a {@code bcoz} binary is on the PATH) on the benchmark.
 * Profiling is on for the profiler tracks and {@code -Dtrack=all}; {@code AI_OPT_RUN_BCOZ=1} turns it on for
 * every track, {@code 0} off. Coz needs debug information it can read: build with
 * {@code -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer}, and compile a progress point in
 * ({@code COZ_PROGRESS_NAMED("name")}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Profile {

    /**
     * Build command of the profiling binary, run in the workspace; empty: profile the benchmark binary itself.
     * A build without inlining keeps time inside the evolvable function attributed to its own lines.
     */
    String build() default "";

    /** Arguments appended to the benchmark command when profiled, so that it runs past the duration cap. */
    String benchArgs() default "";

    /**
     * Profiling time per program ({@code AI_OPT_BCOZ_DURATION} overrides); unset (-1):
     * {@code aiopt.bcoz.durationSeconds}' default, 60.
     */
    int durationSeconds() default -1;

    /** Progress points that must be in the profile ({@code AI_OPT_BCOZ_PROGRESS_POINTS} overrides). */
    String progressPoints() default "";
}
