package dev.aiopt.junit.internal.executor;

import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.config.KeySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code aiopt.executor} and {@code aiopt.slurm.*} keys (environment: {@code AI_OPT_EXECUTOR},
 * {@code AI_OPT_SLURM_*}), part of the key catalogue, and the Slurm settings they resolve to.
 *
 * <p>Public because it is used by {@code extension}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class SlurmKeys {
    public static final String EXECUTOR = "aiopt.executor";
    static final String SHARED_DIR = "aiopt.slurm.sharedDir";
    static final String PARTITION = "aiopt.slurm.partition";
    static final String ACCOUNT = "aiopt.slurm.account";
    static final String QOS = "aiopt.slurm.qos";
    static final String CPUS = "aiopt.slurm.cpus";
    static final String MEMORY = "aiopt.slurm.memory";
    static final String EXCLUSIVE = "aiopt.slurm.exclusive";
    static final String EXTRA_ARGS = "aiopt.slurm.extraArgs";
    static final String MAX_JOBS = "aiopt.slurm.maxJobs";
    static final String POLL_MILLIS = "aiopt.slurm.pollMillis";
    static final String LEASE_SECONDS = "aiopt.slurm.leaseSeconds";
    static final String SCRATCH = "aiopt.slurm.scratch";
    static final String JAVA = "aiopt.slurm.java";
    static final String ENVIRONMENT = "aiopt.slurm.environment";
    static final String CONF = "aiopt.slurm.conf";
    static final String UNIT_TIMEOUT = "aiopt.slurm.unitTimeoutSeconds";

    private static final List<KeySpec> ALL = List.of(
            key(EXECUTOR, "AI_OPT_EXECUTOR", "local", "where evaluations run: local (this JVM) or slurm"),
            key(SHARED_DIR, "AI_OPT_SLURM_SHARED_DIR", null,
                    "slurm: directory seen at the same path by this JVM and every node (default: the run directory)"),
            key(PARTITION, "AI_OPT_SLURM_PARTITION", null, "slurm: sbatch --partition"),
            key(ACCOUNT, "AI_OPT_SLURM_ACCOUNT", null, "slurm: sbatch --account"),
            key(QOS, "AI_OPT_SLURM_QOS", null, "slurm: sbatch --qos"),
            key(CPUS, "AI_OPT_SLURM_CPUS", "1", "slurm: sbatch --cpus-per-task"),
            key(MEMORY, "AI_OPT_SLURM_MEMORY", "2G", "slurm: sbatch --mem (always passed)"),
            key(EXCLUSIVE, "AI_OPT_SLURM_EXCLUSIVE", "true", "slurm: sbatch --exclusive for benchmark jobs"),
            key(EXTRA_ARGS, "AI_OPT_SLURM_EXTRA_ARGS", null, "slurm: further sbatch arguments, space-separated"),
            key(MAX_JOBS, "AI_OPT_SLURM_MAX_JOBS", "64", "slurm: jobs in flight at most"),
            key(POLL_MILLIS, "AI_OPT_SLURM_POLL_MILLIS", "200", "slurm: time between two squeue polls"),
            key(LEASE_SECONDS, "AI_OPT_SLURM_LEASE_SECONDS", "60",
                    "slurm: a job whose submitting JVM stops renewing its lease for this long ends itself"),
            key(SCRATCH, "AI_OPT_SLURM_SCRATCH", null, "slurm: node-local scratch directory (default: $TMPDIR)"),
            key(JAVA, "AI_OPT_SLURM_JAVA", null, "slurm: the java the job runs (default: this JVM's)"),
            key(ENVIRONMENT, "AI_OPT_SLURM_ENVIRONMENT", null,
                    "slurm: comma-separated names of further variables passed to jobs (never API keys)"),
            key(CONF, "AI_OPT_SLURM_CONF", null, "slurm: SLURM_CONF for sbatch/squeue (default: the environment's)"),
            key(UNIT_TIMEOUT, "AI_OPT_SLURM_UNIT_TIMEOUT_SECONDS", "7200",
                    "slurm: wall time of one candidate's job (build, verify, bench) before it is cancelled"));

    private SlurmKeys() {
    }

    /** The keys, for the catalogue. */
    public static List<KeySpec> all() {
        return ALL;
    }

    /** The Slurm settings when {@code aiopt.executor} is {@code slurm}; empty for {@code local}. */
    public static Optional<SlurmSettings> slurm(Configuration config, Path runDirectory) {
        String kind = config.find(EXECUTOR).orElse("local");
        return switch (kind) {
            case "local" -> Optional.empty();
            case "slurm" -> Optional.of(settings(config, runDirectory.resolve("units")));
            default -> throw new ConfigurationException("aiopt.executor is 'local' or 'slurm', not '" + kind
                    + "'");
        };
    }

    /** The executor {@code aiopt.executor} asks for, units under {@code runDirectory/units}. */
    public static Executor executor(Configuration config, Path runDirectory) {
        return slurm(config, runDirectory).<Executor>map(SlurmExecutor::new)
                .orElseGet(() -> new LocalExecutor(runDirectory.resolve("units")));
    }

    /** The wall time of one evaluation's job. */
    public static Duration unitTimeout(Configuration config) {
        return Duration.ofSeconds(config.find(UNIT_TIMEOUT).map(Long::parseLong).orElse(7200L));
    }

    static SlurmSettings settings(Configuration config, Path runDirectory) {
        SlurmSettings.Builder b = SlurmSettings.builder(config.find(SHARED_DIR).map(Path::of).orElse(runDirectory))
                .partition(config.find(PARTITION).orElse(null))
                .account(config.find(ACCOUNT).orElse(null))
                .qos(config.find(QOS).orElse(null))
                .cpus(config.find(CPUS).map(Integer::parseInt).orElse(1))
                .memory(config.find(MEMORY).orElse("2G"))
                .exclusive(config.find(EXCLUSIVE).map(Boolean::parseBoolean).orElse(true))
                .extraArgs(split(config.find(EXTRA_ARGS).orElse(""), " "))
                .maxJobsInFlight(config.find(MAX_JOBS).map(Integer::parseInt).orElse(64))
                .pollInterval(Duration.ofMillis(config.find(POLL_MILLIS).map(Long::parseLong).orElse(200L)))
                .leaseTimeout(Duration.ofSeconds(config.find(LEASE_SECONDS).map(Long::parseLong).orElse(60L)))
                .scratch(config.find(SCRATCH).orElse(null))
                .environment(split(config.find(ENVIRONMENT).orElse(""), ","));
        config.find(JAVA).map(Path::of).ifPresent(b::java);
        config.find(CONF).map(Path::of).ifPresent(b::slurmConf);
        return b.build();
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static KeySpec key(String key, String env, String defaultValue, String description) {
        return new KeySpec(key, List.of(env), defaultValue, description, false);
    }
}
