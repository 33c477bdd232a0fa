package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The benchmark: a command printing db_bench's result and histogram lines, the benchmark whose figures are
 * scored, and how often to run it. Candidate and baseline runs are interleaved (A B A B) so that a change in
 * machine load hits both alike. The command runs in a directory holding the program's own copies of
 * {@link #binaries()}, with {@code $AIOPT_SCRATCH} set to an empty directory for its data.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Bench {

    /** The benchmark name in the output, e.g. {@code "fillrandom"}. */
    String value();

    /**
     * The command ({@code AI_OPT_BENCH_CMD} overrides; or {@code AI_OPT_BENCH_BIN} plus {@code AI_OPT_BENCH_ARGS}).
     * Empty: {@code ./db_bench --benchmarks=<value> --db=$AIOPT_SCRATCH/db}.
     */
    String command() default "";

    /** Extra arguments appended to the command. */
    String args() default "";

    /**
     * Build outputs, relative to the tree, that the benchmark needs; each program keeps its own copies so that
     * programs can be run side by side. Empty: the command's first word when it is a relative path.
     */
    String[] binaries() default {};

    /** Measured runs per program in each comparison; unset (-1): {@code aiopt.bench.repeats}' default, 3. */
    int repeats() default -1;

    /** Discarded warm-up runs before measuring; unset (-1): {@code aiopt.bench.warmups}' default, 1. */
    int warmups() default -1;

    /**
     * Hard limit per run; the whole process group is killed after it. Unset (-1):
     * {@code aiopt.bench.timeoutSeconds}' default, 600.
     */
    int timeoutSeconds() default -1;
}
