package dev.aiopt.junit.internal.extension;

import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.ConfigLayers;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.config.Keys;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evolution.ExperimentPlan;
import dev.aiopt.junit.internal.evolution.Fitness;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.offline.OfflineAnswers;
import dev.aiopt.junit.internal.slice.Slice;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
                .annotation(Keys.GENERATIONS, String.valueOf(experiment.generations()), "@Experiment(generations)")
                .annotation(Keys.CANDIDATES, String.valueOf(experiment.candidatesPerGeneration()),
                        "@Experiment(candidatesPerGeneration)")
                .annotation(Keys.SEED, String.valueOf(experiment.seed()), "@Experiment(seed)")
                .annotation(Keys.MAX_ATTEMPTS, String.valueOf(experiment.maxAttempts()), "@Experiment(maxAttempts)");
        if (!Double.isNaN(experiment.minFitness())) {
            layers.annotation(Keys.MIN_FITNESS, String.valueOf(experiment.minFitness()), "@Experiment(minFitness)");
        }
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
        Path root = Path.of(config.require(Keys.TARGET_ROOT, "the target tree"));
        String file = targetFile(root);
        Slice slice = slice(root, file);
        Commands commands = TargetConfiguration.commands(config, testClass);
        Path runDir = runDirectory(track);
        long seed = config.getLong(Keys.SEED, 42);
        Ledger ledger = Ledger.fromConfig(config::find);
        Model model = ModelSelection.select(track, config, new ModelSelection.Offline(offlineAnswers(),
                testClass, slice.text(), config.getInt(Keys.MAX_ATTEMPTS, 3)), runDir, ledger, seed);
        Fitness fitness = new Fitness(config.getDouble(Keys.WEIGHT_THROUGHPUT, 0.3),
                config.getDouble(Keys.WEIGHT_LATENCY, 0.2), config.getDouble(Keys.WEIGHT_CAUSAL, 0.3));
        try {
            return new ExperimentPlan(name(), track, config.getInt(Keys.GENERATIONS, 3), config.getInt(Keys.CANDIDATES, 2),
                    config.getDouble(Keys.MIN_FITNESS, Double.NaN), seed, config.getInt(Keys.ISLANDS, 2),
                    config.getInt(Keys.MAX_ATTEMPTS, 3), root, slice, commands, config.getInt(Keys.BENCH_REPEATS, 3),
                    config.getInt(Keys.BENCH_WARMUPS, 1), fitness, runDir, model, ledger, config);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name() + ": " + e.getMessage());
        }
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
        EvolveBlock block = testClass.getAnnotation(EvolveBlock.class);
        if (block == null) {
            throw new ConfigurationException(testClass.getSimpleName() + " needs @EvolveBlock(file = ...) to say what to evolve");
        }
        Path template = block.template().isEmpty() ? root.resolve(file) : Path.of(block.template());
        if (!Files.isRegularFile(template)) {
            throw new ConfigurationException("the file to evolve, " + template.toAbsolutePath() + ", does not exist; "
                    + "check @EvolveBlock(file" + (block.template().isEmpty() ? "" : ", template") + ") and the target tree");
        }
        try {
            String source = Files.readString(template, StandardCharsets.UTF_8);
            return SliceLocator.locate(file, source, new SliceSpec(block.lines(), block.function()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    /** Whether {@code aiopt.resume} asks to continue an earlier run. */
    boolean resuming() {
        return config.find(Keys.RESUME).filter(v -> !v.isBlank()).isPresent();
    }

    private Path runDirectory(Track track) {
        Path base = Path.of(config.find(Keys.OUTPUT_DIR).orElse("target/aiopt")).resolve(name()).resolve(track.id());
        long seed = config.getLong(Keys.SEED, 42);
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

    // 'latest' is the newest run of this experiment, track and seed; a path must hold a checkpoint.
    private static Path resumeDirectory(Path base, String resume, long seed) {
        Path dir;
        if (resume.equals("latest")) {
            try (var runs = Files.list(base)) {
                dir = runs.filter(p -> p.getFileName().toString().endsWith("-seed" + seed))
                        .filter(p -> Files.exists(p.resolve("checkpoint.json")))
                        .max(java.util.Comparator.comparing(p -> p.getFileName().toString()))
                        .orElseThrow(() -> new ConfigurationException("aiopt.resume=latest: no run with a checkpoint"
                                + " and seed " + seed + " under " + base.toAbsolutePath()));
            } catch (IOException e) {
                throw new ConfigurationException("aiopt.resume=latest: cannot list " + base.toAbsolutePath()
                        + " (" + e.getMessage() + ")");
            }
        } else {
            dir = Path.of(resume);
        }
        if (!Files.exists(dir.resolve("checkpoint.json"))) {
            throw new ConfigurationException("aiopt.resume=" + resume + ": " + dir.toAbsolutePath()
                    + " holds no checkpoint.json; name a run directory under " + base.toAbsolutePath() + " or 'latest'");
        }
        return dir;
    }
}
