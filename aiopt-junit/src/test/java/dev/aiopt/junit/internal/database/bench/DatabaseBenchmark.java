package dev.aiopt.junit.internal.database.bench;

import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.prompt.Prompt;
import dev.aiopt.junit.internal.prompt.PromptBuilder;
import dev.aiopt.junit.internal.prompt.PromptConfig;
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
 * The database and prompt work the evolution loop does per candidate, on a database that already holds 10,000
 * programs of ~600-line slices: sample a parent, fetch top programs and inspirations, build the prompt, check
 * for a duplicate, add the child. The budget is 5 ms per candidate. Run it with {@code scripts/jmh-database.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class DatabaseBenchmark {

    /** Population limit: 1,000 is the default, 10,000 keeps every program of the run in the population. */
    @Param({"1000", "10000"})
    public int populationLimit;

    private SyntheticRun run;
    private PromptBuilder prompts;

    @Setup(Level.Trial)
    public void fill() {
        run = new SyntheticRun(DatabaseConfig.defaults(42).withPopulation(populationLimit, 100), 7);
        run.fillTo(10_000);
        prompts = new PromptBuilder(PromptConfig.defaults());
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.println("\n[database] programs " + run.database.size() + ", in population " + run.database.populationSize());
    }

    /** One candidate's database and prompt work, end to end. */
    @Benchmark
    public Program candidate() {
        int island = run.step() % run.database.config().islands();
        Program parent = run.database.sampleParent(island).program();
        Prompt prompt = prompts.build(run.promptInput(parent));
        if (prompt.length() == 0) {
            throw new AssertionError("empty prompt");
        }
        return run.addChildOf(parent, run.step() / 16 + 1);
    }

    /** The prompt alone, for the same kind of parent. */
    @Benchmark
    public Prompt promptOnly() {
        Program parent = run.database.sampleParent(run.step() % run.database.config().islands()).program();
        return prompts.build(run.promptInput(parent));
    }
}
