package dev.aiopt.junit.internal.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The benchmark command before a run length is chosen: the command itself, the run lengths a calibration may
 * choose from ({@code @Bench(lengths)}, each an argument string appended to the command, e.g.
 * {@code --num=200000}) and the CPUs the benchmark is pinned to ({@code @Bench(cpus)}, {@code taskset -c}).
 *
 * @param command the command with its fixed arguments
 * @param lengths run-length arguments to choose from; empty when the command has one length
 * @param cpus a {@code taskset -c} CPU list such as {@code 1} or {@code 2-3}; empty for no pinning
 *
 * <p>Public because it is used by {@code evolution}, {@code extension}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record BenchCommand(String command, List<String> lengths, Optional<String> cpus) {

    public BenchCommand {
        Objects.requireNonNull(command, "command");
        lengths = lengths.stream().map(String::strip).toList();
        if (lengths.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a run length is an argument string such as --num=200000; got an "
                    + "empty one in " + lengths);
        }
        if (lengths.stream().distinct().count() != lengths.size()) {
            throw new IllegalArgumentException("the run lengths " + lengths + " repeat one; list each once");
        }
        cpus = cpus.map(String::strip).filter(c -> !c.isEmpty());
        if (cpus.isPresent() && !cpus.get().matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            throw new IllegalArgumentException("@Bench(cpus) / aiopt.bench.cpus is a taskset CPU list such as 1, "
                    + "2-3 or 0,2; got '" + cpus.get() + "'");
        }
    }

    /** A command with one length and no pinning. */
    public static BenchCommand of(String command) {
        return new BenchCommand(command, List.of(), Optional.empty());
    }

    /** Whether a calibration has lengths to choose from (two or more). */
    public boolean calibrates() {
        return lengths.size() > 1;
    }

    /** The command as run before a calibration chose: at the first length, when there are lengths. */
    public String initial() {
        return lengths.isEmpty() ? pinned(command) : at(lengths.get(0));
    }

    /** The command at run length {@code length} (one of {@link #lengths()}), pinned when CPUs are set. */
    public String at(String length) {
        if (!lengths.contains(length)) {
            throw new IllegalArgumentException("'" + length + "' is not one of the run lengths " + lengths);
        }
        return pinned(command + " " + length);
    }

    // taskset runs bash on the pinned CPUs, and the benchmark inherits the affinity, whatever the command's shape.
    private String pinned(String full) {
        return cpus.map(c -> "taskset -c " + c + " bash -c '" + full.replace("'", "'\\''") + "'").orElse(full);
    }
}
