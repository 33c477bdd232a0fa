package dev.aiopt.junit.internal.executor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Measures the Slurm executor on a running cluster ({@code scripts/slurm-throughput.sh} starts it with 1, 2
 * and 3 nodes): submit-to-start latency of single units on an idle cluster, and the wall time of a batch of
 * benchmark units that sleep instead of computing. A measurement, not a test.
 *
 * <p>{@code SlurmThroughput <slurm.conf> <label> <latency-samples> <batch-units> <sleep-seconds>}
 */
public final class SlurmThroughput {
    private SlurmThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path conf = Path.of(args[0]);
        String label = args[1];
        int samples = Integer.parseInt(args[2]);
        int units = Integer.parseInt(args[3]);
        int sleep = Integer.parseInt(args[4]);
        Path shared = Files.createTempDirectory("aiopt-slurm-throughput");
        SlurmSettings settings = SlurmSettings.builder(shared).slurmConf(conf).memory("300M").build();
        try (SlurmExecutor executor = new SlurmExecutor(settings)) {
            List<Long> waits = new ArrayList<>();
            List<Long> turnarounds = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                UnitOutcome outcome = executor.runAll(List.of(CommandUnit.of(label + "-lat" + i, List.of("true"),
                        Duration.ofSeconds(60)))).get(0);
                turnarounds.add((System.nanoTime() - start) / 1_000_000);
                waits.add(outcome.attempts().get(0).queueWait().toMillis());
            }
            List<Unit> batch = IntStream.range(0, units).mapToObj(i -> CommandUnit.of(label + "-b" + i,
                    List.of("sleep", String.valueOf(sleep)), Duration.ofSeconds(600), Duration.ofSeconds(600), true))
                    .toList();
            long start = System.nanoTime();
            List<UnitOutcome> outcomes = executor.runAll(batch);
            double wall = (System.nanoTime() - start) / 1e9;
            long nodes = outcomes.stream().map(UnitOutcome::node).distinct().count();
            System.out.printf(Locale.ROOT, "%s: submit-to-start median %d ms (samples %s), submit-to-result median"
                    + " %d ms; batch of %d x sleep %d s on %d node(s): %.1f s (serial %d s)%n", label, median(waits),
                    waits, median(turnarounds), units, sleep, nodes, wall, units * sleep);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
