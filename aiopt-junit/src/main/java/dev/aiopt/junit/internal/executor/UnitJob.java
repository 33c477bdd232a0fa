package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The job: runs one attempt of one unit, on whatever node Slurm chose, and leaves {@code started.json},
 * {@code result.json} and {@code exit-status} in the attempt's directory.
 *
 * <p>{@code java -cp <classpath> dev.aiopt.junit.internal.executor.UnitJob <unit-dir> <attempt> <lease-millis>}
 * ({@code 0}: no lease). Exit status 0: the unit ran (whatever its result says); 1: it could not be carried
 * out; 3: the lease lapsed and the job ended itself. Commands the unit started are killed on every exit, by
 * {@link dev.aiopt.junit.internal.process.CommandRunner}'s shutdown hook.
 *
 * <p>Public because it is started as a main class;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class UnitJob {
    static final int EXIT_COMPLETED = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_LEASE_LAPSED = 3;

    private final Object finishing = new Object();
    private boolean finished;

    private UnitJob() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: UnitJob <unit-dir> <attempt> <lease-millis>");
            System.exit(2);
        }
        long leaseMillis = Long.parseLong(args[2]);
        Optional<Duration> lease = leaseMillis > 0 ? Optional.of(Duration.ofMillis(leaseMillis)) : Optional.empty();
        int status = new UnitJob().run(Path.of(args[0]), Integer.parseInt(args[1]), lease, Optional.empty());
        System.exit(status);
    }

    /** Runs one attempt in this JVM (the local executor's way); returns the exit status the job would have. */
    static int runInProcess(Path unitDirectory, int attempt) {
        return new UnitJob().run(unitDirectory, attempt, Optional.empty(), Optional.of("local"));
    }

    private int run(Path unitDirectory, int attempt, Optional<Duration> leaseTimeout, Optional<String> nodeName) {
        UnitFiles files = new UnitFiles(unitDirectory);
        Path attemptDirectory = files.attempt(attempt);
        String node = nodeName.orElseGet(() -> firstNonBlank(System.getenv("SLURMD_NODENAME"), hostName()));
        String jobId = nodeName.isPresent() ? "local" : firstNonBlank(System.getenv("SLURM_JOB_ID"), "none");
        long startedAt = System.currentTimeMillis();
        try {
            Files.createDirectories(attemptDirectory);
            ObjectNode started = UnitFiles.JSON.createObjectNode();
            started.put("node", node).put("jobId", jobId).put("startedAtMillis", startedAt)
                    .put("pid", ProcessHandle.current().pid());
            UnitFiles.writeJson(attemptDirectory.resolve("started.json"), started);
            leaseTimeout.ifPresent(timeout -> watch(new Lease(attemptDirectory.resolve("lease"), timeout),
                    attemptDirectory));

            Unit unit = UnitFiles.readUnit(files.unitJson());
            UnitKind kind = kind(unit.kind());
            // Unit ids repeat across runs (every run has a g0-baseline): keyed by the unit's directory too, so a
            // node never reuses another run's workspace, which may hold another target's tree.
            Path scratch = scratch().resolve("aiopt-units").resolve(unit.id() + "-" + shortHash(files.directory()));
            Files.createDirectories(scratch);
            JsonNode output = kind.run(unit.input(), new UnitContext(files.directory(), attemptDirectory, scratch,
                    node));

            ObjectNode result = UnitFiles.JSON.createObjectNode();
            result.put("unit", unit.id()).put("kind", unit.kind()).put("attempt", attempt).put("node", node)
                    .put("jobId", jobId).put("startedAtMillis", startedAt)
                    .put("finishedAtMillis", System.currentTimeMillis());
            result.set("output", output);
            return finish(attemptDirectory, EXIT_COMPLETED, "completed", () ->
                    UnitFiles.writeJson(attemptDirectory.resolve("result.json"), result));
        } catch (Exception | LinkageError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return finish(attemptDirectory, EXIT_FAILED, oneLine(e), () ->
                    UnitFiles.writeAtomically(attemptDirectory.resolve("error.txt"), trace.toString()));
        }
    }

    private void watch(Lease lease, Path attemptDirectory) {
        Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                if (lease.lapsed()) {
                    int status = finish(attemptDirectory, EXIT_LEASE_LAPSED, "lease lapsed: the submitting JVM"
                            + " stopped renewing it for " + lease.timeout().toSeconds() + " s", () -> { });
                    if (status == EXIT_LEASE_LAPSED) {
                        // exit (not halt): the shutdown hooks kill the unit's commands.
                        System.exit(EXIT_LEASE_LAPSED);
                    }
                    return;
                }
            }
        }, "aiopt-lease-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    // The first to finish (the unit or the lease watchdog) writes exit-status; the other's outcome is dropped.
    private int finish(Path attemptDirectory, int status, String reason, Runnable write) {
        synchronized (finishing) {
            if (finished) {
                return -1;
            }
            finished = true;
            write.run();
            UnitFiles.writeAtomically(attemptDirectory.resolve("exit-status"), status + " " + reason + "\n");
            return status;
        }
    }

    static UnitKind kind(String name) {
        for (UnitKind kind : ServiceLoader.load(UnitKind.class, UnitJob.class.getClassLoader())) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalStateException("no unit kind '" + name + "' on the classpath: list its class in"
                + " META-INF/services/" + UnitKind.class.getName());
    }

    private static String shortHash(Path unitDirectory) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(unitDirectory.toAbsolutePath().normalize()
                    .toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Path scratch() {
        return Path.of(firstNonBlank(System.getenv("AIOPT_SCRATCH"), firstNonBlank(System.getenv("TMPDIR"), "/tmp")));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    private static String firstNonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }
}
