package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.process.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Records an on-CPU profile with {@code perf record -g} (or {@code bperf}, when on the PATH, which adds off-CPU
 * blocked samples) and reads it back with {@code perf report --stdio --sort comm,dso,sym,srcline}: the source-line
 * ranking that chooses coz's fixed-line runs, and the on-/off-CPU split for the prompt. Like {@link CozRunner}, it
 * runs a candidate's program, so a caller in the loop passes the run's sandboxed runner ({@link #withCommands});
 * {@link #locate()} alone has no sandbox. (No stage of the loop records with perf yet: {@code aiopt.bperf.run}
 * is reserved for it.)
 */
final class PerfRunner {
    private final String perf;
    private final CommandRunner commands;

    private PerfRunner(String perf, CommandRunner commands) {
        this.perf = perf;
        this.commands = commands;
    }

    /** This profiler with its commands started by {@code runner} (the run's sandbox, environment and limits). */
    public PerfRunner withCommands(CommandRunner runner) {
        return new PerfRunner(perf, runner);
    }

    /**
     * {@code bperf} when on the PATH, else {@code perf}.
     *
     * @throws ProfilerException when neither is installed
     */
    public static PerfRunner locate() {
        return CozRunner.onPath("bperf").or(() -> CozRunner.onPath("perf"))
                .map(p -> new PerfRunner(p.toString(), CommandRunner.defaults()))
                .orElseThrow(() -> new ProfilerException("perf is not installed: `apt-get install linux-perf`"));
    }

    /** The perf binary this runner invokes. */
    public String perf() {
        return perf;
    }

    /** {@code /proc/sys/kernel/perf_event_paranoid}, if readable (above 2 refuses unprivileged profiling). */
    public static OptionalInt perfEventParanoid() {
        try {
            return OptionalInt.of(Integer.parseInt(
                    Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static String paranoidText() {
        OptionalInt level = perfEventParanoid();
        return level.isPresent() ? Integer.toString(level.getAsInt()) : "unknown";
    }

    /**
     * Records {@code command} for at most {@code cap} into {@code dataFile} and returns the parsed report (also
     * written beside it as {@code <dataFile>.report.txt}).
     *
     * @throws ProfilerException when perf fails or records nothing
     */
    public PerfReport recordAndReport(List<String> command, Path workingDirectory, Path dataFile, Duration cap) {
        Path data = dataFile.toAbsolutePath();
        Path recordLog = data.resolveSibling(data.getFileName() + ".record.log");
        Path reportFile = data.resolveSibling(data.getFileName() + ".report.txt");
        try {
            Files.createDirectories(data.getParent());
            Files.deleteIfExists(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + data, e);
        }
        List<String> record = new ArrayList<>(List.of(perf, "record", "-g", "-o", data.toString(), "--"));
        record.addAll(command);
        GroupProcess.Outcome recorded = GroupProcess.run(commands, record, workingDirectory, Map.of(), cap,
                recordLog);
        if (!Files.exists(data)) {
            throw new ProfilerException("perf record wrote no data (exit status " + recorded.exitCode() + "; "
                    + "perf_event_paranoid is " + paranoidText() + "):\n" + recorded.logTail());
        }
        List<String> report = List.of(perf, "report", "-i", data.toString(), "--stdio", "--no-children",
                "--sort", "comm,dso,sym,srcline", "-g", "none");
        GroupProcess.Outcome reported = GroupProcess.run(commands, report, workingDirectory, Map.of(),
                Duration.ofMinutes(5),
                reportFile);
        if (reported.exitCode() != 0) {
            throw new ProfilerException("perf report failed (exit status " + reported.exitCode() + "):\n"
                    + reported.logTail());
        }
        try {
            PerfReport parsed = PerfReport.parse(Files.readString(reportFile, StandardCharsets.UTF_8));
            if (parsed.rows().isEmpty()) {
                throw new ProfilerException("perf recorded no samples for " + command + ":\n" + recorded.logTail());
            }
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
