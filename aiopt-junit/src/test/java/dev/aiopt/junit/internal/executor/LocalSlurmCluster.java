package dev.aiopt.junit.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real three-node cluster of {@code scripts/local-slurm.sh}, in a directory and on ports of its own
 * ({@code /tmp/aiopt-slurm-test}, 16917) so that a cluster started by hand keeps running beside it. Started
 * when not running (and then stopped by {@link #stopIfStartedHere()}); the tests are skipped only where Slurm is not
 * installed and cannot be (no root, no apt-get).
 */
public final class LocalSlurmCluster {
    static final Path DIR = Path.of("/tmp/aiopt-slurm-test");
    private static final Path SCRIPT = Path.of("scripts/local-slurm.sh").toAbsolutePath();
    private final boolean startedHere;

    private LocalSlurmCluster(boolean startedHere) {
        this.startedHere = startedHere;
    }

    public static LocalSlurmCluster ensureRunning() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/slurmctld")) || onPath("slurmctld");
        boolean installable = "root".equals(System.getProperty("user.name")) && onPath("apt-get");
        assumeTrue(installed || installable, "Slurm is not installed and cannot be installed here: run "
                + SCRIPT + " start as root, or apt-get install slurmctld slurmd slurm-client munge");
        boolean running = script("status").exitCode == 0 && nodeStates().size() == 3;
        if (!running) {
            Result start = script("start", "3");
            assertThat(start.exitCode).as("local-slurm.sh start 3:\n" + start.output).isZero();
        }
        return new LocalSlurmCluster(!running);
    }

    public static Path slurmConf() {
        return DIR.resolve("slurm.conf");
    }

    /** Node name to its state as {@code sinfo} prints it ({@code idle}, {@code alloc}, {@code down*}, ...). */
    static Map<String, String> nodeStates() throws Exception {
        Result r = run(List.of("sinfo", "-h", "-N", "-o", "%N %t"));
        Map<String, String> states = new java.util.TreeMap<>();
        if (r.exitCode == 0) {
            r.output.lines().map(l -> l.strip().split(" ")).filter(f -> f.length == 2)
                    .forEach(f -> states.put(f[0], f[1]));
        }
        return states;
    }

    /** What squeue says of one job: {@code STATE|NODE|REASON}. */
    static String jobState(String jobId) throws Exception {
        return run(List.of("squeue", "-h", "--states=all", "-j", jobId, "-o", "%T|%N|%r")).output.strip();
    }

    /**
     * Loses a node the hard way: kills its slurmd, then the slurmstepd of the job and everything below it, as a
     * machine that dies takes its processes with it.
     */
    static void loseNode(String node, String jobId) throws Exception {
        long slurmd = Long.parseLong(Files.readString(DIR.resolve("slurmd-" + node + ".pid")).strip());
        ProcessHandle.of(slurmd).ifPresent(ProcessHandle::destroyForcibly);
        List<ProcessHandle> steps = ProcessHandle.allProcesses()
                .filter(p -> cmdline(p).startsWith("slurmstepd: [" + jobId + "."))
                .toList();
        assertThat(steps).as("slurmstepd of job " + jobId).isNotEmpty();
        for (ProcessHandle step : steps) {
            List<ProcessHandle> below = step.descendants().toList();
            step.destroyForcibly();
            below.forEach(ProcessHandle::destroyForcibly);
        }
    }

    // slurmstepd rewrites its argv into a title, which ProcessHandle.Info does not report.
    private static String cmdline(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Brings every node back (the script restarts a missing slurmd) and waits until all three are idle. */
    static void restoreNodes() throws Exception {
        Result start = script("start", "3");
        assertThat(start.exitCode).as("local-slurm.sh start 3:\n" + start.output).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!nodeStates().values().stream().allMatch("idle"::equals) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Stops the cluster if {@link #ensureRunning()} started it. */
    public void stopIfStartedHere() throws Exception {
        if (startedHere) {
            script("stop");
        }
    }

    record Result(int exitCode, String output) {
    }

    private static Result script(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        argv.addAll(List.of(args));
        return run(argv);
    }

    static Result run(List<String> argv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("AIOPT_SLURM_DIR", DIR.toString());
        builder.environment().put("AIOPT_SLURM_PORT", "16917");
        builder.environment().put("SLURM_CONF", slurmConf().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(argv + " finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
