package dev.aiopt.junit.internal.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps a command line so that it runs under bubblewrap: no network (a private loopback only), the root file
 * system read-only except the workspace, scratch and a private {@code /tmp}, the user's {@code $HOME} hidden
 * by an empty tmpfs, key files replaced by empty ones, a PID namespace that dies with its parent,
 * a new session (no terminal injection) and every capability dropped, so that even uid 0 inside cannot raise
 * the resource limits it was given or write to {@code /sys}. Or, for {@link SandboxMode#OFF}, leaves it alone.
 *
 * <p>Public because it is used by {@code evaluation}, {@code process};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Sandbox {
    /** The Debian/Ubuntu/Fedora package that provides {@code bwrap}. */
    public static final String PACKAGE = "bubblewrap";

    private static final Sandbox NONE = new Sandbox(null, Set.of());
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private final Path bwrap;
    private final Set<Path> homes;

    private Sandbox(Path bwrap, Set<Path> homes) {
        this.bwrap = bwrap;
        this.homes = homes;
    }

    /**
     * The sandbox {@code mode} asks for on this machine.
     *
     * @throws SandboxException for {@link SandboxMode#BWRAP} without {@code bwrap} on the PATH
     */
    public static Sandbox resolve(SandboxMode mode) {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of(System.getProperty("user.home")));
        String envHome = System.getenv("HOME");
        if (envHome != null && !envHome.isBlank() && Path.of(envHome).isAbsolute()) {
            homes.add(Path.of(envHome)); // $HOME and user.home can differ (sudo, a service account)
        }
        return resolve(mode, System.getenv("PATH"), homes);
    }

    static Sandbox resolve(SandboxMode mode, String path, Path home) {
        return resolve(mode, path, Set.of(home));
    }

    private static Sandbox resolve(SandboxMode mode, String path, Set<Path> homes) {
        if (mode == SandboxMode.OFF) {
            return NONE;
        }
        Optional<Path> found = find("bwrap", path);
        if (found.isEmpty()) {
            if (mode == SandboxMode.BWRAP) {
                throw new SandboxException(SandboxMode.KEY + "=bwrap but bwrap is not on the PATH: install the "
                        + PACKAGE + " package (apt-get install " + PACKAGE + ") or set " + SandboxMode.KEY + "=off");
            }
            return NONE;
        }
        Set<Path> hidden = new LinkedHashSet<>();
        for (Path home : homes) {
            Path h = home.toAbsolutePath().normalize();
            if (h.getNameCount() > 0) { // never a tmpfs over /
                hidden.add(h);
            }
        }
        return new Sandbox(found.get(), Set.copyOf(hidden));
    }

    /** No sandbox. */
    public static Sandbox none() {
        return NONE;
    }

    /** Whether commands run under bubblewrap. */
    public boolean enabled() {
        return bwrap != null;
    }

    /** One line for the run's log: which sandbox, or a warning that there is none. */
    public String describe() {
        return enabled()
                ? "sandbox: bubblewrap (" + bwrap + "): no network, read-only root, $HOME hidden, no capabilities"
                : "WARNING: no sandbox: model-written code runs as " + System.getProperty("user.name")
                        + " with access to the network and every file the user can reach (set " + SandboxMode.KEY
                        + "=bwrap and install " + PACKAGE + ")";
    }

    /**
     * What a run prints about its sandbox: bubblewrap is said once per JVM, no sandbox is a warning on
     * every run.
     */
    public Optional<String> runNotice() {
        if (!enabled()) {
            return Optional.of(describe());
        }
        return ANNOUNCED.compareAndSet(false, true) ? Optional.of(describe()) : Optional.empty();
    }

    /** The home directories the sandbox hides under an empty tmpfs; empty without a sandbox. */
    public Set<Path> hiddenHomes() {
        return homes;
    }

    /** The private {@code TMPDIR} commands see inside the sandbox. */
    public Optional<String> tmpdir() {
        return enabled() ? Optional.of("/tmp") : Optional.empty();
    }

    /** {@code argv} as it must be started: unchanged without a sandbox, else prefixed by bubblewrap. */
    public List<String> wrap(List<String> argv, SandboxPaths paths) {
        if (!enabled()) {
            return List.copyOf(argv);
        }
        List<String> command = new ArrayList<>(List.of(bwrap.toString(),
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--tmpfs", "/tmp",
                "--tmpfs", "/dev/shm",
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session",
                "--cap-drop", "ALL"));
        for (Path home : sorted(homes)) {
            command.addAll(List.of("--tmpfs", home.toString()));
        }
        // Shallow paths first: a bind inside another bind must come after it.
        for (Path p : sorted(paths.readable())) {
            command.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        for (Path p : sorted(paths.writable())) {
            command.addAll(List.of("--bind", p.toString(), p.toString()));
        }
        for (Path p : sorted(paths.hidden())) {
            if (Files.isDirectory(p)) {
                command.addAll(List.of("--tmpfs", p.toString()));
            } else if (Files.exists(p)) {
                command.addAll(List.of("--ro-bind", "/dev/null", p.toString()));
            }
        }
        command.add("--");
        command.addAll(argv);
        return List.copyOf(command);
    }

    private static List<Path> sorted(Set<Path> paths) {
        return paths.stream().sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
                .toList();
    }

    private static Optional<Path> find(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return enabled() ? "Sandbox[bwrap]" : "Sandbox[off]";
    }
}
