package dev.aiopt.junit.internal.process;

import dev.aiopt.junit.internal.sandbox.Sandbox;
import dev.aiopt.junit.internal.sandbox.SandboxPaths;
import java.nio.file.Path;
import java.util.Set;

/**
 * How {@link CommandRunner} starts commands: the environment they get, the sandbox around them, what the
 * sandbox lets them read or hides beyond their own directories, their resource limits and their output cap.
 *
 * @param environment the allowlisted environment; each command adds its own variables and {@code HOME}
 * @param sandbox bubblewrap or none
 * @param paths readable and hidden paths for every command (their writable ones are added per command)
 * @param limits processes and file size
 * @param outputCap head and tail kept of each output stream
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CommandPolicy(CommandEnvironment environment, Sandbox sandbox, SandboxPaths paths, ProcessLimits limits,
        OutputCap outputCap) {

    /**
     * This JVM's allowlisted environment, no sandbox, default limits and cap: what the static methods of
     * {@link CommandRunner} use.
     */
    public static CommandPolicy defaults() {
        return new CommandPolicy(CommandEnvironment.ofThisProcess(), Sandbox.none(),
                new SandboxPaths(Set.of(), Set.of(), Set.of()), ProcessLimits.defaults(), OutputCap.defaults());
    }

    public CommandPolicy withEnvironment(CommandEnvironment value) {
        return new CommandPolicy(value, sandbox, paths, limits, outputCap);
    }

    public CommandPolicy withSandbox(Sandbox value) {
        return new CommandPolicy(environment, value, paths, limits, outputCap);
    }

    public CommandPolicy withLimits(ProcessLimits value) {
        return new CommandPolicy(environment, sandbox, paths, value, outputCap);
    }

    public CommandPolicy withOutputCap(OutputCap value) {
        return new CommandPolicy(environment, sandbox, paths, limits, value);
    }

    /** Also readable inside the sandbox when under a hidden {@code $HOME}: the project tree, for instance. */
    public CommandPolicy withReadable(Path... directories) {
        Set<Path> more = new java.util.LinkedHashSet<>(paths.readable());
        more.addAll(Set.of(directories));
        return new CommandPolicy(environment, sandbox, new SandboxPaths(paths.writable(), more, paths.hidden()),
                limits, outputCap);
    }

    /**
     * Also writable inside the sandbox, for every command: where a profiler writes its profile, for instance.
     * The directories must exist when a command starts.
     */
    public CommandPolicy withWritable(Path... directories) {
        Set<Path> more = new java.util.LinkedHashSet<>(paths.writable());
        more.addAll(Set.of(directories));
        return new CommandPolicy(environment, sandbox, new SandboxPaths(more, paths.readable(), paths.hidden()),
                limits, outputCap);
    }

    /** Never visible inside the sandbox: key files ({@code aiopt.apiKeyFile}), credential directories. */
    public CommandPolicy withHidden(Path... files) {
        Set<Path> more = new java.util.LinkedHashSet<>(paths.hidden());
        more.addAll(Set.of(files));
        return new CommandPolicy(environment, sandbox, new SandboxPaths(paths.writable(), paths.readable(), more),
                limits, outputCap);
    }
}
