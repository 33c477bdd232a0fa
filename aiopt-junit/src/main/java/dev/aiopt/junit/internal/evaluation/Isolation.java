package dev.aiopt.junit.internal.evaluation;

import dev.aiopt.junit.internal.process.CommandEnvironment;
import dev.aiopt.junit.internal.process.CommandPolicy;
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
 *
 * <p>Public because it is used by {@code evolution}, {@code gate}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Isolation(String sandbox, List<String> passed, List<Path> readable, List<Path> hidden) {
    public Isolation {
        Objects.requireNonNull(sandbox, "sandbox");
        passed = List.copyOf(passed);
        readable = List.copyOf(readable);
        hidden = List.copyOf(hidden);
    }

    /**
     * The isolation of {@code aiopt.sandbox} and {@code aiopt.env.pass} values, checked at once.
     *
     * @throws IllegalArgumentException when the mode is unknown, bwrap is asked for but missing, or a passed
     *     variable is a secret; the message names the key and the fix
     */
    public static Isolation of(String sandbox, String pass, List<Path> readable, List<Path> hidden) {
        Isolation isolation = new Isolation(sandbox == null ? "auto" : sandbox.strip(), CommandEnvironment.names(pass),
                readable, hidden);
        try {
            isolation.policy();
        } catch (SandboxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return isolation;
    }

    /** No sandbox and nothing passed: for tests and the user's own scripts. */
    public static Isolation off() {
        return new Isolation("off", List.of(), List.of(), List.of());
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
                .withHidden(hidden.toArray(Path[]::new));
    }

    /** What a run prints about its sandbox (bubblewrap said once per JVM, no sandbox warned every time). */
    public Optional<String> runNotice() {
        return Sandbox.resolve(SandboxMode.parse(sandbox)).runNotice();
    }
}
