package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.process.CommandEnvironment;
import dev.aiopt.junit.internal.process.CommandPolicy;
import dev.aiopt.junit.internal.process.ProcessLimits;
import dev.aiopt.junit.internal.sandbox.Sandbox;
import dev.aiopt.junit.internal.sandbox.SandboxException;
import dev.aiopt.junit.internal.sandbox.SandboxMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a unit's commands are isolated, as plain data that travels with the unit: the sandbox mode, the names
 * of the extra environment variables to pass, what stays readable under a hidden {@code $HOME} and what is
 * hidden. The machine that runs the unit rebuilds its {@link CommandPolicy} from this against its own
 * environment and its own {@code bwrap}, so no variable value (let alone a key) is ever shipped.
 *
 * @param sandbox {@code auto}, {@code bwrap} or {@code off} ({@code aiopt.sandbox})
 * @param passed variable names of {@code aiopt.env.pass}
 * @param readable directories readable inside the sandbox (the target tree)
 * @param hidden files and directories never visible inside it (key files)
 * @param limits processes and file size of each command ({@code aiopt.limit.*})
 *
 * <p>Public because it is used by {@code evolution}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Isolation(String sandbox, List<String> passed, List<Path> readable, List<Path> hidden,
        Limits limits) {
    public Isolation {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(limits, "limits");
        passed = List.copyOf(passed);
        readable = List.copyOf(readable);
        hidden = List.copyOf(hidden);
    }

    /**
     * The isolation of {@code aiopt.sandbox} and {@code aiopt.env.pass} values, checked at once.
     *
     * @throws IllegalArgumentException when the mode is unknown, bwrap is asked for but missing, a passed
     *     variable is a secret or a limit is too small; the message names the key and the fix
     */
    public static Isolation of(String sandbox, String pass, List<Path> readable, List<Path> hidden, Limits limits) {
        Isolation isolation = new Isolation(sandbox == null ? "auto" : sandbox.strip(), CommandEnvironment.names(pass),
                readable, hidden, limits);
        try {
            isolation.policy();
        } catch (SandboxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return isolation;
    }

    /** No sandbox and nothing passed: for tests and the user's own scripts. */
    public static Isolation off() {
        return new Isolation("off", List.of(), List.of(), List.of(), Limits.DEFAULTS);
    }

    /**
     * The policy on this machine: this JVM's allowlisted environment plus the passed variables, and the sandbox
     * the mode resolves to here.
     *
     * @throws IllegalArgumentException when a passed variable is a secret
     * @throws SandboxException when the mode is unknown or asks for bwrap and this machine has none
     */
    public CommandPolicy policy() {
        return CommandPolicy.defaults()
                .withEnvironment(CommandEnvironment.fromParent(System.getenv(), passed))
                .withSandbox(Sandbox.resolve(SandboxMode.parse(sandbox)))
                .withReadable(readable.toArray(Path[]::new))
                .withHidden(hidden.toArray(Path[]::new))
                .withLimits(new ProcessLimits(limits.processes(), limits.fileBytes()));
    }

    /** What a run prints about its sandbox (bubblewrap said once per JVM, no sandbox warned every time). */
    public Optional<String> runNotice() {
        return Sandbox.resolve(SandboxMode.parse(sandbox)).runNotice();
    }

    /**
     * The resource limits of each command, as plain numbers for the unit's JSON, checked as {@code ProcessLimits}
     * checks them.
     *
     * @param processes at most this many processes at once ({@code aiopt.limit.processes})
     * @param fileBytes no file written larger ({@code aiopt.limit.fileBytes})
     */
    public record Limits(int processes, long fileBytes) {
        /** Checks both at once: below 8 processes or 1 MiB is an {@link IllegalArgumentException} naming the key. */
        public Limits {
            new ProcessLimits(processes, fileBytes);
        }

        /** {@code ProcessLimits.defaults()}: 512 processes, 64 GiB a file. */
        public static final Limits DEFAULTS = new Limits(ProcessLimits.defaults().maxProcesses(),
                ProcessLimits.defaults().maxFileBytes());
    }
}
