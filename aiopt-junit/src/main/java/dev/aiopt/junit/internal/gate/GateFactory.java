package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.Verify;
import dev.aiopt.junit.internal.config.ConfigLayers;
import dev.aiopt.junit.internal.config.Configuration;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.config.Keys;
import dev.aiopt.junit.internal.setup.GateKeys;
import dev.aiopt.junit.internal.setup.TargetConfiguration;
import dev.aiopt.junit.internal.setup.ModulePaths;
import dev.aiopt.junit.internal.setup.TargetFiles;
import dev.aiopt.junit.internal.slice.Slice;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.GateSettings;
import dev.aiopt.junit.internal.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a gate class's annotations plus the configuration layers into a {@link GatePlan}, mapping
 * {@code @EvolveBlock}, {@code @Build}, {@code @Verify} and {@code @Bench} to the same keys as an experiment.
 */
final class GateFactory {
    private final Class<?> testClass;
    private final Gate gate;
    private final Configuration config;

    GateFactory(Class<?> testClass, Function<String, Optional<String>> platform) {
        this.testClass = testClass;
        this.gate = testClass.getAnnotation(Gate.class);
        if (gate == null) {
            throw new ConfigurationException(testClass.getName() + " is not annotated with @Gate");
        }
        this.config = layers(testClass, gate, platform).resolve();
    }

    private static ConfigLayers layers(Class<?> type, Gate gate, Function<String, Optional<String>> platform) {
        ConfigLayers layers = TargetConfiguration.layers(type, platform)
                .annotation(GateKeys.MIN_THROUGHPUT_RATIO, gate.minThroughputRatio(),
                        "@Gate(minThroughputRatio)")
                .annotation(GateKeys.MAX_P99_RATIO, gate.maxP99Ratio(), "@Gate(maxP99Ratio)")
                .annotation(GateKeys.CONFIDENCE, gate.confidence(), "@Gate(confidence)")
                .annotation(GateKeys.REPEATS, gate.repeats(), "@Gate(repeats)")
                .annotation(GateKeys.WARMUPS, gate.warmups(), "@Gate(warmups)")
                .annotation(GateKeys.CANDIDATE_SLICE, gate.candidateSlice(), "@Gate(candidateSlice)")
                .annotation(GateKeys.REFERENCE_SLICE, gate.referenceSlice(), "@Gate(referenceSlice)")
                .annotation(GateKeys.BASELINE_JSON, gate.baselineJson(), "@Gate(baselineJson)")
                .annotation(GateKeys.MAX_LOOKS, gate.maxLooks(), "@Gate(maxLooks)")
                .annotation(GateKeys.INCONCLUSIVE, gate.inconclusive() == Gate.Inconclusive.DEFAULT ? ""
                        : gate.inconclusive().name(), "@Gate(inconclusive)")
                .annotation(GateKeys.BUSY_MACHINE, gate.busyMachine() == Gate.BusyMachine.DEFAULT ? ""
                        : gate.busyMachine().name(), "@Gate(busyMachine)")
                .annotation(Keys.SANDBOX, gate.sandbox(), "@Gate(sandbox)");
        return layers;
    }

    String name() {
        return gate.name().isEmpty() ? testClass.getSimpleName() : gate.name();
    }

    /** Why this gate does not run here, or empty when it does. */
    Optional<String> skipReason() {
        if (config.find(Keys.TARGET_ROOT).isEmpty()) {
            return Optional.of("no target tree configured for gate " + name() + ": set @EvolveBlock(root), "
                    + "AI_OPT_ROCKSDB_PATH or -Daiopt.target.root");
        }
        return Optional.empty();
    }

    GatePlan plan() {
        ModulePaths module = ModulePaths.of(testClass);
        Path root = TargetFiles.root(testClass, config, "gate " + name() + ": ");
        String file = config.require(Keys.TARGET_FILE, "the file that receives the slices (@EvolveBlock(file))");
        Path treeFile = TargetFiles.sourceFile(testClass, root, file, "gate " + name() + ": ");
        String treeSource = TargetFiles.read(treeFile, "the target file");
        Optional<String> candidateSlice = config.find(GateKeys.CANDIDATE_SLICE);
        Optional<String> referenceSlice = config.find(GateKeys.REFERENCE_SLICE);
        Optional<String> baseline = config.find(GateKeys.BASELINE_JSON);
        if (baseline.isPresent() && referenceSlice.isPresent()) {
            // -Daiopt.gate.baselineJson switches a same-run gate to history mode, and the reverse; only a tie is an error.
            int baselineRank = rank(GateKeys.BASELINE_JSON);
            int referenceRank = rank(GateKeys.REFERENCE_SLICE);
            if (baselineRank == referenceRank) {
                throw new ConfigurationException(name() + ": set either baselineJson (compare with stored runs, from "
                        + config.setting(GateKeys.BASELINE_JSON).get().source() + ") or referenceSlice (build a reference "
                        + "in the same run, from " + config.setting(GateKeys.REFERENCE_SLICE).get().source()
                        + "), not both");
            }
            if (baselineRank > referenceRank) {
                referenceSlice = Optional.empty();
            } else {
                baseline = Optional.empty();
            }
        }
        Slice slice = candidateSlice.isPresent() || referenceSlice.isPresent() ? TargetFiles.slice(testClass, file, treeSource) : null;
        GatePlan.Source candidate = source(candidateSlice, slice, treeSource, GateKeys.CANDIDATE_SLICE);
        Optional<GatePlan.Source> reference = baseline.isPresent() ? Optional.empty()
                : Optional.of(source(referenceSlice, slice, treeSource, GateKeys.REFERENCE_SLICE));
        try {
            GateSettings settings = new GateSettings(config.getDouble(GateKeys.MIN_THROUGHPUT_RATIO),
                    config.getDouble(GateKeys.MAX_P99_RATIO), config.getDouble(GateKeys.CONFIDENCE),
                    config.getInt(GateKeys.REPEATS),
                    ComparisonSettings.DEFAULT_BOOTSTRAP_RESAMPLES, 1L);
            GatePlan plan = new GatePlan(name(), root, file, candidate, reference, baseline.map(module::resolve), TargetConfiguration.commands(config, testClass), settings,
                    config.getInt(GateKeys.WARMUPS),
                    module.resolve(config.require(Keys.OUTPUT_DIR, "the output directory")), config.find(GateKeys.RECORD).map(module::resolve),
                    policy(), TargetConfiguration.isolation(config, root));
            plan.sequential(); // rejects too few repeats for the alpha of each look, here as a configuration error
            return plan;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("gate " + name() + ": " + e.getMessage());
        }
    }

    private GatePlan.Policy policy() {
        return new GatePlan.Policy(config.getInt(GateKeys.MAX_LOOKS),
                choice(GateKeys.INCONCLUSIVE, Gate.Inconclusive.class, Gate.Inconclusive.DEFAULT),
                choice(GateKeys.BUSY_MACHINE, Gate.BusyMachine.class, Gate.BusyMachine.DEFAULT),
                config.getDouble(GateKeys.MAX_LOAD_PER_CORE));
    }

    // FAIL / WARN / REFUSE as written in the configuration, any case; DEFAULT is the annotation's "unset".
    private <E extends Enum<E>> E choice(String key, Class<E> type, E unset) {
        String value = config.require(key, key).strip();
        for (E constant : type.getEnumConstants()) {
            if (constant != unset && constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            if (constant != unset) {
                allowed.add(constant.name());
            }
        }
        throw new ConfigurationException(key + " is '" + value + "' (from "
                + config.setting(key).map(Setting::source).orElse("?") + "); use one of " + String.join(", ", allowed));
    }

    /** How strong the layer that set {@code key} is: system property over environment over platform over annotation. */
    private int rank(String key) {
        String source = config.setting(key).get().source();
        if (source.startsWith("system property")) {
            return 3;
        }
        if (source.startsWith("env ")) {
            return 2;
        }
        return source.startsWith("@") ? 0 : 1;
    }


    private GatePlan.Source source(Optional<String> sliceFile, Slice slice, String treeSource, String key) {
        if (sliceFile.isEmpty()) {
            return new GatePlan.Source("the tree as given", treeSource);
        }
        ModulePaths module = ModulePaths.of(testClass);
        Path path = module.resolve(sliceFile.get());
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException("gate " + name() + ": the slice file " + module.describe(sliceFile.get())
                    + " (from " + config.setting(key).get().source() + ") does not exist");
        }
        return new GatePlan.Source("slice " + sliceFile.get(), slice.reassemble(TargetFiles.read(path, "the slice file")));
    }
}
