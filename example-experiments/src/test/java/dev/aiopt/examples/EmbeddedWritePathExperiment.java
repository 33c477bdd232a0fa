package dev.aiopt.examples;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Profile;
import dev.aiopt.junit.Verify;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;

/**
 * The embedded default: evolve {@code DB::Write} of a small twin of RocksDB's write path
 * ({@code src/test/cpp/writepath/writepath.cc}). Builds with g++ in seconds, benchmarks in about a second, and
 * proves with its oracle that no acknowledged write is lost, reordered or corrupted, also across a kill -9.
 * Without a configured model it replays {@code writepath/offline-responses.jsonl} and says so.
 *
 * <p>Copy this class to start an experiment of your own: point {@link EvolveBlock} at your tree and file, and
 * {@link Build}, {@link Verify} and {@link Bench} at your commands.
 *
 * <p>{@code minFitness} is the baseline's own 0.5, so this run cannot fail for finding nothing, because on the
 * shared 2-core machine this was measured on, the known speed-up (g1-c3, encode outside the lock) is not a
 * speed-up. Only on an idle machine (a run that started at load 0.2) did it measure throughput x1.503
 * [1.071, 1.759] BETTER, fitness 0.651. In 29 other measurements (main-job and comparison runs, load 2 to 21)
 * its throughput was never decided (x0.86 to x1.14), and at load 3-4 its p99 was WORSE (x1.86 to x2.24) in 9 of
 * 12 runs, which made it REGRESSED. Interleaved by hand at load 2-3 it gave x1.011 and p99 x2.05
 * without bubblewrap, and x0.988 and p99 x2.32 with it. No workload tried (threads 1, 2 and 4; 256 B to 8 KiB values; batches of 16; scratch
 * on tmpfs) gave it more than x1.08. The sandbox does not cause this; the machine's state does. A threshold that
 * can fail would be 0.6, which a decided throughput of x1.34 reaches: raise it where the speed-up is measured.
 * {@link RunJsonChecks} checks every run.json this class writes.
 */
@Experiment(generations = 3, candidatesPerGeneration = 3, maxAttempts = 2, minFitness = 0.5,
        offlineResponses = "writepath/offline-responses.jsonl",
        task = "Every acknowledged write must stay durable, ordered and readable: a verification oracle rejects any"
                + " program that loses, reorders or corrupts writes, also across a crash (kill -9 mid-run, reopen,"
                + " every acknowledged key checked).")
@EvolveBlock(root = "src/test/cpp/writepath", file = "writepath.cc")
@Build(value = "g++ -std=c++17 -O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -pthread"
        + " writepath.cc -o writebench", timeoutSeconds = 120)
@Verify(value = "./writebench --verify --num=20000 --threads=4 --db=$AIOPT_SCRATCH/verify", timeoutSeconds = 60)
@Bench(value = "fillrandom", command = "./writebench --benchmarks=fillrandom --db=$AIOPT_SCRATCH/db",
        args = "--num=50000 --threads=2 --histogram=1", repeats = 5, warmups = 1, timeoutSeconds = 60)
@Profile(build = "g++ -std=c++17 -O2 -fno-inline -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer"
        + " -pthread writepath.cc -o writebench", benchArgs = "--num=3000000", durationSeconds = 40,
        progressPoints = "write")
class EmbeddedWritePathExperiment {
    private static long started;

    @BeforeAll
    static void noteStart() {
        started = System.currentTimeMillis();
    }

    @Evolve
    Stream<DynamicNode> evolve(Evolution evolution) {
        return evolution.generations();
    }

    // The done-when checks of issue 11 on every run.json this class wrote (one per track and replicate).
    @AfterAll
    static void runJsonKeepsItsPromises() {
        List<String> problems = new ArrayList<>();
        for (Path runJson : RunJsonChecks.runsUnder(Path.of("target/aiopt/EmbeddedWritePathExperiment"), started)) {
            System.out.println("[run.json check] " + RunJsonChecks.summary(runJson));
            RunJsonChecks.check(runJson).forEach(p -> problems.add(runJson + ": " + p));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("run.json contradicts itself:\n  " + String.join("\n  ", problems));
        }
    }
}
