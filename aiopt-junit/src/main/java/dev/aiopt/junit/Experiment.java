package dev.aiopt.junit;

import dev.aiopt.junit.internal.extension.AiOptExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as an optimization experiment: its {@link Evolve} method runs the generations.
 * Every value here is a default that {@code junit-platform.properties}, the environment and system properties
 * override, in that order (see the README's configuration table); {@code -Dtrack=X} runs every experiment
 * under track X.
 *
 * <pre>{@code
 * @Experiment(track = Track.PROFILER, generations = 12, candidatesPerGeneration = 4, minFitness = 0.52)
 * @EvolveBlock(file = "db/db_impl/db_impl_write.cc", function = "DBImpl::WriteImpl")
 * @Build("make -j2 db_bench")
 * @Bench(value = "fillrandom", command = "./db_bench --benchmarks=fillrandom --num=200000")
 * class WalL0PressureExperiment {
 *     @Evolve
 *     Stream<DynamicNode> evolve(Evolution evolution) { return evolution.generations(); }
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AiOptExtension.class)
@Tag("aiopt-experiment")
public @interface Experiment {

    /** Name used in reports and paths; defaults to the class's simple name. */
    String name() default "";

    /** The track of an IDE run; {@code -Dtrack} / {@code AI_OPT_TRACK} override it. */
    Track track() default Track.BASELINE;

    /** The tracks this experiment supports; a selected track outside this list skips the experiment. */
    Track[] tracks() default {Track.BASELINE, Track.GPT5, Track.PROFILER, Track.GPT5_PROFILER};

    /** Generations after generation 0 (the unmodified baseline); unset (-1): {@code aiopt.generations}' default, 3. */
    int generations() default -1;

    /** Candidates per generation; unset (-1): {@code aiopt.candidates}' default, 2. */
    int candidatesPerGeneration() default -1;

    /**
     * Fitness the champion must reach, else the experiment fails. The baseline scores
     * {@code wThroughput + wLatency} (0.5 with the default weights); {@code NaN} asserts nothing.
     */
    double minFitness() default Double.NaN;

    /**
     * Seed of every random choice (parent selection, model sampling); unset ({@link Long#MIN_VALUE}):
     * {@code aiopt.seed}'s default, 42.
     */
    long seed() default Long.MIN_VALUE;

    /**
     * Model requests per candidate: a reply that does not apply is sent back with the reason, up to this; unset
     * (-1): {@code aiopt.maxAttempts}' default, 3.
     */
    int maxAttempts() default -1;

    /**
     * What "faster without changing what it does" means for this target, given to the model in every prompt: the
     * behaviour a candidate must keep and what the oracle checks (for a write path: every acknowledged write
     * stays durable, ordered and readable, also across a crash). {@code file:<path>} reads it from a file
     * (relative to the working directory). {@code aiopt.task} overrides it; empty: the library's generic rule.
     */
    String task() default "";

    /**
     * A class-path resource of recorded model responses (JSON Lines, the record/replay format), used with the
     * label "offline replay" when the track has no model configured. Empty: a missing model is an error.
     */
    String offlineResponses() default "";

    /**
     * A class-path directory of offline answers, one file each, whose replay keys are derived from the files
     * (used like {@link #offlineResponses()}, instead of it): {@code 01-hash-index.cc} is a complete version
     * of the slice (the text between the markers, or the whole file with them) for a candidate drawn on the
     * baseline; {@code 01-hash-index--02-reserve.cc} one for a candidate drawn on version {@code 01-hash-index};
     * a {@code .diff} file is a reply sent as it is (SEARCH/REPLACE blocks). A parent's files answer its
     * candidates in file-name order. Empty: none.
     */
    String offlineVersions() default "";

    /**
     * The sandbox around every build, verify, bench and profile command: {@code "auto"} (bubblewrap when
     * installed), {@code "bwrap"} (an error without it) or {@code "off"} (a warning on every run). Empty:
     * {@code aiopt.sandbox}, by default {@code auto}.
     */
    String sandbox() default "";

    /**
     * Guardrail: a candidate whose throughput is significantly below its parent's (or the baseline's) by more than
     * this fraction (0.05 = 5%) is REGRESSED whatever its p99 did; unset (NaN): {@code aiopt.maxThroughputLoss},
     * none by default.
     */
    double maxThroughputLoss() default Double.NaN;

    /**
     * Guardrail: a candidate whose p99 is significantly above its parent's (or the baseline's) by more than this
     * fraction (0.10 = 10%) is REGRESSED whatever its throughput did; unset (NaN): {@code aiopt.maxP99Increase},
     * none by default.
     */
    double maxP99Increase() default Double.NaN;

    /** Bound of the throughput term of fitness, above 1; unset (NaN): {@code aiopt.cap.throughput}'s default, 4. */
    double throughputCap() default Double.NaN;

    /** Bound of the p99 term of fitness, above 1; unset (NaN): {@code aiopt.cap.latency}'s default, 2. */
    double latencyCap() default Double.NaN;

    /**
     * With {@code -Dtrack=all}: runs of every track, with seeds seed, seed + 1, ..., ended by a tournament of their
     * champions; unset (-1): {@code aiopt.replicates}' default, 1.
     */
    int replicates() default -1;

    /**
     * Where candidates are evaluated: {@code local} (this JVM) or {@code slurm} (one job per candidate, see the
     * README's Slurm section). {@code aiopt.executor} / {@code AI_OPT_EXECUTOR} override it; empty: the key's
     * default, {@code local}.
     */
    String executor() default "";
}
