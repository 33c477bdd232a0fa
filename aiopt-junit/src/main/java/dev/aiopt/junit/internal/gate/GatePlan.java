package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.Gate;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.stats.GateSettings;
import dev.aiopt.junit.internal.stats.SequentialGate;
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
 * @param policy looks, and what an inconclusive verdict or a busy machine does
 * @param isolation the sandbox, environment and limits of both sides' commands, as an experiment's
 */
record GatePlan(String name, Path root, String file, Source candidate, Optional<Source> reference,
        Optional<Path> baselineJson, Commands commands, GateSettings settings, int warmups, Path outputDir,
        Optional<Path> record, Policy policy, Isolation isolation) {

    GatePlan {
        Objects.requireNonNull(candidate, "candidate");
        if (reference.isPresent() == baselineJson.isPresent()) {
            throw new IllegalArgumentException("a gate compares with either a reference build or stored runs");
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("gate warmups must be 0 or more, but was " + warmups);
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(isolation, "isolation");
    }

    /** The looks a same-run gate may take (history mode measures once). */
    SequentialGate sequential() {
        int looks = reference.isPresent() ? policy.maxLooks() : 1;
        return new SequentialGate(settings, settings.repeats() * looks);
    }

    /**
     * How a gate judges beyond its thresholds.
     *
     * @param maxLooks looks in all, each adding {@code repeats} runs a side, at least 1
     * @param inconclusive what an inconclusive verdict does
     * @param busyMachine what a busy machine does
     * @param maxLoadPerCore the machine is busy above this 1-minute load per core
     */
    record Policy(int maxLooks, Gate.Inconclusive inconclusive, Gate.BusyMachine busyMachine, double maxLoadPerCore) {
        Policy {
            if (maxLooks < 1) {
                throw new IllegalArgumentException("gate maxLooks must be at least 1 (1 measures once), but was "
                        + maxLooks);
            }
            if (inconclusive == null || inconclusive == Gate.Inconclusive.DEFAULT || busyMachine == null
                    || busyMachine == Gate.BusyMachine.DEFAULT) {
                throw new IllegalArgumentException("a gate policy needs a resolved inconclusive and busyMachine mode,"
                        + " not " + inconclusive + " / " + busyMachine);
            }
            if (!(maxLoadPerCore > 0) || Double.isInfinite(maxLoadPerCore)) {
                throw new IllegalArgumentException("gate maxLoadPerCore must be a number above 0 (1.0: load above the"
                        + " core count is busy), but was " + maxLoadPerCore);
            }
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
