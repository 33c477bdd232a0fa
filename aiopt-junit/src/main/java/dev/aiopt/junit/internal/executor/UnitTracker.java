package dev.aiopt.junit.internal.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One unit's progress through the Slurm executor: its current job, the attempts so far, and the reading of
 * the files its job leaves ({@code exit-status}, {@code result.json}) against what Slurm says of the job.
 * The job's own files win: Slurm's state only explains a job that ended without them.
 */
final class UnitTracker {
    static final int MAX_ATTEMPTS = 2;
    // How long a job Slurm says has ended may take to show its files through a shared filesystem's caches.
    private static final Duration FILE_GRACE = Duration.ofSeconds(3);

    enum Step { WAITING, DONE, RETRY, CANCEL_FOR_TIMEOUT }

    final Unit unit;
    final UnitFiles files;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> triedNodes = new LinkedHashSet<>();
    private Optional<JsonNode> result = Optional.empty();
    private boolean adopted;
    private int attemptNumber;
    private String jobId = "";
    private long submittedNanos;
    private long startedNanos = -1;
    private long goneSinceNanos = -1;
    private String node = "";
    private String lastPendingReason = "";

    UnitTracker(Unit unit, Path sharedDirectory) {
        this.unit = unit;
        this.files = new UnitFiles(sharedDirectory.resolve(unit.id()));
    }

    /**
     * Looks at what an earlier run left: adopts a completed attempt's result if the unit is unchanged and
     * returns the attempts that never finished, for the executor to cancel and then release.
     */
    List<Unfinished> resume() {
        List<Unfinished> unfinished = new ArrayList<>();
        // Compared as parsed text: Jackson's numeric nodes built in memory and read back differ in type.
        JsonNode current = UnitFiles.reparse(UnitFiles.toJson(unit));
        boolean sameUnit = UnitFiles.readJson(files.unitJson()).map(current::equals).orElse(false);
        for (int n = 1; n <= files.lastAttempt(); n++) {
            Path dir = files.attempt(n);
            Optional<String> exit = UnitFiles.readText(dir.resolve("exit-status"));
            Optional<JsonNode> done = UnitFiles.readJson(dir.resolve("result.json"));
            if (sameUnit && exit.map(s -> s.startsWith("0 ")).orElse(false) && done.isPresent()) {
                result = done;
                adopted = true;
            }
            Optional<String> job = UnitFiles.readJson(dir.resolve("submitted.json"))
                    .map(j -> j.path("jobId").asText()).filter(id -> !id.isEmpty());
            if (exit.isEmpty() && job.isPresent()) {
                unfinished.add(new Unfinished(job.get(), dir.resolve("lease")));
            } else {
                Lease.release(dir.resolve("lease"));
            }
        }
        return unfinished;
    }

    /** A job of an earlier run that left no exit status: cancel it, then give its lease up. */
    record Unfinished(String jobId, Path lease) {
    }

    boolean done() {
        return result.isPresent() || attempts.size() >= MAX_ATTEMPTS;
    }

    int nextAttemptNumber() {
        attemptNumber = files.lastAttempt() + 1;
        return attemptNumber;
    }

    Path attemptDirectory() {
        return files.attempt(attemptNumber);
    }

    Set<String> triedNodes() {
        return triedNodes;
    }

    void submitted(String id, long nanos) {
        jobId = id;
        submittedNanos = nanos;
        startedNanos = -1;
        goneSinceNanos = -1;
        node = "";
        lastPendingReason = "";
        ObjectNode json = UnitFiles.JSON.createObjectNode();
        json.put("jobId", id).put("submittedAtMillis", System.currentTimeMillis());
        ArrayNode excluded = json.putArray("excluded");
        triedNodes.forEach(excluded::add);
        UnitFiles.writeJson(attemptDirectory().resolve("submitted.json"), json);
    }

    String jobId() {
        return jobId;
    }

    /** A pending job's new reason, once per change (for the log), else empty. */
    Optional<String> newPendingReason(JobState state) {
        if (state != null && state.state().equals("PENDING") && !state.reason().equals(lastPendingReason)) {
            lastPendingReason = state.reason();
            return Optional.of(state.reason());
        }
        return Optional.empty();
    }

    /** Reads the attempt's files and Slurm's state ({@code null}: Slurm knows the job no more). */
    Step poll(JobState state, long now) {
        if (state != null && !state.node().isEmpty()) {
            node = state.node();
        }
        if (state != null && state.running() && startedNanos < 0) {
            startedNanos = now;
        }
        Path dir = attemptDirectory();
        Optional<String> exit = UnitFiles.readText(dir.resolve("exit-status")).map(String::strip);
        if (exit.isPresent()) {
            readStart(dir);
            Optional<JsonNode> produced = UnitFiles.readJson(dir.resolve("result.json"));
            if (exit.get().startsWith("0 ") && produced.isPresent()) {
                node = produced.get().path("node").asText(node);
                end(AttemptEnd.COMPLETED, exit.get().substring(2), now);
                result = produced;
                return Step.DONE;
            }
            AttemptEnd end = exit.get().startsWith(UnitJob.EXIT_LEASE_LAPSED + " ") ? AttemptEnd.LEASE_LAPSED
                    : AttemptEnd.FAILED;
            return failed(end, "exit status " + exit.get(), now);
        }
        if (state == null || !state.active()) {
            if (goneSinceNanos < 0) {
                goneSinceNanos = now;
            } else if (now - goneSinceNanos > FILE_GRACE.toNanos()) {
                readStart(dir);
                return state == null
                        ? failed(AttemptEnd.NODE_LOST, "job vanished from squeue and sacct without a result", now)
                        : failed(state.end(), "Slurm: " + state.describe() + ", no result written", now);
            }
            return Step.WAITING;
        }
        if (startedNanos >= 0 && now - startedNanos > unit.timeout().toNanos()) {
            return Step.CANCEL_FOR_TIMEOUT;
        }
        return Step.WAITING;
    }

    /** Records the attempt the executor cancelled at the unit's timeout. */
    Step timedOut(long now) {
        return failed(AttemptEnd.TIMED_OUT, "cancelled after the unit's timeout of " + unit.timeout().toSeconds()
                + " s", now);
    }

    private Step failed(AttemptEnd end, String detail, long now) {
        end(end, detail, now);
        return done() ? Step.DONE : Step.RETRY;
    }

    // A job may start and end between two polls: its started.json still tells when it began.
    private void readStart(Path dir) {
        if (startedNanos < 0) {
            UnitFiles.readJson(dir.resolve("started.json")).ifPresent(s -> {
                long waitedMillis = s.path("startedAtMillis").asLong() - UnitFiles.readJson(dir.resolve(
                        "submitted.json")).map(j -> j.path("submittedAtMillis").asLong()).orElse(0L);
                startedNanos = submittedNanos + Math.max(0, waitedMillis) * 1_000_000L;
                node = node.isEmpty() ? s.path("node").asText() : node;
            });
        }
    }

    private void end(AttemptEnd end, String detail, long now) {
        Duration wait = startedNanos < 0 ? Duration.ZERO : Duration.ofNanos(startedNanos - submittedNanos);
        Duration ran = startedNanos < 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - startedNanos));
        attempts.add(new Attempt(attemptNumber, jobId, node, wait, ran, end, detail));
        if (!node.isEmpty()) {
            triedNodes.add(node);
        }
        Lease.release(attemptDirectory().resolve("lease"));
    }

    UnitOutcome outcome() {
        UnitOutcome outcome = new UnitOutcome(unit.id(), result, attempts, adopted);
        ObjectNode json = UnitFiles.JSON.createObjectNode();
        json.put("unit", unit.id()).put("completed", outcome.completed()).put("adopted", adopted)
                .put("node", outcome.node()).put("failure", outcome.failureReason());
        ArrayNode list = json.putArray("attempts");
        for (Attempt a : attempts) {
            list.addObject().put("number", a.number()).put("jobId", a.jobId()).put("node", a.node())
                    .put("queueWaitMillis", a.queueWait().toMillis()).put("ranMillis", a.ran().toMillis())
                    .put("end", a.end().name()).put("detail", a.detail());
        }
        UnitFiles.writeJson(files.directory().resolve("outcome.json"), json);
        return outcome;
    }
}
