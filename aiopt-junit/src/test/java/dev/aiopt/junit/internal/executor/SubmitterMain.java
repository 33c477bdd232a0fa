package dev.aiopt.junit.internal.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The submitting JVM the resume test kills: runs {@link #units()} on the test cluster with the lease given.
 * {@code SubmitterMain <shared-dir> <slurm.conf> <lease-seconds>}.
 */
public final class SubmitterMain {
    private SubmitterMain() {
    }

    /** A unit that finishes at once (and records its environment), and one that waits for a file {@code go}. */
    static List<Unit> units() {
        return List.of(
                CommandUnit.of("quick", List.of("sh", "-c", "env > env.txt; echo quick on $AIOPT_NODE"),
                        Duration.ofSeconds(60)),
                CommandUnit.of("slow", List.of("sh", "-c", "echo $$ > sh.pid; while [ ! -e ../../go ]; do sleep 0.2;"
                        + " done; echo slow on $AIOPT_NODE"), Duration.ofSeconds(120)));
    }

    public static void main(String[] args) {
        SlurmSettings settings = SlurmSettings.builder(Path.of(args[0])).slurmConf(Path.of(args[1]))
                .memory("300M").leaseTimeout(Duration.ofSeconds(Long.parseLong(args[2])))
                .environment(List.of("AIOPT_ALLOWED")).build();
        try (SlurmExecutor executor = new SlurmExecutor(settings)) {
            executor.runAll(units());
        }
    }
}
