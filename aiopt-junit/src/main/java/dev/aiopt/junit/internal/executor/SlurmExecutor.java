package dev.aiopt.junit.internal.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs units as Slurm batch jobs through Slurm's own CLI: {@code sbatch --parsable} per attempt, one
 * {@code squeue} per poll for every job in flight, {@code scancel} at a unit's timeout.
 *
 * <p>Each job runs {@link UnitJob} with this JVM's classpath on one node, reading {@code unit.json} and writing
 * its result into the unit's directory under {@link SlurmSettings#sharedDirectory()}. A job that fails, runs
 * past its unit's timeout, is preempted or is lost with its node is submitted once more with the nodes already
 * tried excluded; a unit whose second attempt fails too has an outcome without a result that names Slurm's
 * reasons. Jobs are submitted with {@code --export=NONE} and {@code --no-requeue}: the job's environment is the
 * allowlist written into its batch script, and retrying is this class's decision, not Slurm's.
 *
 * <p>A background thread renews every running attempt's {@link Lease}; should this JVM die, each job ends
 * itself once its lease lapses. {@link #runAll} on units whose directories hold an earlier run's attempts
 * adopts their completed results and cancels the jobs that never finished.
 */
public final class SlurmExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SlurmExecutor.class.getName());
    private static final long SLURM_TIME_MARGIN_SECONDS = 120;

    private final SlurmSettings settings;
    private final SlurmCli cli;
    private final Set<Path> leases = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;
    private List<String> partitionNodes = List.of();

    public SlurmExecutor(SlurmSettings settings) {
        this.settings = settings;
        this.cli = new SlurmCli(settings.slurmConf());
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aiopt-slurm-leases");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(200, settings.leaseTimeout().toMillis() / 3);
        renewer.scheduleAtFixedRate(() -> leases.forEach(Lease::renew), period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<UnitOutcome> runAll(List<Unit> units) {
        List<UnitTracker> trackers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Unit unit : units) {
            if (!ids.add(unit.id())) {
                throw new IllegalArgumentException("two units are called '" + unit.id() + "'");
            }
            trackers.add(new UnitTracker(unit, settings.sharedDirectory()));
        }
        List<UnitTracker.Unfinished> stale = new ArrayList<>();
        trackers.forEach(t -> stale.addAll(t.resume()));
        if (!stale.isEmpty()) {
            // Cancelled before their leases go, so that they end as cancelled rather than by their lease.
            List<String> jobs = stale.stream().map(UnitTracker.Unfinished::jobId).toList();
            LOG.log(Level.INFO, "cancelling jobs of an earlier run that never finished: {0}", jobs);
            cli.cancel(jobs);
            stale.forEach(u -> Lease.release(u.lease()));
        }
        Deque<UnitTracker> waiting = new ArrayDeque<>();
        for (UnitTracker t : trackers) {
            if (!t.done()) {
                t.files.writeUnit(t.unit);
                waiting.add(t);
            }
        }
        Map<String, UnitTracker> inFlight = new HashMap<>();
        try {
            while (!waiting.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < settings.maxJobsInFlight() && !waiting.isEmpty()) {
                    UnitTracker t = waiting.poll();
                    submit(t);
                    inFlight.put(t.jobId(), t);
                }
                sleep();
                poll(inFlight, waiting);
            }
        } finally {
            if (!inFlight.isEmpty()) {
                // Interrupted or Slurm refused a submission: leave nothing running behind.
                cli.cancel(inFlight.keySet());
                inFlight.values().forEach(t -> release(t.attemptDirectory()));
            }
        }
        return trackers.stream().map(UnitTracker::outcome).toList();
    }

    private void poll(Map<String, UnitTracker> inFlight, Deque<UnitTracker> waiting) {
        Map<String, JobState> states = cli.query(inFlight.keySet());
        Set<String> forgotten = new LinkedHashSet<>(inFlight.keySet());
        forgotten.removeAll(states.keySet());
        states.putAll(cli.account(forgotten));
        long now = System.nanoTime();
        List<String> toCancel = new ArrayList<>();
        for (UnitTracker t : List.copyOf(inFlight.values())) {
            JobState state = states.get(t.jobId());
            // Waiting for resources or priority is a queue's ordinary life; any other reason needs a human.
            t.newPendingReason(state).ifPresent(reason -> LOG.log(
                    Set.of("None", "Priority", "Resources").contains(reason) ? Level.DEBUG : Level.WARNING,
                    "job {0} of unit {1} waits in the queue: {2}", t.jobId(), t.unit.id(), reason));
            UnitTracker.Step step = t.poll(state, now);
            if (step == UnitTracker.Step.CANCEL_FOR_TIMEOUT) {
                toCancel.add(t.jobId());
                step = t.timedOut(now);
            }
            if (step == UnitTracker.Step.DONE || step == UnitTracker.Step.RETRY) {
                inFlight.remove(t.jobId());
                release(t.attemptDirectory());
            }
            if (step == UnitTracker.Step.RETRY) {
                LOG.log(Level.WARNING, "unit {0}: job {1} ended without a result; submitting it once more",
                        t.unit.id(), t.jobId());
                waiting.addFirst(t);
            }
        }
        cli.cancel(toCancel);
    }

    private void submit(UnitTracker t) {
        int attempt = t.nextAttemptNumber();
        Path dir = t.attemptDirectory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " on the shared directory", e);
        }
        Path lease = dir.resolve("lease");
        Lease.renew(lease);
        leases.add(lease);
        Path script = dir.resolve("job.sh");
        UnitFiles.writeAtomically(script, JobScript.render(settings, t.files.directory(), attempt));
        List<String> options = new ArrayList<>(List.of(
                "--job-name=aiopt-" + t.unit.id(),
                "--chdir=" + dir,
                "--output=" + dir.resolve("slurm.out"),
                "--export=NONE",
                "--no-requeue",
                "--mem=" + settings.memory(),
                "--cpus-per-task=" + settings.cpus(),
                "--time=" + minutes(t.unit.timeout().toSeconds() + SLURM_TIME_MARGIN_SECONDS)));
        if (t.unit.benchmark() && settings.exclusive()) {
            options.add("--exclusive");
        }
        settings.partition().ifPresent(p -> options.add("--partition=" + p));
        settings.account().ifPresent(a -> options.add("--account=" + a));
        settings.qos().ifPresent(q -> options.add("--qos=" + q));
        exclusion(t.triedNodes()).ifPresent(nodes -> options.add("--exclude=" + nodes));
        options.addAll(settings.extraArgs());
        long before = System.nanoTime();
        String jobId = cli.submit(options, script);
        t.submitted(jobId, before);
        LOG.log(Level.DEBUG, "unit {0} attempt {1}: job {2}", t.unit.id(), attempt, jobId);
    }

    // Excluding every node of the partition would leave the job pending forever: then retry anywhere.
    private Optional<String> exclusion(Set<String> tried) {
        if (tried.isEmpty()) {
            return Optional.empty();
        }
        if (partitionNodes.isEmpty()) {
            partitionNodes = cli.nodes(settings.partition());
        }
        if (tried.containsAll(partitionNodes)) {
            return Optional.empty();
        }
        return Optional.of(String.join(",", tried));
    }

    private void release(Path attemptDirectory) {
        Path lease = attemptDirectory.resolve("lease");
        leases.remove(lease);
        Lease.release(lease);
    }

    private void sleep() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Slurm jobs", e);
        }
    }

    private static String minutes(long seconds) {
        return String.valueOf(Math.max(1, (seconds + 59) / 60));
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
