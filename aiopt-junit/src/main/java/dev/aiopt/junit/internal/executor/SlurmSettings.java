package dev.aiopt.junit.internal.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Slurm executor submits jobs. Build with {@link #builder(Path)}; every value has a working default
 * except the shared directory.
 *
 * @param sharedDirectory where unit directories live; must be the same path on every node
 * @param partition {@code --partition}, if any
 * @param account {@code --account}, if any
 * @param qos {@code --qos}, if any
 * @param cpus {@code --cpus-per-task}
 * @param memory {@code --mem}, always passed (without it a job takes the whole node's memory)
 * @param exclusive {@code --exclusive} for benchmark units
 * @param extraArgs further {@code sbatch} arguments, passed as given
 * @param maxJobsInFlight jobs submitted and not yet finished, at most
 * @param pollInterval time between two {@code squeue} polls
 * @param leaseTimeout a job whose lease is not renewed for this long ends itself
 * @param java the {@code java} the job runs (the same path must exist on the nodes)
 * @param classpath the job's classpath (by default this JVM's)
 * @param jvmOptions options for the job's JVM
 * @param environment names of variables of this JVM's environment passed to the job (never API keys)
 * @param scratch node-local scratch for the job ({@code $TMPDIR} of the node when empty)
 * @param slurmConf {@code SLURM_CONF} for the Slurm commands, when not this JVM's own
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SlurmSettings(Path sharedDirectory, Optional<String> partition, Optional<String> account,
        Optional<String> qos, int cpus, String memory, boolean exclusive, List<String> extraArgs, int maxJobsInFlight,
        Duration pollInterval, Duration leaseTimeout, Path java, String classpath, List<String> jvmOptions,
        List<String> environment, Optional<String> scratch, Optional<Path> slurmConf) {

    /** Variables every job gets from this JVM's environment, when set. */
    static final List<String> BASE_ENVIRONMENT = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ");

    public SlurmSettings {
        sharedDirectory = sharedDirectory.toAbsolutePath().normalize();
        if (cpus < 1 || maxJobsInFlight < 1) {
            throw new IllegalArgumentException("cpus and maxJobsInFlight must be at least 1");
        }
        if (!memory.matches("[0-9]+[KMGT]?")) {
            throw new IllegalArgumentException("memory is a size for sbatch --mem such as 2G or 512M, not '"
                    + memory + "'");
        }
        extraArgs = List.copyOf(extraArgs);
        jvmOptions = List.copyOf(jvmOptions);
        environment = List.copyOf(environment);
        for (String name : environment) {
            if (name.contains("KEY") || name.contains("TOKEN") || name.contains("SECRET")) {
                throw new IllegalArgumentException("'" + name + "' looks like a secret: jobs never get API keys");
            }
        }
        Objects.requireNonNull(classpath, "classpath");
        if (pollInterval.toMillis() < 50 || leaseTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("pollInterval is at least 50 ms and leaseTimeout at least 1 s");
        }
    }

    /** Defaults: 1 cpu, 2G, exclusive benchmarks, 64 jobs in flight, poll 200 ms, lease 60 s, this JVM. */
    public static Builder builder(Path sharedDirectory) {
        return new Builder(sharedDirectory);
    }

    public Builder toBuilder() {
        Builder b = new Builder(sharedDirectory);
        b.partition = partition;
        b.account = account;
        b.qos = qos;
        b.cpus = cpus;
        b.memory = memory;
        b.exclusive = exclusive;
        b.extraArgs = new ArrayList<>(extraArgs);
        b.maxJobsInFlight = maxJobsInFlight;
        b.pollInterval = pollInterval;
        b.leaseTimeout = leaseTimeout;
        b.java = java;
        b.classpath = classpath;
        b.jvmOptions = new ArrayList<>(jvmOptions);
        b.environment = new ArrayList<>(environment);
        b.scratch = scratch;
        b.slurmConf = slurmConf;
        return b;
    }

    /** Builds {@link SlurmSettings}. */
    public static final class Builder {
        private final Path sharedDirectory;
        private Optional<String> partition = Optional.empty();
        private Optional<String> account = Optional.empty();
        private Optional<String> qos = Optional.empty();
        private int cpus = 1;
        private String memory = "2G";
        private boolean exclusive = true;
        private List<String> extraArgs = new ArrayList<>();
        private int maxJobsInFlight = 64;
        private Duration pollInterval = Duration.ofMillis(200);
        private Duration leaseTimeout = Duration.ofSeconds(60);
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classpath = System.getProperty("java.class.path");
        private List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        private List<String> environment = new ArrayList<>();
        private Optional<String> scratch = Optional.empty();
        private Optional<Path> slurmConf = Optional.empty();

        private Builder(Path sharedDirectory) {
            this.sharedDirectory = Objects.requireNonNull(sharedDirectory, "sharedDirectory");
        }

        public Builder partition(String value) {
            partition = nonBlank(value);
            return this;
        }

        public Builder account(String value) {
            account = nonBlank(value);
            return this;
        }

        public Builder qos(String value) {
            qos = nonBlank(value);
            return this;
        }

        public Builder cpus(int value) {
            cpus = value;
            return this;
        }

        public Builder memory(String value) {
            memory = value;
            return this;
        }

        public Builder exclusive(boolean value) {
            exclusive = value;
            return this;
        }

        public Builder extraArgs(List<String> value) {
            extraArgs = new ArrayList<>(value);
            return this;
        }

        public Builder maxJobsInFlight(int value) {
            maxJobsInFlight = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder leaseTimeout(Duration value) {
            leaseTimeout = value;
            return this;
        }

        public Builder java(Path value) {
            java = value;
            return this;
        }

        public Builder classpath(String value) {
            classpath = value;
            return this;
        }

        public Builder jvmOptions(List<String> value) {
            jvmOptions = new ArrayList<>(value);
            return this;
        }

        public Builder environment(List<String> value) {
            environment = new ArrayList<>(value);
            return this;
        }

        public Builder scratch(String value) {
            scratch = nonBlank(value);
            return this;
        }

        public Builder slurmConf(Path value) {
            slurmConf = Optional.ofNullable(value);
            return this;
        }

        public SlurmSettings build() {
            return new SlurmSettings(sharedDirectory, partition, account, qos, cpus, memory, exclusive, extraArgs,
                    maxJobsInFlight, pollInterval, leaseTimeout, java, classpath, jvmOptions, environment, scratch,
                    slurmConf);
        }

        private static Optional<String> nonBlank(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }
    }
}
