package dev.aiopt.junit.internal.process;

import dev.aiopt.junit.internal.redact.Redactor;
import dev.aiopt.junit.internal.sandbox.SandboxPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs shell commands (build, verify, bench, profile) under a {@link CommandPolicy}: an allowlisted
 * environment, optionally a bubblewrap sandbox, process and file-size limits, a hard timeout that ends the
 * whole process group, and output that is redacted and capped on its way to the log files.
 *
 * <p>A command runs as {@code aiopt-launch <limits> -- timeout -k 5 <seconds> [bwrap ...] bash -c <command>}.
 * The launcher (see {@link Launcher}) kills the command's process group when this JVM dies, even by
 * {@code kill -9}, and kills what the command left behind when it ends; coreutils' {@code timeout} kills the
 * group when time is up. A JVM shutdown hook ends commands still running on an orderly exit (Ctrl-C, a
 * surefire timeout). Without {@code g++} to build the launcher, commands still run (said once on standard
 * error) but may outlive a killed JVM until their timeout.
 *
 * <p>Public because it is used by {@code evaluation}, {@code evolution}, {@code executor}, {@code profile}, {@code workspace};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class CommandRunner {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final int KILL_GRACE_SECONDS = 5;
    private static final int EXIT_TIMED_OUT = 124;
    private static final int EXIT_KILLED = 137;
    private static final AtomicBoolean WARNED_NO_LAUNCHER = new AtomicBoolean();
    private static final CommandRunner DEFAULT = new CommandRunner(CommandPolicy.defaults());

    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            RUNNING.forEach(CommandRunner::killGroup);
        }, "aiopt-kill-commands"));
    }

    private final CommandPolicy policy;

    private CommandRunner(CommandPolicy policy) {
        this.policy = policy;
    }

    /** A runner that starts every command under {@code policy}. */
    public static CommandRunner using(CommandPolicy policy) {
        return new CommandRunner(policy);
    }

    /** The runner of {@link CommandPolicy#defaults()}. */
    public static CommandRunner defaults() {
        return DEFAULT;
    }

    public CommandPolicy policy() {
        return policy;
    }

    /** Whether this JVM is exiting: commands killed from now on end in {@link CommandCancelledException}. */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * Runs {@code command} with the default policy; see {@link #shell}.
     *
     * @throws UncheckedIOException when the command cannot be started at all (no bash, no directory)
     */
    public static CommandResult run(String command, Path directory, Map<String, String> environment, Duration timeout,
            Path outputPrefix) {
        return DEFAULT.shell(command, directory, environment, timeout, outputPrefix);
    }

    /** Runs {@code argv} with the default policy; see {@link #merged}. */
    public static CommandResult runMerged(List<String> argv, Path directory, Map<String, String> environment,
            Duration timeout, Path log) {
        return DEFAULT.merged(argv, directory, environment, timeout, log);
    }

    /**
     * Runs {@code command} with bash in {@code directory} and waits. The command gets the policy's
     * environment plus {@code environment}, {@code AIOPT_BASEDIR} (this JVM's working directory) and a
     * {@code HOME} of its own ({@code $AIOPT_SCRATCH/home}, else {@code home} beside its logs). In the sandbox
     * it may write {@code directory}, its {@code HOME} and the directories {@code AIOPT_WORKSPACE} and
     * {@code AIOPT_SCRATCH} name, nothing else.
     *
     * @param outputPrefix files {@code <prefix>.stdout.txt} and {@code <prefix>.stderr.txt} receive the output
     * @throws UncheckedIOException when the command cannot be started at all (no bash, no directory)
     * @throws IllegalArgumentException when {@code environment} holds a secret (see {@link CommandEnvironment})
     */
    public CommandResult shell(String command, Path directory, Map<String, String> environment, Duration timeout,
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
    public CommandResult merged(List<String> argv, Path directory, Map<String, String> environment,
            Duration timeout, Path log) {
        return execute(argv, String.join(" ", argv), directory, environment, timeout, log, null);
    }

    // err == null merges standard error into out.
    private CommandResult execute(List<String> argv, String label, Path directory, Map<String, String> extra,
            Duration timeout, Path out, Path err) {
        if (shuttingDown) {
            throw new CommandCancelledException("'" + Redactor.redact(label) + "' was not started: the JVM is "
                    + "shutting down");
        }
        if (!Files.isDirectory(directory)) {
            throw new UncheckedIOException(new IOException("cannot start '" + label + "' in " + directory
                    + ": no such directory"));
        }
        double seconds = Math.max(0.1, timeout.toMillis() / 1000.0);
        CommandEnvironment environment = policy.environment()
                .with("AIOPT_BASEDIR", System.getProperty("user.dir"))
                .withAll(extra);
        Path home = environment.get("AIOPT_SCRATCH").map(s -> Path.of(s, "home"))
                .orElse(out.toAbsolutePath().getParent().resolve("home"));
        environment = environment.home(home);
        if (policy.sandbox().tmpdir().isPresent()) {
            environment = environment.with("TMPDIR", policy.sandbox().tmpdir().get());
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start '" + label + "' in " + directory + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of("timeout", "-k", String.valueOf(KILL_GRACE_SECONDS),
                String.format(Locale.ROOT, "%.3f", seconds)));
        command.addAll(policy.sandbox().wrap(argv, sandboxPaths(directory, home, environment)));
        Optional<PidsCgroup> cgroup = Optional.empty();
        Optional<Path> launcher = Launcher.binary();
        if (launcher.isPresent()) {
            cgroup = PidsCgroup.create(policy.limits().maxProcesses());
            // Without a cgroup, RLIMIT_NPROC: it binds every user but root.
            long nproc = cgroup.isPresent() ? 0 : UserProcesses.nprocLimit(policy.limits().maxProcesses());
            command = Launcher.wrap(launcher.get(), cgroup.map(c -> c.directory().toString()).orElse(null), nproc,
                    policy.limits().maxFileBytes(), command);
        } else if (WARNED_NO_LAUNCHER.compareAndSet(false, true)) {
            System.err.println("aiopt: WARNING: commands may outlive a killed JVM and run without limits: "
                    + Launcher.problem());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(err == null);
        builder.environment().clear();
        builder.environment().putAll(environment.variables());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            cgroup.ifPresent(PidsCgroup::remove);
            throw new UncheckedIOException("cannot start '" + label + "' in " + directory + ": " + e.getMessage(), e);
        }
        RUNNING.add(process);
        OutputCapture stdout = capture(process.getInputStream(), out, err == null ? "output" : "standard output");
        OutputCapture stderr = err == null ? null : capture(process.getErrorStream(), err, "standard error");
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
            if (launcher.isEmpty()) {
                killGroup(process); // what the command left in timeout(1)'s group
            }
            await(stdout, process);
            await(stderr, process);
        } catch (InterruptedException e) {
            killGroup(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + label + "'", e);
        } finally {
            RUNNING.remove(process);
        }
        if (shuttingDown) {
            // Killed because this JVM is exiting (SIGTERM, Ctrl-C): not the command's failure, so no result.
            cgroup.ifPresent(PidsCgroup::remove);
            throw new CommandCancelledException("'" + Redactor.redact(label) + "' was stopped: the JVM is shutting "
                    + "down");
        }
        // A command may exit 124 or 137 by itself; only timeout(1) does so after the full time.
        if ((exit == EXIT_TIMED_OUT || exit == EXIT_KILLED) && elapsedSeconds(start) >= seconds) {
            timedOut = true;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String stdoutText = stdout.text();
        String stderrText = stderr == null ? "" : stderr.text();
        List<String> refusals = new ArrayList<>();
        if (timedOut) {
            refusals.add("killed at its timeout of " + String.format(Locale.ROOT, "%.0f", Math.ceil(seconds)) + " s");
        }
        long refusedForks = cgroup.map(PidsCgroup::refusedForks).orElse(0L);
        cgroup.ifPresent(PidsCgroup::remove);
        refusals.addAll(Refusals.find(exit, stdoutText + "\n" + stderrText, refusedForks, policy));
        for (OutputCapture c : new OutputCapture[] {stdout, stderr}) {
            if (c != null && c.dropped() > 0) {
                refusals.add("output capped: printed " + c.total() + " bytes, kept the first "
                        + policy.outputCap().headBytes() + " and the last " + policy.outputCap().tailBytes());
            }
            if (c != null && c.failure() != null) {
                refusals.add("its log could not be written: " + c.failure());
            }
        }
        return new CommandResult(Redactor.redact(label), timedOut ? -1 : exit, timedOut, elapsed, stdoutText,
                stderrText, out, err == null ? out : err, refusals);
    }

    private SandboxPaths sandboxPaths(Path directory, Path home, CommandEnvironment environment) {
        Set<Path> writable = new LinkedHashSet<>(List.of(directory, home));
        writable.addAll(policy.paths().writable());
        for (String name : List.of("AIOPT_WORKSPACE", "AIOPT_SCRATCH")) {
            environment.get(name).map(Path::of).filter(Files::isDirectory).ifPresent(writable::add);
        }
        Set<Path> readable = new LinkedHashSet<>(policy.paths().readable());
        readable.add(Path.of(System.getProperty("user.dir")));
        return new SandboxPaths(writable, readable, policy.paths().hidden());
    }

    private OutputCapture capture(java.io.InputStream in, Path file, String name) {
        OutputCapture capture = new OutputCapture(in, file, policy.outputCap(), name);
        Thread thread = new Thread(capture, "aiopt-output-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        capture.thread = thread;
        return capture;
    }

    private static void await(OutputCapture capture, Process process) throws InterruptedException {
        if (capture == null) {
            return;
        }
        // The group is dead, so the pipe closes; a process that escaped the group could hold it open.
        capture.thread.join(30_000);
        if (capture.thread.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            capture.thread.join(5_000);
        }
    }

    private static double elapsedSeconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void killGroup(Process process) {
        if (Launcher.binary().isPresent()) {
            // SIGTERM to the launcher: it SIGKILLs the command's group and exits.
            process.destroy();
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            try {
                // timeout(1) made itself the leader of the command's process group.
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // fall through to destroying what we can reach
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
