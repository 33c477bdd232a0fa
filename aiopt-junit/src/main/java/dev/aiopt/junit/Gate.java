package dev.aiopt.junit;

import dev.aiopt.junit.internal.gate.GateExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as a CI regression gate on throughput and p99: a candidate build must not be slower than
 * a reference beyond the tolerated ratios (see {@code stats.RegressionGate} for the exact rule). The target,
 * build, oracle and benchmark come from {@link EvolveBlock}, {@link Build}, {@link Verify} and {@link Bench} as
 * for an {@link Experiment}; a test method takes a {@link GateRun} and calls {@link GateRun#check()}, which fails
 * with the ratios, their intervals and the raw per-run numbers, and passes with one summary line. Every verdict
 * states, per metric, the smallest regression its runs could have detected and how many runs a side would
 * detect the limit ({@link #inconclusive()}), takes more looks while undecided ({@link #maxLooks()}) and records
 * how busy the machine was ({@link #busyMachine()}). Run it alone in
 * any project's CI with {@code mvn test -Dtest=MyGate}.
 *
 * <p>Two modes. <b>Same run</b> (the default): the candidate (the tree as given, or {@link #candidateSlice()}
 * put into the {@code @EvolveBlock}'s file) and the reference (the tree as given, or {@link #referenceSlice()})
 * are built in private workspaces and benchmarked interleaved, A B A B, {@link #repeats()} runs each.
 * <b>History</b>: with {@link #baselineJson()}, the candidate's runs are compared with per-run numbers stored in
 * a JSON file, and the verdict says that this is a cross-run comparison that cannot control machine drift.
 * {@code -Daiopt.gate.record=path} writes the measured reference runs (history mode: the candidate's) in that
 * format. Every attribute is a default that {@code -Daiopt.gate.*} (and {@code junit-platform.properties})
 * override. {@code @Bench(repeats, warmups)} are not used: the gate has its own.
 *
 * <pre>{@code
 * @Gate(referenceSlice = "src/test/resources/writepath/versions/v0-baseline.cc")
 * @EvolveBlock(root = "src/test/cpp/writepath", file = "writepath.cc")
 * @Build("g++ -O2 -pthread writepath.cc -o writebench")
 * @Bench(value = "fillrandom", command = "./writebench --benchmarks=fillrandom --db=$AIOPT_SCRATCH/db")
 * class WritePathGate {
 *     @Test
 *     void gate(GateRun gate) { gate.check(); }
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(GateExtension.class)
@Tag("aiopt-gate")
public @interface Gate {

    /** Name used in messages and paths; defaults to the class's simple name. */
    String name() default "";

    /** Smallest tolerated median throughput ratio candidate/reference, in (0, 1]; unset (NaN): 0.97. */
    double minThroughputRatio() default Double.NaN;

    /** Largest tolerated median p99 ratio candidate/reference, at least 1; unset (NaN): 1.05. */
    double maxP99Ratio() default Double.NaN;

    /**
     * Confidence of the whole gate: between identical builds it fails at most {@code 1 - confidence} of the time;
     * unset (NaN): 0.99.
     */
    double confidence() default Double.NaN;

    /** Measured runs per side (10, the default when unset (-1), keeps the simulated A/A false-alarm rate under 1%). */
    int repeats() default -1;

    /** Discarded warm-up runs per side before measuring; unset (-1): 1. */
    int warmups() default -1;

    /**
     * A file holding the candidate's slice (e.g. a champion's {@code best-slice.txt} checked into the repository),
     * relative to the working directory; it replaces the {@code @EvolveBlock}'s slice. Empty: the tree as given.
     */
    String candidateSlice() default "";

    /** A file holding the reference's slice, relative to the working directory. Empty: the tree as given. */
    String referenceSlice() default "";

    /**
     * History mode: a JSON file of stored reference runs, relative to the working directory: either
     * {@code {"ops_per_sec": [...], "p99_us": [...]}}, or a run's {@code run.json} (its {@code baseline.runs}).
     * Empty: same-run mode.
     */
    String baselineJson() default "";

    /**
     * Repeats until decided: while no metric has failed and one is still {@link Inconclusive inconclusive}, the
     * gate measures another {@link #repeats()} interleaved runs a side, up to this many looks in all (so at most
     * {@code maxLooks * repeats} runs a side). The gate's alpha is split evenly over the looks, so between
     * identical builds it still fails at most {@code 1 - confidence} of the time. 1 measures once. History mode
     * ({@link #baselineJson()}) always measures once: its stored side cannot grow. Unset (-1):
     * {@code aiopt.gate.maxLooks}' default, 3.
     */
    int maxLooks() default -1;

    /**
     * What a gate does when it passed but could not have seen a regression at its limit: every verdict states,
     * per metric, the smallest regression its measured spread could detect at 80% power, and how many runs a side
     * would detect the limit. When that is larger than the limit (after all {@link #maxLooks()}), the verdict is
     * INCONCLUSIVE and {@link Inconclusive#FAIL} fails the test with it, {@link Inconclusive#WARN} (the default)
     * passes with the verdict marked INCONCLUSIVE in the pass line, the report entries and
     * {@code gate-verdict.json}: a red build keeps meaning "regressed". The README's gate section argues it.
     * Unset ({@link Inconclusive#DEFAULT}): {@code aiopt.gate.inconclusive}' default, WARN.
     */
    Inconclusive inconclusive() default Inconclusive.DEFAULT;

    /**
     * What a gate does when the machine was busy while it measured (1-minute load above the CPU count, or more
     * than 10% of CPU time stolen by the hypervisor; {@code aiopt.gate.maxLoadPerCore} moves the load threshold):
     * {@link BusyMachine#WARN} judges and says so in the verdict, {@link BusyMachine#REFUSE} aborts the test
     * without judging ("the machine was busy: load 3.2 on 2 cores") instead of risking a false alarm. Unset
     * ({@link BusyMachine#DEFAULT}): {@code aiopt.gate.busyMachine}' default, WARN.
     */
    BusyMachine busyMachine() default BusyMachine.DEFAULT;

    /**
     * The sandbox around the gate's build, verify and bench commands, which build and run a candidate slice that
     * may be model-written (an experiment's champion): {@code "auto"} (bubblewrap when installed, said once),
     * {@code "bwrap"} (an error without it) or {@code "off"} (a warning on every run), with the same allowlisted
     * environment and limits as an {@link Experiment#sandbox() experiment}. Empty: {@code aiopt.sandbox}, by
     * default {@code auto}.
     */
    String sandbox() default "";

    /** What an inconclusive verdict does to the test; see {@link Gate#inconclusive()}. */
    enum Inconclusive {
        /** Fail the test: for teams that want a gate that cannot see its limit to be red. */
        FAIL,
        /** Pass, marked INCONCLUSIVE, naming the detectable regression and the runs that would detect the limit. */
        WARN,
        /** Not set here: the configuration decides ({@code aiopt.gate.inconclusive}, default WARN). */
        DEFAULT
    }

    /** What a busy machine does to the gate; see {@link Gate#busyMachine()}. */
    enum BusyMachine {
        /** Judge, and put the machine's state in the verdict. */
        WARN,
        /** Abort the test without a verdict (reported as skipped with the reason). */
        REFUSE,
        /** Not set here: the configuration decides ({@code aiopt.gate.busyMachine}, default WARN). */
        DEFAULT
    }
}
