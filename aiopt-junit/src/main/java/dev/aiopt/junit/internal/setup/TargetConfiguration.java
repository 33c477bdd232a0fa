package dev.aiopt.junit.internal.setup;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Profile;
import dev.aiopt.junit.Verify;
import dev.aiopt.junit.internal.config.ConfigLayers;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.config.KeyCatalogue;
import dev.aiopt.junit.internal.config.Keys;
import dev.aiopt.junit.internal.evaluation.BenchCommand;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.executor.SlurmKeys;
import dev.aiopt.junit.internal.model.ModelKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * What experiments and gates share: the target annotations ({@code @EvolveBlock}, {@code @Build},
 * {@code @Verify}, {@code @Bench}, {@code @Profile}) as the lowest configuration layer above the platform,
 * environment and system property layers, the {@link Commands} they resolve to, and the one catalogue of
 * every key (core, model layer, gate) that both resolve against.
 *
 * <p>Public because it is used by {@code extension}, {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class TargetConfiguration {
    private static final KeyCatalogue CATALOGUE = KeyCatalogue.of(Keys.core(), ModelKeys.all(), GateKeys.all(),
            SlurmKeys.all());

    private TargetConfiguration() {
    }

    /** Every key aiopt knows, each with its one default. */
    public static KeyCatalogue catalogue() {
        return CATALOGUE;
    }

    /** The layers of {@code type}; callers add their own annotation's values before resolving. */
    public static ConfigLayers layers(Class<?> type, Function<String, Optional<String>> platform) {
        ConfigLayers layers = new ConfigLayers(CATALOGUE);
        EvolveBlock block = type.getAnnotation(EvolveBlock.class);
        if (block != null) {
            layers.annotation(Keys.TARGET_ROOT, block.root(), "@EvolveBlock(root)");
            layers.annotation(Keys.TARGET_FILE, block.file(), "@EvolveBlock(file)");
        }
        Build build = type.getAnnotation(Build.class);
        if (build != null) {
            layers.annotation(Keys.BUILD_CMD, build.value(), "@Build");
            layers.annotation(Keys.BUILD_TIMEOUT, build.timeoutSeconds(), "@Build(timeoutSeconds)");
            layers.annotation(Keys.WORKSPACE_CMD, build.workspace(), "@Build(workspace)");
        }
        Verify verify = type.getAnnotation(Verify.class);
        if (verify != null) {
            layers.annotation(Keys.VERIFY_CMD, verify.value(), "@Verify");
            layers.annotation(Keys.VERIFY_TIMEOUT, verify.timeoutSeconds(), "@Verify(timeoutSeconds)");
        }
        Bench bench = type.getAnnotation(Bench.class);
        if (bench != null) {
            String command = bench.command().isEmpty()
                    ? "./db_bench --benchmarks=" + bench.value() + " --db=$AIOPT_SCRATCH/db"
                    : bench.command();
            layers.annotation(Keys.BENCH_CMD, (command + " " + bench.args()).strip(), "@Bench(command, args)");
            layers.annotation(Keys.BENCH_NAME, bench.value(), "@Bench");
            layers.annotation(Keys.BENCH_REPEATS, bench.repeats(), "@Bench(repeats)");
            layers.annotation(Keys.BENCH_WARMUPS, bench.warmups(), "@Bench(warmups)");
            layers.annotation(Keys.BENCH_TIMEOUT, bench.timeoutSeconds(), "@Bench(timeoutSeconds)");
            layers.annotation(Keys.BENCH_FORMAT, bench.format(), "@Bench(format)");
            layers.annotation(Keys.BENCH_THROUGHPUT, bench.throughput(), "@Bench(throughput)");
            layers.annotation(Keys.BENCH_LATENCY, bench.latency(), "@Bench(latency)");
            layers.annotation(Keys.BENCH_LENGTHS, String.join(" | ", bench.lengths()), "@Bench(lengths)");
            layers.annotation(Keys.BENCH_CPUS, bench.cpus(), "@Bench(cpus)");
        }
        Profile profile = type.getAnnotation(Profile.class);
        if (profile != null) {
            layers.annotation(Keys.BCOZ_BUILD, profile.build(), "@Profile(build)");
            layers.annotation(Keys.BCOZ_BENCH_ARGS, profile.benchArgs(), "@Profile(benchArgs)");
            layers.annotation(Keys.BCOZ_DURATION, profile.durationSeconds(), "@Profile(durationSeconds)");
            layers.annotation(Keys.BCOZ_PROGRESS_POINTS, profile.progressPoints(), "@Profile(progressPoints)");
        }
        return layers.platform(platform, platformPropertyKeys(type.getClassLoader()))
                .environment(System.getenv())
                .systemProperties(System.getProperties());
    }

    /**
     * The benchmark command before a calibration chose its run length: {@code AI_OPT_BENCH_BIN} +
     * {@code AI_OPT_BENCH_ARGS} win over a command; {@code aiopt.bench.lengths} ({@code |}-separated) and
     * {@code aiopt.bench.cpus}.
     *
     * @throws ConfigurationException for a malformed CPU list, CPUs this process may not use, or no taskset
     */
    public static BenchCommand benchCommand(Configuration config) {
        Optional<String> bin = config.find(Keys.BENCH_BIN);
        String command = bin.isPresent()
                ? (bin.get() + " " + config.find(Keys.BENCH_ARGS).orElse("")).strip()
                : config.require(Keys.BENCH_CMD, "the benchmark command (@Bench)");
        List<String> lengths = config.find(Keys.BENCH_LENGTHS).filter(v -> !v.isBlank())
                .map(v -> List.of(v.split("\\s*\\|\\s*"))).orElse(List.of());
        Optional<String> cpus = config.find(Keys.BENCH_CPUS).filter(v -> !v.isBlank());
        try {
            BenchCommand bench = new BenchCommand(command, lengths, cpus);
            bench.cpus().ifPresent(c -> CpuList.requireUsable(c, config.setting(Keys.BENCH_CPUS).get().source()));
            return bench;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The build, oracle and benchmark commands, the benchmark at its {@linkplain BenchCommand#initial() first length}. */
    public static Commands commands(Configuration config, Class<?> type) {
        return commands(config, type, benchCommand(config));
    }

    /** As {@link #commands(Configuration, Class)}, with the benchmark command already resolved. */
    public static Commands commands(Configuration config, Class<?> type, BenchCommand benchCommand) {
        String build = config.require(Keys.BUILD_CMD, "the build command (@Build)");
        String bench = benchCommand.initial();
        String unpinned = benchCommand.command();
        Bench annotation = type.getAnnotation(Bench.class);
        List<String> binaries = annotation != null && annotation.binaries().length > 0
                ? List.of(annotation.binaries())
                : Commands.leadingBinary(unpinned).map(List::of).orElseThrow(() -> new ConfigurationException(
                        "cannot tell which build output the benchmark command '" + unpinned + "' runs; start it with "
                                + "./<binary> or list the files in @Bench(binaries)"));
        String benchmark = config.find(Keys.BENCH_NAME).orElseThrow(() -> new ConfigurationException(
                "which benchmark to score is not configured: add @Bench(\"fillrandom\") or -Daiopt.bench.name"));
        try {
            return new Commands(build, Duration.ofSeconds(config.getLong(Keys.BUILD_TIMEOUT)),
                    config.find(Keys.VERIFY_CMD), Duration.ofSeconds(config.getLong(Keys.VERIFY_TIMEOUT)), bench,
                    benchmark, binaries, Duration.ofSeconds(config.getLong(Keys.BENCH_TIMEOUT)),
                    config.find(Keys.METRICS_JSON), config.require(Keys.BENCH_FORMAT, "the benchmark format"),
                    config.require(Keys.BENCH_THROUGHPUT, "the throughput metric"),
                    config.require(Keys.BENCH_LATENCY, "the latency metric"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /**
     * The isolation of the commands: {@code aiopt.sandbox}, {@code aiopt.env.pass}, the target tree readable and
     * every configured key file ({@code *apiKeyFile}) hidden, the limits of {@code aiopt.limit.*}.
     *
     * @throws ConfigurationException for an unknown mode, bwrap asked for but not installed, a secret passed, or
     *     a limit too small
     */
    public static Isolation isolation(Configuration config, Path targetRoot) {
        List<Path> hidden = new ArrayList<>();
        for (Setting setting : config.effective()) {
            if (setting.key().toLowerCase(Locale.ROOT).endsWith("apikeyfile") && setting.value() != null
                    && !setting.value().isBlank()) {
                hidden.add(Path.of(setting.value().strip()).toAbsolutePath());
            }
        }
        Isolation.Limits limits;
        try {
            limits = new Isolation.Limits(config.getInt(Keys.LIMIT_PROCESSES), config.getLong(Keys.LIMIT_FILE_BYTES));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        try {
            return Isolation.of(config.require(Keys.SANDBOX, "the sandbox mode"), config.find(Keys.ENV_PASS).orElse(""),
                    List.of(targetRoot.toAbsolutePath()), hidden, limits);
        } catch (IllegalArgumentException e) {
            String source = config.setting(Keys.SANDBOX).map(s -> " (" + Keys.SANDBOX + " from " + s.source() + ")")
                    .orElse("");
            throw new ConfigurationException(e.getMessage() + source);
        }
    }

    private static Set<String> platformPropertyKeys(ClassLoader loader) {
        Set<String> keys = new HashSet<>();
        try {
            Enumeration<URL> files = loader.getResources("junit-platform.properties");
            while (files.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    properties.load(in);
                }
                keys.addAll(properties.stringPropertyNames());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read junit-platform.properties", e);
        }
        return keys;
    }
}
