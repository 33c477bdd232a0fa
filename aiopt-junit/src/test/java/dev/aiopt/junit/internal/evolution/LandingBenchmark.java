package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What landing one candidate costs the run's state once it holds {@code programs} programs of 200-line slices:
 * drawing its parent, the database entry, the in-memory result and the journal line (run.json, still rewritten whole, is not
 * included). Single shots, so the population stays near {@code programs} (each shot adds one). Run it with
 * {@code scripts/jmh-database.sh}; the tear-down prints the journal bytes per landing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 50, batchSize = 1)
@Measurement(iterations = 200, batchSize = 1)
public class LandingBenchmark {
    @Param({"100", "1000", "10000"})
    public int programs;

    private final Random random = new Random(7);
    private RunState state;
    private RunJournal journal;
    private Path directory;
    private long bytesBefore;
    private int landed;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        directory = Files.createTempDirectory("aiopt-landing");
        state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(42).withIslands(2)));
        journal = RunJournal.create(directory, new RunJournal.Header(RunJournal.SCHEMA, "bench", "baseline", 42,
                new TreeMap<>(Map.of("aiopt.generations", "1000")), Fitness.defaults()));
        ProgramResult baseline = program(Origin.baseline(EvolutionRun.BASELINE_ID), 0.5);
        state.land(baseline, new RunJournal.DatabaseEntry(null, 0, true));
        for (int i = 1; i < programs; i++) {
            land();
        }
        bytesBefore = Files.size(journal.file());
        landed = 0;
    }

    /** One landing: database entry, result, journal line. */
    @Benchmark
    public void land() {
        int island = next % 2;
        Program parent = state.database().sampleParent(island).program();
        String id = "g" + (next / 16 + 1) + "-c" + (next % 16 + 1);
        next++;
        ProgramResult child = program(new Origin(id, next / 16 + 1, RunState.original(parent), island),
                0.4 + random.nextDouble() / 5);
        RunJournal.DatabaseEntry entry = new RunJournal.DatabaseEntry(parent.id(), island, true);
        state.land(child, entry);
        journal.append(new RunJournal.Landed(child, entry));
        landed++;
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        long bytes = Files.size(journal.file()) - bytesBefore;
        System.out.printf("%n[landing] %d programs held; %d landings appended %d journal bytes, %.0f per landing%n",
                state.results().size(), landed, bytes, landed == 0 ? 0.0 : (double) bytes / landed);
        journal.close();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private ProgramResult program(Origin origin, double fitness) {
        StringBuilder slice = new StringBuilder();
        for (int line = 0; line < 200; line++) {
            slice.append("  int v").append(line).append(" = compute(").append(origin.id()).append(", ")
                    .append(random.nextInt(1_000_000)).append(");\n");
        }
        String text = slice.toString().replace("-", "_");
        List<Map<String, Double>> runs = List.of(Map.of(Cascade.THROUGHPUT, 1000 * fitness, Cascade.P99, 10.0),
                Map.of(Cascade.THROUGHPUT, 1010 * fitness, Cascade.P99, 10.2));
        return new ProgramResult(origin, new Outcome(origin.generation() == 0 ? Status.BASELINE : Status.IMPROVED,
                "vs parent: throughput x1.01"), text, Program.sha256(text), new Measured(Cascade.medians(runs), runs,
                Ratio.unity(EvolutionRun.BASELINE_ID), Ratio.unity(EvolutionRun.BASELINE_ID), List.of()), fitness,
                null, "diff", Timings.NONE, List.of());
    }
}
