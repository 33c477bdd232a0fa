package dev.aiopt.junit.internal.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs units one after the other in this JVM, through the same {@link UnitJob} code a Slurm job runs, and
 * leaves the same files in each unit's directory. Its attempts run on node {@code local}.
 */
final class LocalExecutor implements Executor {
    private final Path sharedDirectory;

    public LocalExecutor(Path sharedDirectory) {
        this.sharedDirectory = sharedDirectory.toAbsolutePath().normalize();
    }

    @Override
    public List<UnitOutcome> runAll(List<Unit> units) {
        List<UnitOutcome> outcomes = new ArrayList<>();
        for (Unit unit : units) {
            UnitFiles files = new UnitFiles(sharedDirectory.resolve(unit.id()));
            files.writeUnit(unit);
            int attempt = files.lastAttempt() + 1;
            long start = System.nanoTime();
            int status = UnitJob.runInProcess(files.directory(), attempt);
            Duration ran = Duration.ofNanos(System.nanoTime() - start);
            Path dir = files.attempt(attempt);
            String exit = UnitFiles.readText(dir.resolve("exit-status")).orElse("").strip();
            AttemptEnd end = status == UnitJob.EXIT_COMPLETED ? AttemptEnd.COMPLETED : AttemptEnd.FAILED;
            Attempt record = new Attempt(attempt, "local", "local", Duration.ZERO, ran, end, exit);
            Optional<com.fasterxml.jackson.databind.JsonNode> result = end == AttemptEnd.COMPLETED
                    ? UnitFiles.readJson(dir.resolve("result.json")) : Optional.empty();
            outcomes.add(new UnitOutcome(unit.id(), result, List.of(record), false));
        }
        return outcomes;
    }

    @Override
    public void close() {
        // nothing held
    }
}
