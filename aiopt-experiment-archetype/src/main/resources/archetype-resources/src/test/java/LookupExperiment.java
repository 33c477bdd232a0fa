package ${package};

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Verify;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * Evolves {@code Table} in {@code src/test/cpp/lookup/lookup.cc} (the code between the EVOLVE-BLOCK markers), a
 * read path whose {@code Get()} scans every entry. {@code mvn test} builds it with g++, checks it with its
 * {@code --verify} mode, benchmarks it, and then tries one generation of candidates. Without a configured model
 * the candidates come from {@code src/test/resources/lookup/versions/} (a hash index, a sorted array, and one
 * that keeps the first value of a key, which the oracle rejects), labelled "offline replay".
 *
 * <p>To optimize your own code: point {@link EvolveBlock} at your tree and file (relative paths resolve
 * against this module, found from where this class is compiled, whatever the working directory), and {@link Build}, {@link Verify} and
 * {@link Bench} at your commands; put your own versions in the versions directory or configure a model.
 */
@Experiment(generations = 1, candidatesPerGeneration = 3, minFitness = 1.0, offlineVersions = "lookup/versions")
@EvolveBlock(root = "src/test/cpp/lookup", file = "lookup.cc")
@Build(value = "g++ -std=c++17 -O2 lookup.cc -o lookup", timeoutSeconds = 120)
@Verify(value = "./lookup --verify", timeoutSeconds = 60)
@Bench(value = "readrandom", command = "./lookup --benchmarks=readrandom --histogram=1",
        args = "--num=100000 --entries=1000", repeats = 5, warmups = 1, timeoutSeconds = 60)
class LookupExperiment {

    @Evolve
    Stream<DynamicNode> evolve(Evolution evolution) {
        return evolution.generations();
    }
}
