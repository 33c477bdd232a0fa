package dev.aiopt.junit.internal.extension;

import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.ConfigLayers;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.config.Keys;
import dev.aiopt.junit.internal.evaluation.BenchCommand;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evolution.DiskSettings;
import dev.aiopt.junit.internal.evolution.EvolutionRun;
import dev.aiopt.junit.internal.evolution.CalibrationSettings;
import dev.aiopt.junit.internal.evolution.ExperimentPlan;
import dev.aiopt.junit.internal.evolution.Fitness;
import dev.aiopt.junit.internal.evolution.MeasurementSettings;
import dev.aiopt.junit.internal.evolution.ModelSetup;
import dev.aiopt.junit.internal.evolution.ProfilingSettings;
import dev.aiopt.junit.internal.evolution.PromptSettings;
import dev.aiopt.junit.internal.evolution.RunSettings;
import dev.aiopt.junit.internal.executor.SlurmKeys;
import dev.aiopt.junit.internal.evolution.SearchSettings;
import dev.aiopt.junit.internal.model.Budget;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelKeys;
import dev.aiopt.junit.internal.model.PriceTable;
import dev.aiopt.junit.internal.offline.OfflineAnswers;
import dev.aiopt.junit.internal.slice.Slice;
import dev.aiopt.junit.internal.setup.ModulePaths;
import dev.aiopt.junit.internal.setup.TargetConfiguration;
import dev.aiopt.junit.internal.setup.TargetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** Turns an experiment class's annotations plus the configuration layers into {@link ExperimentPlan}s. */
final class ExperimentFactory {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Class<?> testClass;
    private final Experiment experiment;
    private final Configuration config;

    ExperimentFactory(Class<?> testClass, Function<String, Optional<String>> platform) {
        this.testClass = testClass;
        this.experiment = testClass.getAnnotation(Experiment.class);
        if (experiment == null) {
            throw new ConfigurationException(testClass.getName() + " is not annotated with @Experiment");
        }
        this.config = layers(testClass, experiment, platform).resolve();
    }

    private static ConfigLayers layers(Class<?> type, Experiment experiment, Function<String, Optional<String>> platform) {
        ConfigLayers layers = TargetConfiguration.layers(type, platform)
                .annotation(Keys.TRACK, experiment.track().id(), "@Experiment(track)")
                .annotation(Keys.GENERATIONS, experiment.generations(), "@Experiment(generations)")
                .annotation(Keys.CANDIDATES, experiment.candidatesPerGeneration(), "@Experiment(candidatesPerGeneration)")
                .annotation(Keys.SEED, experiment.seed(), "@Experiment(seed)")
                .annotation(Keys.MAX_ATTEMPTS, experiment.maxAttempts(), "@Experiment(maxAttempts)")
                .annotation(Keys.MIN_FITNESS, experiment.minFitness(), "@Experiment(minFitness)")
                .annotation(Keys.TASK, experiment.task(), "@Experiment(task)")
                .annotation(Keys.SANDBOX, experiment.sandbox(), "@Experiment(sandbox)")
                .annotation(Keys.CAP_THROUGHPUT, experiment.throughputCap(), "@Experiment(throughputCap)")
                .annotation(Keys.CAP_LATENCY, experiment.latencyCap(), "@Experiment(latencyCap)")
                .annotation(Keys.MAX_THROUGHPUT_LOSS, experiment.maxThroughputLoss(), "@Experiment(maxThroughputLoss)")
                .annotation(Keys.MAX_P99_INCREASE, experiment.maxP99Increase(), "@Experiment(maxP99Increase)")
                .annotation(Keys.REPLICATES, experiment.replicates(), "@Experiment(replicates)")
                .annotation(SlurmKeys.EXECUTOR, experiment.executor(), "@Experiment(executor)");
        return layers;
    }

    Configuration configuration() {
        return config;
    }

    String name() {
        return experiment.name().isEmpty() ? testClass.getSimpleName() : experiment.name();
    }

    /** The selected tracks: one, or all four for {@code all}. */
    List<Track> tracks() {
        String selected = config.find(Keys.TRACK).orElse(experiment.track().id());
        if (selected.trim().equalsIgnoreCase("all")) {
            return List.of(Track.values());
        }
        try {
            return List.of(Track.parse(selected));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (from " + config.setting(Keys.TRACK).get().source() + ")");
        }
    }

    /** Why this experiment does not run here, or empty when it does. */
    Optional<String> skipReason() {
        List<Track> supported = Arrays.asList(experiment.tracks());
        List<Track> selected = tracks();
        if (selected.stream().noneMatch(supported::contains)) {
            return Optional.of("track " + selected.get(0).id() + " is not among " + name() + "'s tracks " + supported);
        }
        if (config.find(Keys.TARGET_ROOT).isEmpty()) {
            return Optional.of("no target tree configured: set AI_OPT_ROCKSDB_PATH (or -Daiopt.target.root) to a "
                    + "prepared tree; see the README, Experiment A");
        }
        return Optional.empty();
    }

    List<Track> runnableTracks() {
        List<Track> supported = Arrays.asList(experiment.tracks());
        return tracks().stream().filter(supported::contains).toList();
    }

    ExperimentPlan plan(Track track) {
        return plan(track, 0);
    }

    /** Replicates per track of {@code -Dtrack=all} ({@code aiopt.replicates}, at least 1). */
    int replicates() {
        int k = config.getInt(Keys.REPLICATES);
        if (k < 1) {
            throw new ConfigurationException("aiopt.replicates must be at least 1, got " + k + " (from "
                    + config.setting(Keys.REPLICATES).get().source() + ")");
        }
        return k;
    }

    /** The plan of replicate {@code replicate} (0-based) of a track: seed {@code aiopt.seed + replicate}. */
    ExperimentPlan plan(Track track, int replicate) {
        Path root = TargetFiles.root(testClass, config, name() + ": ");
        String file = targetFile(root);
        Slice slice = slice(root, file);
        BenchCommand bench = TargetConfiguration.benchCommand(config);
        Commands commands = TargetConfiguration.commands(config, testClass, bench);
        long seed = config.getLong(Keys.SEED) + replicate;
        Path runDir = runDirectory(track, seed);
        // -Dtrack=all: the configured budget is the total of all tracks and replicates, each run gets an equal share.
        Ledger ledger = new Ledger(Budget.fromConfig(config::find).share(runnableTracks().size() * replicates()),
                PriceTable.fromConfig(config::find));
        Model model = ModelSelection.select(track, config, new ModelSelection.Offline(offlineAnswers(),
                testClass, slice.text(), config.getInt(Keys.MAX_ATTEMPTS)), runDir, ledger, seed);
        try {
            Fitness fitness = new Fitness(config.getDouble(Keys.WEIGHT_THROUGHPUT), config.getDouble(Keys.WEIGHT_LATENCY),
                    config.getDouble(Keys.WEIGHT_CAUSAL)).withCaps(config.getDouble(Keys.CAP_THROUGHPUT),
                    config.getDouble(Keys.CAP_LATENCY)).withGuardrails(
                    config.findDouble(Keys.MAX_THROUGHPUT_LOSS).orElse(Double.NaN),
                    config.findDouble(Keys.MAX_P99_INCREASE).orElse(Double.NaN));
            SearchSettings search = new SearchSettings(config.getInt(Keys.GENERATIONS), config.getInt(Keys.CANDIDATES),
                    config.findDouble(Keys.MIN_FITNESS).orElse(Double.NaN), seed, config.getInt(Keys.ISLANDS),
                    config.getInt(Keys.MAX_ATTEMPTS), Math.max(1, config.getInt(Keys.PARALLELISM)),
                    SearchSettings.Reply.parse(config.require(Keys.MODE, "the reply mode")),
                    config.getInt(Keys.DUPLICATE_REASKS));
            MeasurementSettings measurement = new MeasurementSettings(commands, config.getInt(Keys.BENCH_REPEATS),
                    config.getInt(Keys.BENCH_WARMUPS), TargetConfiguration.isolation(config, root),
                    bench, new CalibrationSettings(
                            config.getInt(Keys.CALIBRATION_RUNS), config.getDouble(Keys.CALIBRATION_EFFECT),
                            config.getDouble(Keys.CALIBRATION_POWER), config.getInt(Keys.CALIBRATION_MAX_REPEATS)));
            ProfilingSettings profiling = new ProfilingSettings(
                    ProfilingSettings.When.parse(config.require(Keys.RUN_BCOZ, "causal profiling")),
                    Duration.ofSeconds(config.getLong(Keys.BCOZ_DURATION)),
                    config.find(Keys.BCOZ_PROGRESS_POINTS).map(v -> List.of(v.split("\\s*,\\s*"))).orElse(List.of()),
                    config.find(Keys.BCOZ_BUILD), config.find(Keys.BCOZ_BENCH_ARGS));
            RunSettings run = new RunSettings(root, runDir, config.find(Keys.WORKSPACE_CMD), resuming(),
                    SlurmKeys.slurm(config, runDir), SlurmKeys.unitTimeout(config), new DiskSettings(
                            DiskSettings.KeepKits.parse(config.require(Keys.KEEP_KITS, "the kits to keep")),
                            config.getInt(Keys.DISK_MIN_FREE_KITS), config.find(Keys.PRUNE_KEEP_RUNS)
                                    .map(v -> OptionalInt.of(config.getInt(Keys.PRUNE_KEEP_RUNS)))
                                    .orElse(OptionalInt.empty())));
            return new ExperimentPlan(name(), track, slice, search, measurement, profiling, new ModelSetup(model, ledger),
                    promptSettings(track), run, fitness, config.effective());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name() + ": " + e.getMessage());
        }
    }

    // The task: aiopt.task (or @Experiment(task)), text or file:<path>; the context budget: aiopt.context.<family>,
    // the profiler track falling back to the baseline's as its model does.
    private PromptSettings promptSettings(Track track) {
        String task = PromptSettings.GENERIC_TASK;
        Optional<String> configured = config.find(Keys.TASK).filter(t -> !t.isBlank());
        if (configured.isPresent()) {
            String value = configured.get().strip();
            String source = config.setting(Keys.TASK).map(s -> s.source()).orElse(Keys.TASK);
            if (value.startsWith("file:")) {
                Path file = Path.of(value.substring("file:".length()).strip());
                try {
                    value = Files.readString(file).strip();
                } catch (IOException e) {
                    throw new ConfigurationException(Keys.TASK + " (from " + source + ") names " + file.toAbsolutePath()
                            + ", which cannot be read (" + e.getMessage() + "); give the task as text or an existing"
                            + " file:<path>");
                }
                if (value.isEmpty()) {
                    throw new ConfigurationException(Keys.TASK + " (from " + source + ") names the empty file "
                            + file.toAbsolutePath() + "; write the behaviour rule there or unset the key");
                }
            }
            task = value;
        }
        Optional<String> context = config.find(ModelKeys.context(track));
        if (context.isEmpty() && track == Track.PROFILER) {
            context = config.find(ModelKeys.context(Track.BASELINE));
        }
        OptionalInt tokens = OptionalInt.empty();
        if (context.isPresent()) {
            String key = ModelKeys.context(track);
            try {
                tokens = OptionalInt.of(Integer.parseInt(context.get().strip().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key + " must be a whole number of tokens, e.g. 8192; got '"
                        + context.get() + "'");
            }
            if (tokens.getAsInt() < PromptSettings.MIN_PROMPT_TOKENS) {
                throw new ConfigurationException(key + " = " + tokens.getAsInt() + " is too small: a prompt needs at"
                        + " least " + PromptSettings.MIN_PROMPT_TOKENS + " tokens");
            }
        }
        return new PromptSettings(task, tokens);
    }

    private OfflineAnswers offlineAnswers() {
        try {
            return new OfflineAnswers(experiment.offlineResponses(), experiment.offlineVersions());
        } catch (ModelException e) {
            throw new ConfigurationException(name() + ": " + e.getMessage());
        }
    }

    private String targetFile(Path root) {
        Optional<String> list = config.find(Keys.TARGET_FILES);
        if (list.isPresent()) {
            List<String> tried = new ArrayList<>();
            for (String candidate : list.get().split(",")) {
                String name = candidate.trim();
                if (!name.isEmpty() && Files.isRegularFile(root.resolve(name))) {
                    return name;
                }
                tried.add(name);
            }
            throw new ConfigurationException("none of AI_OPT_TARGET_FILES " + tried + " exists in " + root.toAbsolutePath());
        }
        return config.require(Keys.TARGET_FILE, "the target file (@EvolveBlock(file))");
    }

    private Slice slice(Path root, String file) {
        if (testClass.getAnnotation(EvolveBlock.class) == null) {
            throw new ConfigurationException(testClass.getSimpleName() + " needs @EvolveBlock(file = ...) to say what to evolve");
        }
        Path template = TargetFiles.sourceFile(testClass, root, file, "");
        return TargetFiles.slice(testClass, file, TargetFiles.read(template, "the file to evolve"));
    }

    /** Whether {@code aiopt.resume} asks to continue an earlier run. */
    boolean resuming() {
        return config.find(Keys.RESUME).filter(v -> !v.isBlank()).isPresent();
    }

    /** Where this experiment's runs go, one directory per track below it. */
    Path outputDirectory() {
        return ModulePaths.of(testClass).resolve(config.require(Keys.OUTPUT_DIR, "the output directory")).resolve(name());
    }

    private Path runDirectory(Track track, long seed) {
        Path base = outputDirectory().resolve(track.id());
        Optional<String> resume = config.find(Keys.RESUME).filter(v -> !v.isBlank());
        if (resume.isPresent()) {
            return resumeDirectory(base, resume.get().trim(), seed);
        }
        String stamp = LocalDateTime.now().format(RUN_STAMP);
        Path dir = base.resolve("run-" + stamp + "-seed" + seed);
        for (int n = 2; Files.exists(dir); n++) {
            dir = base.resolve("run-" + stamp + "-" + n + "-seed" + seed);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
        return dir;
    }

    // 'latest' is the newest run of this experiment, track and seed; a path must hold a journal.
    private Path resumeDirectory(Path base, String resume, long seed) {
        Path dir;
        if (resume.equals("latest")) {
            try (var runs = Files.list(base)) {
                dir = runs.filter(p -> p.getFileName().toString().endsWith("-seed" + seed))
                        .filter(p -> Files.exists(p.resolve(EvolutionRun.JOURNAL)))
                        .max(Comparator.comparing(p -> p.getFileName().toString()))
                        .orElseThrow(() -> new ConfigurationException("aiopt.resume=latest: no run with a journal"
                                + " and seed " + seed + " under " + base.toAbsolutePath()));
            } catch (IOException e) {
                throw new ConfigurationException("aiopt.resume=latest: cannot list " + base.toAbsolutePath()
                        + " (" + e.getMessage() + ")");
            }
        } else {
            dir = ModulePaths.of(testClass).resolve(resume);
        }
        if (!Files.exists(dir.resolve(EvolutionRun.JOURNAL))) {
            throw new ConfigurationException("aiopt.resume=" + resume + ": " + dir.toAbsolutePath()
                    + " holds no " + EvolutionRun.JOURNAL + "; name a run directory under " + base.toAbsolutePath() + " or 'latest'");
        }
        return dir;
    }
}
