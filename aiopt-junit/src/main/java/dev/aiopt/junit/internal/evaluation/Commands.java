package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.metrics.BenchSpec;
import dev.aiopt.junit.internal.metrics.MetricsException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commands that turn a source file into measured figures, all run by {@link Evaluator}.
 *
 * @param build build command, run in the workspace copy of the tree
 * @param buildTimeout hard limit of the build
 * @param verify correctness oracle, run in the workspace; empty for none
 * @param verifyTimeout hard limit of the oracle
 * @param bench benchmark command, run in the program's kit directory
 * @param benchmark benchmark whose figures are scored, e.g. {@code fillrandom}
 * @param binaries build outputs, relative to the tree, copied into each program's kit
 * @param benchTimeout hard limit of one benchmark run
 * @param metricsJson a JSON metrics file the benchmark writes, relative to the kit; empty for none
 * @param format the benchmark's output format as {@code aiopt.bench.format} writes it, e.g. {@code auto}
 * @param throughput the metric that is the throughput axis, e.g. {@code items_per_second}
 * @param latency the metric that is the latency axis, or {@code none}
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Commands(String build, Duration buildTimeout, Optional<String> verify, Duration verifyTimeout,
        String bench, String benchmark, List<String> binaries, Duration benchTimeout, Optional<String> metricsJson,
        String format, String throughput, String latency) {

    public Commands {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(benchmark, "benchmark");
        binaries = List.copyOf(binaries);
        if (binaries.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one binary to keep per program; set "
                    + "@Bench(binaries) when the command does not start with ./<binary>");
        }
        for (String binary : binaries) {
            if (binary.startsWith("/") || binary.contains("..")) {
                throw new IllegalArgumentException("benchmark binary '" + binary
                        + "' must be a path relative to the tree, inside it");
            }
        }
        try {
            BenchSpec.of(format, benchmark, throughput, latency);
        } catch (MetricsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** These commands with another benchmark command (a calibrated run length). */
    public Commands withBench(String newBench) {
        return new Commands(build, buildTimeout, verify, verifyTimeout, newBench, benchmark, binaries, benchTimeout,
                metricsJson, format, throughput, latency);
    }

    /** What to read from the benchmark's output: format, benchmark and the two axes. */
    public BenchSpec spec() {
        return BenchSpec.of(format, benchmark, throughput, latency);
    }

    /** The binary a command starts with, when it is a relative path like {@code ./db_bench}. */
    public static Optional<String> leadingBinary(String command) {
        String first = command.strip().split("\\s+", 2)[0];
        if (first.startsWith("./") && first.length() > 2) {
            return Optional.of(first.substring(2));
        }
        if (!first.startsWith("/") && first.contains("/") && !first.contains("=")) {
            return Optional.of(first);
        }
        return Optional.empty();
    }
}
