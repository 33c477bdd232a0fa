package dev.aiopt.junit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        long seconds = Math.max(1, timeout.toSeconds());
        ProcessBuilder builder = new ProcessBuilder("timeout", "-k", String.valueOf(KILL_GRACE_SECONDS),
                String.valueOf(seconds), "bash", "-c", command)
                .directory(directory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // Commands can name files of the project running them (scripts beside the experiment) through it.
        builder.environment().put("AIOPT_BASEDIR", System.getProperty("user.dir"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(out.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start '" + command + "' in " + directory + ": " + e.getMessage(), e);
        }
        RUNNING.add(process);
        boolean timedOut = false;
        int exit;
        try {
            boolean finished = process.waitFor(seconds + KILL_GRACE_SECONDS + 5, TimeUnit.SECONDS);
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
            throw new IllegalStateException("interrupted while running '" + command + "'", e);
        } finally {
            RUNNING.remove(process);
        }
        // A command may exit 124 or 137 by itself; only timeout(1) does so after the full time.
        if ((exit == EXIT_TIMED_OUT || exit == EXIT_KILLED) && elapsedSeconds(start) >= seconds) {
            timedOut = true;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new CommandResult(command, timedOut ? -1 : exit, timedOut, elapsed, read(out), read(err), out, err);
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
