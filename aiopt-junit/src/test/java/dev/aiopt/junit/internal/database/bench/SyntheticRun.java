package dev.aiopt.junit.internal.database.bench;

import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.prompt.Attempt;
import dev.aiopt.junit.internal.prompt.PromptInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic evolution run at realistic sizes: ~600-line C++-like slices (about the size of RocksDB's
 * {@code DBImpl::WriteImpl}), children that change a few lines of their parent, noisy fitness. Shared by the
 * JMH benchmark and the memory measurement.
 */
final class SyntheticRun {
    static final int SLICE_LINES = 600;
    // identifiers of WriteImpl's kind, combined at random so that the code compresses about as well as real C++
    // (deflate: ~3.8x here, 4.1x for RocksDB's WriteImpl); 600 lines come to about 24 KB (WriteImpl: 25 KB)
    private static final String[] WORDS = ("write group versions log writer batch status mutex seq wal stats options"
            + " sync memtable flush column family last sequence size count writers leader follower pipelined unordered"
            + " callback stall delay thread prep commit persist buffer manager tracer immutable apply").split(" ");

    final ProgramDatabase database;
    private final SplittableRandom random;
    private int step;

    SyntheticRun(DatabaseConfig config, long workloadSeed) {
        this.database = new ProgramDatabase(config);
        this.random = new SplittableRandom(workloadSeed);
        database.addInitial(Program.of("init", null, 0, 0, initialSlice(), metrics(1.0), 1.0));
    }

    static String initialSlice() {
        SplittableRandom random = new SplittableRandom(2024);
        StringBuilder code = new StringBuilder("Status DBImpl::WriteImpl(const WriteOptions& write_options, WriteBatch* my_batch) {\n");
        for (int i = 1; i < SLICE_LINES - 1; i++) {
            String indent = "  ".repeat(2 + random.nextInt(4));
            String line = switch (random.nextInt(6)) {
                case 0 -> identifier(random) + "." + identifier(random) + "(" + identifier(random) + ", " + identifier(random) + ");";
                case 1 -> "if (" + identifier(random) + " && !" + identifier(random) + "->" + identifier(random) + "()) {";
                case 2 -> "}";
                case 3 -> identifier(random) + " = " + identifier(random) + " + " + random.nextInt(1000) + ";";
                case 4 -> "// " + String.join(" ", WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)],
                        WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]);
                default -> "auto " + identifier(random) + " = " + identifier(random) + "(" + identifier(random) + ");";
            };
            code.append(indent).append(line).append('\n');
        }
        return code.append("}\n").toString();
    }

    private static String identifier(SplittableRandom random) {
        String word = WORDS[random.nextInt(WORDS.length)];
        return random.nextBoolean() ? word + "_" : word + "_" + WORDS[random.nextInt(WORDS.length)];
    }

    /** Adds programs until the database holds {@code total}, the way the loop would: sample, derive, add. */
    void fillTo(int total) {
        while (database.size() < total) {
            int generation = step / 16 + 1;
            if (step % 16 == 0) {
                database.migrateIfDue(generation);
            }
            Program parent = database.sampleParent(step % database.config().islands()).program();
            addChildOf(parent, generation);
        }
    }

    Program addChildOf(Program parent, int generation) {
        String code = mutate(parent.code());
        String id = "s" + step++;
        if (database.duplicateOf(Program.sha256(code)).isPresent()) {
            return null;
        }
        boolean failed = random.nextInt(5) == 0;
        double fitness = failed ? 0 : Math.max(0, parent.fitness() + random.nextDouble(-0.05, 0.06));
        Program child = Program.of(id, parent.id(), generation, parent.island(), code,
                failed ? Map.of() : metrics(fitness), fitness);
        database.add(child, failed ? ProgramDatabase.Status.FAILED : ProgramDatabase.Status.SUCCEEDED);
        return child;
    }

    int step() {
        return step;
    }

    String mutate(String code) {
        List<String> lines = new ArrayList<>(code.lines().toList());
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = 1 + random.nextInt(lines.size() - 2);
            lines.set(at, "    tuned_" + step + "_" + i + " = std::max(t" + random.nextInt(1000) + ", n);");
        }
        return String.join("\n", lines) + "\n";
    }

    static Map<String, Double> metrics(double fitness) {
        return Map.of("ops_per_sec", 250_000 * fitness, "micros_per_op", 4.0 / fitness, "p99", 12.0 / fitness,
                "p99_9", 40.0 / fitness, "write_stall_pct", 3.5, "l0_files", 6.0);
    }

    /** What the loop would pass to the prompt builder for this parent. */
    PromptInput promptInput(Program parent) {
        Program parentOfParent = parent.parentId() == null ? null : database.get(parent.parentId()).orElse(null);
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(new Attempt("a" + i, Attempt.Outcome.values()[i % Attempt.Outcome.values().length],
                    "<<<<<<< SEARCH\n    PERF_TIMER_GUARD(write_pre_and_post_process_time);\n=======\n"
                            + "    // removed timer guard " + i + "\n>>>>>>> REPLACE\n",
                    "db_impl_write.cc:412:5: error: 'tuned_" + i + "' was not declared in this scope\n".repeat(20)));
        }
        return PromptInput.of("Optimise DBImpl::WriteImpl for db_bench fillrandom throughput and p99 latency.", parent)
                .withCurrentParent(parentOfParent)
                .withAttempts(attempts)
                .withTopPrograms(database.topPrograms(parent.island(), 2))
                .withInspirations(database.inspirations(parent, 2))
                .withArtifacts(Map.of("build.log", "warning: unused variable 'x' [-Wunused-variable]\n".repeat(200),
                        "verify.log", "verified 1000000 keys, 0 missing\n"))
                .withCausalProfile("line 57: WriteToWAL  speedup 10% -> throughput +4.1%\n".repeat(10));
    }
}
