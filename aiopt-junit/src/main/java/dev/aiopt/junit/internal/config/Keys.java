package dev.aiopt.junit.internal.config;

import java.util.List;

/**
 * The configuration keys of the core: experiment shape, target, commands, profilers, fitness, outputs. Each
 * key's default is here and nowhere else; annotations leave an attribute unset to keep it.
 *
 * <p>Public because it is used by {@code extension}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Keys {
    public static final String TRACK = "aiopt.track";
    public static final String GENERATIONS = "aiopt.generations";
    public static final String CANDIDATES = "aiopt.candidates";
    public static final String MIN_FITNESS = "aiopt.minFitness";
    public static final String SEED = "aiopt.seed";
    public static final String MAX_ATTEMPTS = "aiopt.maxAttempts";
    public static final String PARALLELISM = "aiopt.parallelism";
    public static final String DUPLICATE_REASKS = "aiopt.duplicateReasks";
    public static final String ISLANDS = "aiopt.islands";
    public static final String TARGET_ROOT = "aiopt.target.root";
    public static final String TARGET_FILE = "aiopt.target.file";
    public static final String TARGET_FILES = "aiopt.target.files";
    public static final String BUILD_CMD = "aiopt.build.cmd";
    public static final String BUILD_TIMEOUT = "aiopt.build.timeoutSeconds";
    public static final String WORKSPACE_CMD = "aiopt.workspace.cmd";
    public static final String VERIFY_CMD = "aiopt.verify.cmd";
    public static final String VERIFY_TIMEOUT = "aiopt.verify.timeoutSeconds";
    public static final String BENCH_CMD = "aiopt.bench.cmd";
    public static final String BENCH_BIN = "aiopt.bench.bin";
    public static final String BENCH_ARGS = "aiopt.bench.args";
    public static final String BENCH_NAME = "aiopt.bench.name";
    public static final String BENCH_REPEATS = "aiopt.bench.repeats";
    public static final String BENCH_WARMUPS = "aiopt.bench.warmups";
    public static final String BENCH_TIMEOUT = "aiopt.bench.timeoutSeconds";
    public static final String METRICS_JSON = "aiopt.metrics.json";
    public static final String BENCH_FORMAT = "aiopt.bench.format";
    public static final String BENCH_THROUGHPUT = "aiopt.bench.throughput";
    public static final String BENCH_LATENCY = "aiopt.bench.latency";
    public static final String BENCH_LENGTHS = "aiopt.bench.lengths";
    public static final String BENCH_CPUS = "aiopt.bench.cpus";
    public static final String CALIBRATION_RUNS = "aiopt.calibration.runs";
    public static final String CALIBRATION_EFFECT = "aiopt.calibration.effect";
    public static final String CALIBRATION_POWER = "aiopt.calibration.power";
    public static final String CALIBRATION_MAX_REPEATS = "aiopt.calibration.maxRepeats";
    public static final String RUN_BCOZ = "aiopt.bcoz.run";
    public static final String RUN_BPERF = "aiopt.bperf.run";
    public static final String BCOZ_DURATION = "aiopt.bcoz.durationSeconds";
    public static final String BCOZ_PROGRESS_POINTS = "aiopt.bcoz.progressPoints";
    public static final String BCOZ_BUILD = "aiopt.bcoz.buildCmd";
    public static final String BCOZ_BENCH_ARGS = "aiopt.bcoz.benchArgs";
    public static final String WEIGHT_THROUGHPUT = "aiopt.weight.throughput";
    public static final String WEIGHT_LATENCY = "aiopt.weight.latency";
    public static final String WEIGHT_CAUSAL = "aiopt.weight.causal";
    public static final String CAP_THROUGHPUT = "aiopt.cap.throughput";
    public static final String CAP_LATENCY = "aiopt.cap.latency";
    public static final String MAX_THROUGHPUT_LOSS = "aiopt.maxThroughputLoss";
    public static final String MAX_P99_INCREASE = "aiopt.maxP99Increase";
    public static final String REPLICATES = "aiopt.replicates";
    public static final String OUTPUT_DIR = "aiopt.outputDir";
    public static final String RESUME = "aiopt.resume";
    public static final String KEEP_KITS = "aiopt.keepKits";
    public static final String DISK_MIN_FREE_KITS = "aiopt.disk.minFreeKits";
    public static final String PRUNE_KEEP_RUNS = "aiopt.prune.keepRuns";
    public static final String MODE = "aiopt.mode";
    /** What the model must keep while making the slice faster: text, or {@code file:<path>}. */
    public static final String TASK = "aiopt.task";
    public static final String SANDBOX = "aiopt.sandbox";
    public static final String LIMIT_PROCESSES = "aiopt.limit.processes";
    public static final String LIMIT_FILE_BYTES = "aiopt.limit.fileBytes";
    public static final String ENV_PASS = "aiopt.env.pass";

    private static final List<KeySpec> CORE = List.of(
            KeySpec.of(TRACK, "AI_OPT_TRACK", null, "(default: @Experiment(track)) track to run: baseline, gpt5, profiler, gpt5_profiler or all (also -Dtrack=)"),
            KeySpec.of(GENERATIONS, null, "3", "generations after the baseline"),
            KeySpec.of(CANDIDATES, null, "2", "candidates per generation"),
            KeySpec.of(MIN_FITNESS, null, null, "fitness the champion must reach, else the experiment fails"),
            KeySpec.of(SEED, null, "42", "seed of every random choice"),
            KeySpec.of(MAX_ATTEMPTS, null, "3", "model requests per candidate when replies do not apply"),
            KeySpec.of(DUPLICATE_REASKS, null, "1", "extra model requests per candidate when a reply reproduces code the run already has (asked hotter, told so; billed)"),
            KeySpec.of(PARALLELISM, null, "1", "candidates evaluated at once, each in its own workspace (benchmarks never overlap)"),
            KeySpec.of(ISLANDS, null, "2", "islands of the program database (candidate k of a generation works on island k mod islands, or the next island holding a parent not drawn yet)"),
            KeySpec.of(TARGET_ROOT, "AI_OPT_ROCKSDB_PATH", null, "the target source tree (never written)"),
            KeySpec.of(TARGET_FILE, "AI_OPT_TARGET_FILE", null, "file holding the evolve block, relative to the tree"),
            KeySpec.of(TARGET_FILES, "AI_OPT_TARGET_FILES", null, "comma list of candidate target files, first existing wins"),
            KeySpec.of(BUILD_CMD, "AI_OPT_BUILD_CMD", null, "build command, run in the workspace"),
            KeySpec.of(BUILD_TIMEOUT, null, "1800", "build timeout in seconds"),
            KeySpec.of(WORKSPACE_CMD, "AI_OPT_WORKSPACE_CMD", null, "command making the workspace copy ($AIOPT_SOURCE -> $AIOPT_TREE); default: copy every file"),
            KeySpec.of(VERIFY_CMD, "AI_OPT_VERIFY_CMD", null, "correctness oracle command; non-zero exit fails the candidate"),
            KeySpec.of(VERIFY_TIMEOUT, null, "600", "verification timeout in seconds"),
            KeySpec.of(BENCH_CMD, "AI_OPT_BENCH_CMD", null, "benchmark command"),
            KeySpec.of(BENCH_BIN, "AI_OPT_BENCH_BIN", null, "benchmark binary (with aiopt.bench.args instead of aiopt.bench.cmd)"),
            KeySpec.of(BENCH_ARGS, "AI_OPT_BENCH_ARGS", null, "benchmark arguments (with aiopt.bench.bin)"),
            KeySpec.of(BENCH_NAME, null, null, "benchmark whose result line is scored, e.g. fillrandom"),
            KeySpec.of(BENCH_REPEATS, null, "3", "benchmark runs per program and comparison"),
            KeySpec.of(BENCH_WARMUPS, null, "1", "discarded warm-up runs per program"),
            KeySpec.of(BENCH_TIMEOUT, null, "600", "benchmark timeout in seconds"),
            KeySpec.of(METRICS_JSON, "AI_OPT_METRICS_JSON", null, "JSON file the benchmark writes metrics to, relative to the tree"),
            KeySpec.of(BENCH_FORMAT, "AI_OPT_BENCH_FORMAT", "auto", "benchmark output format: db_bench, google-benchmark, aiopt-metric or auto"),
            KeySpec.of(BENCH_THROUGHPUT, null, "ops_per_sec", "metric that is the throughput axis, optionally :higher or :lower"),
            KeySpec.of(BENCH_LATENCY, null, "p99_us", "metric that is the latency axis, optionally :lower or :higher; none for no latency axis"),
            KeySpec.of(BENCH_LENGTHS, null, null, "run lengths to calibrate between, |-separated argument strings appended to the benchmark command (e.g. --num=100000 | --num=200000); before generation 1 the baseline runs at each and the length (and repeats) with the least expected time to detect aiopt.calibration.effect is chosen"),
            KeySpec.of(BENCH_CPUS, null, null, "pin the benchmark to these CPUs with taskset -c, e.g. 1 or 2-3 (when the machine has cores to spare: the build and the JVM then keep off them)"),
            KeySpec.of(CALIBRATION_RUNS, null, "16", "baseline runs per run length in the calibration, as back-to-back A/A pairs (after one discarded warm-up); even, at least 6"),
            KeySpec.of(CALIBRATION_EFFECT, null, "0.05", "the slowdown the calibration sizes the measurement for, a fraction (0.05 = 5% ops/sec)"),
            KeySpec.of(CALIBRATION_POWER, null, "0.8", "the chance of detecting aiopt.calibration.effect the calibration aims for (simulated from its runs)"),
            KeySpec.of(CALIBRATION_MAX_REPEATS, null, "12", "the most runs a side of a first look the calibration may choose (up to 3x that with the sequential looks)"),
            KeySpec.of(RUN_BCOZ, "AI_OPT_RUN_BCOZ", "auto", "causal profiler (coz, or bcoz when on PATH): 1 on, 0 off, auto = on for every track while aiopt.weight.causal > 0 (one fitness function across tracks; only profiler tracks see the profile)"),
            KeySpec.of(BCOZ_BUILD, "AI_OPT_BCOZ_BUILD_CMD", null, "build command of the profiling binary (debug info, fewer inlined frames); default: the benchmark binary"),
            KeySpec.of(BCOZ_BENCH_ARGS, null, null, "arguments appended to the benchmark command when profiled (make it run past the duration cap)"),
            KeySpec.of(RUN_BPERF, "AI_OPT_RUN_BPERF", "0", "1 to run perf (or bperf when on PATH) for the off-CPU split"),
            KeySpec.of(BCOZ_DURATION, "AI_OPT_BCOZ_DURATION", "60", "causal profiling time per program, seconds"),
            KeySpec.of(BCOZ_PROGRESS_POINTS, "AI_OPT_BCOZ_PROGRESS_POINTS", null, "comma list of coz progress points to score"),
            KeySpec.of(WEIGHT_THROUGHPUT, null, "0.3", "fitness weight of throughput relative to the baseline"),
            KeySpec.of(WEIGHT_LATENCY, null, "0.2", "fitness weight of p99 latency relative to the baseline"),
            KeySpec.of(WEIGHT_CAUSAL, null, "0.3", "fitness weight of causal realization"),
            KeySpec.of(CAP_THROUGHPUT, null, "4", "bound of the throughput term: a program earns at most this many throughput weights (exact up to (1 + cap) / 2)"),
            KeySpec.of(CAP_LATENCY, null, "2", "bound of the p99 term: a program earns at most this many latency weights (exact up to (1 + cap) / 2)"),
            KeySpec.of(MAX_THROUGHPUT_LOSS, null, null, "guardrail: a candidate significantly slower than this fraction (0.05 = 5%) is REGRESSED whatever its p99; unset: none"),
            KeySpec.of(MAX_P99_INCREASE, null, null, "guardrail: a candidate whose p99 is significantly higher by more than this fraction (0.10 = 10%) is REGRESSED whatever its throughput; unset: none"),
            KeySpec.of(REPLICATES, null, "1", "with -Dtrack=all: runs of every track, each with its own seed (seed, seed + 1, ...), ended by a tournament of their champions"),
            KeySpec.of(OUTPUT_DIR, null, "target/aiopt", "where run directories go"),
            KeySpec.of(RESUME, null, null, "resume a run: a run directory or 'latest'"),
            KeySpec.of(KEEP_KITS, null, "references", "which programs keep their kit (copy of the benchmark binaries): references (the baseline, the best, each island's best, the parents of the generation being run; the rest are rebuilt from their slice when drawn again) or all (for debugging)"),
            KeySpec.of(DISK_MIN_FREE_KITS, null, "4", "free space needed before each build, in kits of the largest size the run built, per candidate evaluated at once (at least 64 MiB); less stops the run as an infrastructure fault, resumable"),
            KeySpec.of(PRUNE_KEEP_RUNS, null, null, "when a run starts, delete the older run directories of its experiment and track beyond the newest N (never a locked one, never the one resumed); unset: keep all"),
            KeySpec.of(MODE, null, "diff", "how the model answers: diff (SEARCH/REPLACE blocks) or rewrite (the whole slice)"),
            KeySpec.of(TASK, null, null, "what the model must keep while making the slice faster (the experiment's"
                    + " behaviour rule), as text or file:<path>; unset: a generic rule (@Experiment(task))"),
            KeySpec.of(SANDBOX, "AI_OPT_SANDBOX", "auto", "sandbox of build, verify, bench and profile commands: auto (bubblewrap when installed), bwrap (required) or off (warned on every run)"),
            KeySpec.of(LIMIT_PROCESSES, null, "512", "processes each build, verify, bench and profile command may run at once (a pids cgroup, which binds root too)"),
            KeySpec.of(LIMIT_FILE_BYTES, null, "68719476736", "largest file each command may write, in bytes (RLIMIT_FSIZE; 64 GiB)"),
            KeySpec.of(ENV_PASS, "AI_OPT_ENV_PASS", null, "extra environment variables passed to commands, comma separated (secret-named ones are refused)"));

    private Keys() {
    }

    /** The core keys; the model layer and the gate define theirs, and a {@link KeyCatalogue} joins them. */
    public static List<KeySpec> core() {
        return CORE;
    }
}
