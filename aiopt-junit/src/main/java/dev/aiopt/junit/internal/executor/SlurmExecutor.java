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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 * <p>Units are {@link #submit submitted} from any thread and watched by one poller thread; a second background
 * thread renews every running attempt's {@link Lease}; should this JVM die, each job ends itself once its
 * lease lapses. Units whose directories hold an earlier run's attempts adopt their completed results and
 * cancel the jobs that never finished.
 *
 * <p>Public because it is used by {@code evaluation}, {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class SlurmExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SlurmExecutor.class.getName());
    private static final long SLURM_TIME_MARGIN_SECONDS = 120;
    private static final int MAX_FAILED_POLLS = 100;

    private final SlurmSettings settings;
    private final SlurmCli cli;
    private final Set<Path> leases = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;
    private final Deque<UnitTracker> waiting = new ArrayDeque<>();
    private final Map<UnitTracker, CompletableFuture<UnitOutcome>> futures = new HashMap<>();
    private List<String> partitionNodes = List.of();
    private Thread poller;
    private boolean closed;

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

    /**
     * Submits one unit; its outcome completes when its last attempt ends. Safe to call from many threads at
     * once: every submitted unit is watched by the same poller, one {@code squeue} per poll for all of them.
     * A unit whose directory holds a completed attempt of the same unit (a resume) completes at once, adopted;
     * jobs of earlier attempts that never finished are cancelled.
     *
     * @throws IllegalArgumentException when a unit of the same id is still in flight
     */
    public CompletableFuture<UnitOutcome> submit(Unit unit) {
        UnitTracker tracker = new UnitTracker(unit, settings.sharedDirectory());
        CompletableFuture<UnitOutcome> outcome = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Slurm executor is closed");
            }
            if (futures.keySet().stream().anyMatch(t -> t.unit.id().equals(unit.id()))) {
                throw new IllegalArgumentException("unit '" + unit.id() + "' is already in flight");
            }
            List<UnitTracker.Unfinished> stale = tracker.resume();
            if (!stale.isEmpty()) {
                // Cancelled before their leases go, so that they end as cancelled rather than by their lease.
                List<String> jobs = stale.stream().map(UnitTracker.Unfinished::jobId).toList();
                LOG.log(Level.INFO, "unit {0}: cancelling jobs of an earlier run that never finished: {1}",
                        unit.id(), jobs);
                cli.cancel(jobs);
                stale.forEach(u -> Lease.release(u.lease()));
            }
            if (tracker.done()) {
                outcome.complete(tracker.outcome());
                return outcome;
            }
            tracker.files.writeUnit(unit);
            futures.put(tracker, outcome);
            waiting.add(tracker);
            if (poller == null) {
                poller = new Thread(this::pollUntilClosed, "aiopt-slurm-poller");
                poller.setDaemon(true);
                poller.start();
            }
            notifyAll();
        }
        return outcome;
    }

    @Override
    public List<UnitOutcome> runAll(List<Unit> units) {
        Set<String> ids = new HashSet<>();
        for (Unit unit : units) {
            if (!ids.add(unit.id())) {
                throw new IllegalArgumentException("two units are called '" + unit.id() + "'");
            }
        }
        List<CompletableFuture<UnitOutcome>> outcomes = units.stream().map(this::submit).toList();
        List<UnitOutcome> done = new ArrayList<>();
        for (CompletableFuture<UnitOutcome> outcome : outcomes) {
            try {
                done.add(outcome.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Slurm jobs", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return done;
    }

    private void pollUntilClosed() {
        Map<String, UnitTracker> inFlight = new HashMap<>();
        int failedPolls = 0;
        RuntimeException fault = null;
        try {
            while (true) {
                synchronized (this) {
                    while (!closed && waiting.isEmpty() && inFlight.isEmpty()) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                while (inFlight.size() < settings.maxJobsInFlight()) {
                    UnitTracker t;
                    synchronized (this) {
                        t = waiting.poll();
                    }
                    if (t == null) {
                        break;
                    }
                    try {
                        sbatch(t);
                        inFlight.put(t.jobId(), t);
                    } catch (RuntimeException e) {
                        release(t.attemptDirectory());
                        finish(t, e);
                    }
                }
                Thread.sleep(settings.pollInterval().toMillis());
                try {
                    poll(inFlight);
                    failedPolls = 0;
                } catch (RuntimeException e) {
                    // squeue fails while slurmctld restarts or is busy: try again, but not for ever.
                    LOG.log(Level.WARNING, "polling Slurm failed, trying again: {0}", e.getMessage());
                    if (++failedPolls >= MAX_FAILED_POLLS) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fault = e;
        } finally {
            RuntimeException cause = fault;
            if (!inFlight.isEmpty()) {
                // Closed (or interrupted) with jobs running: leave nothing behind.
                cli.cancel(inFlight.keySet());
                inFlight.values().forEach(t -> {
                    release(t.attemptDirectory());
                    finish(t, new IllegalStateException((cause == null ? "the Slurm executor was closed"
                            : "Slurm could not be polled (" + cause.getMessage() + ")") + " while unit "
                            + t.unit.id() + " ran; its job " + t.jobId() + " was cancelled", cause));
                });
            }
            if (cause != null) {
                synchronized (this) {
                    closed = true;
                    waiting.forEach(t -> futures.remove(t).completeExceptionally(cause));
                    waiting.clear();
                }
            }
        }
    }

    private void finish(UnitTracker t, Throwable failure) {
        CompletableFuture<UnitOutcome> future;
        synchronized (this) {
            future = futures.remove(t);
        }
        if (future != null) {
            if (failure == null) {
                future.complete(t.outcome());
            } else {
                future.completeExceptionally(failure);
            }
        }
    }

    private void poll(Map<String, UnitTracker> inFlight) {
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
                synchronized (this) {
                    waiting.addFirst(t);
                }
            } else if (step == UnitTracker.Step.DONE) {
                finish(t, null);
            }
        }
        cli.cancel(toCancel);
    }

    private void sbatch(UnitTracker t) {
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
                // The submitter's working directory: relative paths in units and $AIOPT_BASEDIR mean the same there.
                "--chdir=" + System.getProperty("user.dir"),
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

    private static String minutes(long seconds) {
        return String.valueOf(Math.max(1, (seconds + 59) / 60));
    }

    /** Stops polling; jobs still in flight are cancelled and their outcomes fail. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = poller;
            notifyAll();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        renewer.shutdownNow();
    }
}
