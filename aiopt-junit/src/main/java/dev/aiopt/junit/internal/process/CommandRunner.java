package dev.aiopt.junit.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell commands (build, verify, bench, profile) with a hard timeout that ends the whole process group.
 *
 * <p>Every command runs as {@code timeout -k 5 <seconds> bash -c <command>}: coreutils' {@code timeout} puts
 * the command in a process group of its own and kills that group when time is up, even if this JVM has been
 * killed meanwhile, so no benchmark outlives its budget. A JVM shutdown hook kills groups still running on an
 * orderly exit (Ctrl-C, a surefire timeout).
 */
public final class CommandRunner {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final int KILL_GRACE_SECONDS = 5;
    private static final int EXIT_TIMED_OUT = 124;
    private static final int EXIT_KILLED = 137;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(CommandRunner::killGroup),
                "aiopt-kill-commands"));
    }

    private CommandRunner() {
    }

    /**
     * Runs {@code command} in {@code directory} and waits.
     *
     * @param outputPrefix files {@code <prefix>.stdout.txt} and {@code <prefix>.stderr.txt} receive the output
     * @throws UncheckedIOException when the command cannot be started at all (no bash, no directory)
     */
    public static CommandResult run(String command, Path directory, Map<String, String> environment, Duration timeout,
            Path outputPrefix) {
        Path out = outputPrefix.resolveSibling(outputPrefix.getFileName() + ".stdout.txt");
        Path err = outputPrefix.resolveSibling(outputPrefix.getFileName() + ".stderr.txt");
        return execute(List.of("bash", "-c", command), command, directory, environment, timeout, out, err);
    }

    /**
     * Runs {@code argv} (no shell) in {@code directory} and waits, standard output and error together in
     * {@code log}: for profilers, whose own messages and the benchmark's interleave. The result's
     * {@code stdout} is that merged log and its {@code stderr} is empty.
     */
    public static CommandResult runMerged(List<String> argv, Path directory, Map<String, String> environment,
            Duration timeout, Path log) {
        return execute(argv, String.join(" ", argv), directory, environment, timeout, log, null);
    }

    // err == null merges standard error into out.
    private static CommandResult execute(List<String> argv, String label, Path directory, Map<String, String> environment,
            Duration timeout, Path out, Path err) {
        double seconds = Math.max(0.1, timeout.toMillis() / 1000.0);
        List<String> command = new ArrayList<>(List.of("timeout", "-k", String.valueOf(KILL_GRACE_SECONDS),
                String.format(Locale.ROOT, "%.3f", seconds)));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (err == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(err.toFile());
        }
        // Commands can name files of the project running them (scripts beside the experiment) through it.
        builder.environment().put("AIOPT_BASEDIR", System.getProperty("user.dir"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start '" + label + "' in " + directory + ": " + e.getMessage(), e);
        }
        RUNNING.add(process);
        boolean timedOut = false;
        int exit;
        try {
            boolean finished = process.waitFor((long) (seconds * 1000) + (KILL_GRACE_SECONDS + 5) * 1000L,
                    TimeUnit.MILLISECONDS);
            if (!finished) {
                // timeout(1) itself is stuck or was stopped: end the group from here.
                killGroup(process);
                process.waitFor();
                timedOut = true;
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            killGroup(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + label + "'", e);
        } finally {
            RUNNING.remove(process);
        }
        // A command may exit 124 or 137 by itself; only timeout(1) does so after the full time.
        if ((exit == EXIT_TIMED_OUT || exit == EXIT_KILLED) && elapsedSeconds(start) >= seconds) {
            timedOut = true;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new CommandResult(label, timedOut ? -1 : exit, timedOut, elapsed, read(out),
                err == null ? "" : read(err), out, err == null ? out : err);
    }

    private static double elapsedSeconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void killGroup(Process process) {
        try {
            // timeout(1) made itself the leader of the command's process group.
            new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall through to destroying what we can reach
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read command output " + file, e);
        }
    }
}
