package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.process.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a benchmark under coz (or BCOZ, when a {@code bcoz} binary is on the PATH) and returns the parsed profile.
 * Two ways to spend the profiling time: {@link #run} samples freely (fine for small programs), and
 * {@link #rankThenFixedLine} first ranks lines by on-CPU samples, then gives each of the top lines its own short
 * {@code --fixed-line} run, which avoids coz's sticky line selection on large programs such as RocksDB.
 *
 * <p>Progress points must be compiled into the target ({@code COZ_PROGRESS_NAMED("name")} from {@code coz.h});
 * coz 0.2.2's {@code --progress file:line} is fatal and not offered. Coz's failure messages become
 * {@link ProfilerException}s that say which flags to build with ({@value ProfilerException#BUILD_FLAGS}).
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class CozRunner {
    private static final Pattern NO_DEBUG_INFO = Pattern.compile("Unable to locate debug information for (\\S+)");
    private static final Pattern FIXED_LINE_MISSING = Pattern.compile("Fixed line \"([^\"]*)\" was not found");

    private final String profiler;
    private final CommandRunner commands;

    private CozRunner(String profiler, CommandRunner commands) {
        this.profiler = profiler;
        this.commands = commands;
    }

    /** This runner, starting coz through {@code runner} (its environment, sandbox and limits). */
    public CozRunner withCommands(CommandRunner runner) {
        return new CozRunner(profiler, runner);
    }

    /**
     * The runner for this machine: {@code bcoz} when it is on the PATH, else {@code coz}.
     *
     * @throws ProfilerException when neither is installed
     */
    public static CozRunner locate() {
        return onPath("bcoz").or(() -> onPath("coz")).map(p -> new CozRunner(p.toString(), CommandRunner.defaults()))
                .orElseThrow(() -> new ProfilerException("coz is not installed (no bcoz or coz on the PATH): "
                        + "install it with `apt-get install coz-profiler`, or build BCOZ"));
    }

    /** A runner for an explicit coz-compatible binary. */
    public static CozRunner using(String binary) {
        return new CozRunner(binary, CommandRunner.defaults());
    }

    /** The first executable file of that name on the PATH. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The profiler binary this runner invokes. */
    public String profiler() {
        return profiler;
    }

    /**
     * One coz run. The output file is deleted first ({@code coz run} appends), the run is stopped at the duration
     * cap, and the log of coz and the benchmark is kept beside the profile as {@code <profile>.log}.
     *
     * @throws ProfilerException when coz fails or records no experiment; the message says what to do
     */
    public CozRunResult run(CozRunOptions options) {
        Path output = options.outputFile();
        Path log = output.resolveSibling(output.getFileName() + ".log");
        try {
            Files.createDirectories(output.getParent());
            Files.deleteIfExists(output);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare coz output " + output, e);
        }
        List<String> command = new ArrayList<>();
        command.add(profiler);
        command.addAll(options.cozArguments());
        GroupProcess.Outcome outcome = GroupProcess.run(commands, command, options.workingDirectory(),
                options.environment(),
                options.durationCap(), log);
        String fullLog = GroupProcess.fullLog(log);
        fatalProblem(fullLog, options).ifPresent(problem -> {
            throw new ProfilerException(problem + "\nLast lines of " + log + ":\n" + outcome.logTail());
        });
        CozProfile profile = Files.exists(output) ? CozProfile.read(output) : new CozProfile(List.of());
        if (profile.experimentCount() == 0) {
            throw new ProfilerException(noExperiments(fullLog, options, outcome) + "\nLast lines of " + log + ":\n"
                    + outcome.logTail());
        }
        return new CozRunResult(profiler, output, profile, outcome.elapsed(), outcome.stoppedAtCap(),
                outcome.exitCode(), outcome.logTail());
    }

    /**
     * Ranks lines by on-CPU samples with a first short run, then runs {@code --fixed-line} on each of the top
     * {@code topLines} lines for {@code perLineCap}. Profiles go beside {@code options.outputFile()} as
     * {@code <name>-rank.coz} and {@code <name>-line<i>.coz}; the merged profile holds all runs.
     *
     * <p>Ranking uses coz's {@code samples} records; coz writes them only every 32 experiments and at a clean
     * exit, so when a short ranking run has none, the samples of the experiments' selected lines are used instead.
     */
    public RankedCozResult rankThenFixedLine(CozRunOptions options, Duration rankingCap, Duration perLineCap,
            int topLines) {
        CozRunResult ranking = run(options.withOutputFile(sibling(options.outputFile(), "-rank"))
                .withDurationCap(rankingCap));
        List<String> ranked = rankLines(ranking.profile());
        List<String> top = ranked.subList(0, Math.min(topLines, ranked.size()));
        RankedCozResult lines = fixedLineRuns(options, top, perLineCap);
        List<CozRunResult> runs = new ArrayList<>();
        runs.add(ranking);
        runs.addAll(lines.runs());
        return new RankedCozResult(ranked, runs,
                CozProfile.concat(runs.stream().map(CozRunResult::profile).toList()));
    }

    /** One {@code --fixed-line} run per line, in order (lines ranked elsewhere, for example by {@link PerfRunner}). */
    public RankedCozResult fixedLineRuns(CozRunOptions options, List<String> lines, Duration perLineCap) {
        List<CozRunResult> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            runs.add(run(options.withOutputFile(sibling(options.outputFile(), "-line" + (i + 1)))
                    .withDurationCap(perLineCap).withFixedLine(lines.get(i))));
        }
        return new RankedCozResult(lines, runs, CozProfile.concat(runs.stream().map(CozRunResult::profile).toList()));
    }

    /** Source lines by on-CPU samples, highest first (see {@link #rankThenFixedLine} for the fallback). */
    static List<String> rankLines(CozProfile profile) {
        List<String> ranked = profile.rankedBySamples().stream().map(Map.Entry::getKey)
                .filter(l -> CozLocation.parse(l).isSourceLine()).toList();
        if (!ranked.isEmpty()) {
            return ranked;
        }
        Map<String, Long> selected = new LinkedHashMap<>();
        for (CozRecord record : profile.records()) {
            if (record instanceof CozRecord.Experiment e && e.location().isSourceLine()) {
                selected.merge(e.selected(), e.selectedSamples(), Long::sum);
            }
        }
        return selected.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return file.resolveSibling(base + suffix + ext);
    }

    /** Problems that make the run useless even if some output was written. */
    static Optional<String> fatalProblem(String log, CozRunOptions options) {
        if (log.contains("unknown compilation unit version") || log.contains("dwarf::format_error")) {
            return Optional.of("coz could not read the program's DWARF debug information (GCC 12 writes DWARF 5 by "
                    + "default, which coz 0.2.2 cannot read). Rebuild the benchmark with "
                    + ProfilerException.BUILD_FLAGS + ".");
        }
        if (log.contains("Failed to open perf event") || log.contains("Mapping perf_event ring buffer failed")) {
            return Optional.of("the kernel refused perf_event_open, so coz cannot sample (perf_event_paranoid is "
                    + PerfRunner.paranoidText()
                    + "). Set /proc/sys/kernel/perf_event_paranoid to 2 or lower, or run with CAP_PERFMON.");
        }
        Matcher fixed = FIXED_LINE_MISSING.matcher(log);
        if (fixed.find()) {
            return Optional.of("coz found no line " + fixed.group(1) + " in the debug information it scanned: check "
                    + "the file:line, that --source-scope " + options.sourceScopes() + " and --binary-scope "
                    + options.binaryScopes() + " include it, and that the code was built with "
                    + ProfilerException.BUILD_FLAGS + ".");
        }
        if (log.contains("FileNotFoundError") || log.contains("No such file or directory: '")) {
            return Optional.of("coz could not start the benchmark command " + options.command() + " in "
                    + options.workingDirectory() + ": no such file.");
        }
        return Optional.empty();
    }

    private static String noExperiments(String log, CozRunOptions options, GroupProcess.Outcome outcome) {
        Matcher noDebug = NO_DEBUG_INFO.matcher(log);
        if (noDebug.find()) {
            return "coz found no debug information for " + noDebug.group(1) + " and recorded no experiments. Build "
                    + "it with " + ProfilerException.BUILD_FLAGS + ".";
        }
        return "coz recorded no experiments in " + outcome.elapsed().toSeconds() + " s (exit status "
                + outcome.exitCode() + (outcome.stoppedAtCap() ? ", stopped at the duration cap" : "") + "). Check "
                + "that a progress point is compiled in (COZ_PROGRESS_NAMED(\"name\") from <coz.h>) and reached, that "
                + "the code was built with " + ProfilerException.BUILD_FLAGS + " (location views silently empty the "
                + "profile), that --source-scope " + options.sourceScopes() + " matches the source paths, and that "
                + "the benchmark runs for at least a few seconds.";
    }
}
