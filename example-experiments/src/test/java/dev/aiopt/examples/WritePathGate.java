package dev.aiopt.examples;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.Verify;
import org.junit.jupiter.api.Test;

/**
 * A CI regression gate on the embedded write path: the tree as it is now (the candidate) must keep the
 * throughput and p99 of the recorded baseline version of {@code DB::Write} ({@code versions/v0-baseline.cc},
 * the reference), both built here and benchmarked interleaved, 10 runs each. Run it alone with
 * {@code mvn test -pl example-experiments -am -Dtest=WritePathGate -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Copy this class to gate your own project: point {@link EvolveBlock} at your tree and file, {@link Build},
 * {@link Verify} and {@link Bench} at your commands, and {@link Gate#referenceSlice()} at the version to keep up
 * with (or {@link Gate#baselineJson()} at stored numbers, or {@link Gate#candidateSlice()} at a champion).
 *
 * <p>On a machine whose spread hides a 3% drop or a 5% p99 rise even after three looks, its verdict is
 * INCONCLUSIVE and names the runs a side that would detect the limits; with the default
 * {@code inconclusive = WARN} it passes so marked, {@code @Gate(inconclusive = FAIL)} would fail it.
 */
@Gate(referenceSlice = "src/test/resources/writepath/versions/v0-baseline.cc")
@EvolveBlock(root = "src/test/cpp/writepath", file = "writepath.cc")
@Build(value = "g++ -std=c++17 -O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -pthread"
        + " writepath.cc -o writebench", timeoutSeconds = 120)
@Verify(value = "./writebench --verify --num=20000 --threads=4 --db=$AIOPT_SCRATCH/verify", timeoutSeconds = 60)
@Bench(value = "fillrandom", command = "./writebench --benchmarks=fillrandom --db=$AIOPT_SCRATCH/db",
        args = "--num=5000 --threads=4 --histogram=1", timeoutSeconds = 60)
class WritePathGate {

    @Test
    void gate(GateRun gate) {
        gate.check();
    }
}
