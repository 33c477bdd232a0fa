package dev.aiopt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The benchmark: a command printing its figures (db_bench's lines, Google Benchmark's JSON or
 * {@code aiopt-metric} lines, see {@link #format()}), the benchmark whose figures are scored, and how often to run it. Candidate and baseline runs are interleaved (A B A B) so that a change in
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

    /**
     * The output format: {@code "db_bench"} (RocksDB's result and {@code --histogram} lines),
     * {@code "google-benchmark"} (Google Benchmark's {@code --benchmark_format=json}, or its
     * {@code --benchmark_out} file), {@code "aiopt-metric"} (lines {@code aiopt-metric <name>=<value> unit=<unit>})
     * or {@code "auto"}, which tells them apart by the output itself. The README's "Benchmark output formats"
     * shows each with an example. Empty (unset): {@code aiopt.bench.format} ({@code AI_OPT_BENCH_FORMAT}), whose
     * default is {@code "auto"}.
     */
    String format() default "";

    /**
     * The metric that is the run's throughput, as named by the format (e.g. {@code "items_per_second"} for Google
     * Benchmark), optionally followed by {@code ":higher"} or {@code ":lower"} for the direction in which it
     * improves (default higher; a lower-is-better metric such as {@code "real_time_us:lower"} counts by its
     * reciprocal). Empty (unset): {@code aiopt.bench.throughput}, whose default is {@code ops_per_sec}. Reports
     * and gates show it as {@code ops_per_sec} whatever its name.
     */
    String throughput() default "";

    /**
     * The metric that is the run's latency, e.g. {@code "p99_us"} or {@code "write_us.p99"} (a percentile of an
     * {@code aiopt-metric} histogram), optionally with {@code ":lower"} / {@code ":higher"} (default lower);
     * {@code "none"} when the benchmark reports no latency: candidates are then judged on throughput alone (the
     * latency ratio is 1, so the fitness's latency term stays at its weight) and gates skip the p99 comparison.
     * Empty (unset): {@code aiopt.bench.latency}, whose default is {@code p99_us}. Reports and gates show it as
     * {@code p99_us} whatever its name.
     */
    String latency() default "";

    /**
     * Run lengths to choose between, each an argument string appended to the command, e.g.
     * {@code {"--num=100000", "--num=200000", "--num=400000"}}. With two or more, the run calibrates before
     * generation 1: the baseline runs {@code aiopt.calibration.runs} times at each length (16, in back-to-back A/A
     * pairs), the power of the paired candidate decision to detect a slowdown of {@code aiopt.calibration.effect} is
     * simulated from those runs and pairs for each number of repeats, and the
     * length and repeats with the least expected time to a decision at {@code aiopt.calibration.power} are used for
     * the rest of the run (printed, and kept in {@code calibration.json} so a resumed run keeps them). Empty
     * (unset): {@code aiopt.bench.lengths}, {@code |}-separated; none, the command as it is.
     */
    String[] lengths() default {};

    /**
     * CPUs to pin the benchmark to with {@code taskset -c}, e.g. {@code "1"} or {@code "2-3"}: worth it when the
     * machine has cores to spare, so that the JVM, builds and other work keep off them. Empty (unset):
     * {@code aiopt.bench.cpus}; none, not pinned. A CPU this process may not use is a configuration error.
     */
    String cpus() default "";
}
