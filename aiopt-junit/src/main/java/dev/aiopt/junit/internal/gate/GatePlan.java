package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.stats.GateSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one gate execution needs, resolved from the annotations and the configuration layers.
 *
 * @param name the gate's name, for messages and paths
 * @param root the target tree (never written)
 * @param file the file that receives a side's source, relative to the tree
 * @param candidate the candidate's source
 * @param reference the reference's source in same-run mode; empty in history mode
 * @param baselineJson the stored reference runs in history mode; empty in same-run mode
 * @param commands build, oracle and benchmark
 * @param settings the gate's thresholds and repeats
 * @param warmups discarded warm-up runs per side
 * @param outputDir where the run directory goes
 * @param record where to write the measured reference runs, if anywhere
 */
record GatePlan(String name, Path root, String file, Source candidate, Optional<Source> reference,
        Optional<Path> baselineJson, Commands commands, GateSettings settings, int warmups, Path outputDir,
        Optional<Path> record) {

    GatePlan {
        Objects.requireNonNull(candidate, "candidate");
        if (reference.isPresent() == baselineJson.isPresent()) {
            throw new IllegalArgumentException("a gate compares with either a reference build or stored runs");
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("gate warmups must be 0 or more, but was " + warmups);
        }
    }

    /**
     * One side's full source for {@link #file()}.
     *
     * @param description what it is, e.g. {@code "the tree as given"} or {@code "slice versions/v1.cc"}
     * @param text the full file content
     */
    record Source(String description, String text) {
    }
}
