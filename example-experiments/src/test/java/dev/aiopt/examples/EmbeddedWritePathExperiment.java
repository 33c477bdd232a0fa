package dev.aiopt.examples;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Profile;
import dev.aiopt.junit.Verify;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The embedded default: evolve {@code DB::Write} of a small twin of RocksDB's write path
 * ({@code src/test/cpp/writepath/writepath.cc}). Builds with g++ in seconds, benchmarks in about a second, and
 * proves with its oracle that no acknowledged write is lost, reordered or corrupted, also across a kill -9.
 * Without a configured model it replays {@code writepath/offline-responses.jsonl} and says so.
 *
 * <p>Copy this class to start an experiment of your own: point {@link EvolveBlock} at your tree and file, and
 * {@link Build}, {@link Verify} and {@link Bench} at your commands.
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

    @Evolve
    Stream<DynamicNode> evolve(Evolution evolution) {
        return evolution.generations();
    }
}
