package dev.aiopt.junit.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiopt.junit.internal.judge.Cap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Evolve;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Experiment;
import dev.aiopt.junit.Track;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A full generation on a Google Benchmark target (real {@code -lbenchmark}, JSON on stdout, throughput
 * {@code items_per_second}, no latency axis) and on an {@code aiopt-metric} target (its own throughput name, p99
 * of its latency histogram), each with a known-faster offline version that must be decided IMPROVED.
 */
class BenchFormatExperimentTest {

    @TempDir
    Path outputs;

    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 1, tracks = Track.BASELINE,
            offlineVersions = "offline/gbench-versions")
    @EvolveBlock(root = "src/test/resources/benchformats/gbench", file = "gb.cc")
    @Build(value = "g++ -std=c++17 -O2 gb.cc -o gbbench -lbenchmark -lpthread", timeoutSeconds = 120)
    @Bench(value = "BM_Work", command = "./gbbench", args = "--benchmark_format=json --benchmark_min_time=0.05",
            format = "google-benchmark", throughput = "items_per_second", latency = "none", repeats = 3, warmups = 0,
            timeoutSeconds = 60)
    static class GoogleBenchmarkFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Experiment(generations = 1, candidatesPerGeneration = 1, maxAttempts = 1, tracks = Track.BASELINE,
            offlineVersions = "offline/metric-versions")
    @EvolveBlock(root = "src/test/resources/benchformats/metric", file = "metric.cc")
    @Build(value = "g++ -std=c++17 -O2 metric.cc -o metricbench", timeoutSeconds = 120)
    @Bench(value = "lookups", command = "./metricbench", args = "--num=10000", format = "aiopt-metric",
            throughput = "lookups_per_sec", latency = "lookup_us.p99", repeats = 3, warmups = 0, timeoutSeconds = 60)
    static class AiOptMetricFixture {
        @Evolve
        Stream<DynamicNode> evolve(Evolution evolution) {
            return evolution.generations();
        }
    }

    @Test
    void aGoogleBenchmarkWithoutLatencyIsJudgedOnItemsPerSecond() throws Exception {
        assumeTrue(onPath("g++"), "g++ is not installed");
        assumeTrue(Files.exists(Path.of("/usr/include/benchmark/benchmark.h")),
                "Google Benchmark is not installed (apt-get install libbenchmark-dev)");

        Map<String, JsonNode> byId = run(GoogleBenchmarkFixture.class);

        JsonNode baseline = byId.get("g0-baseline");
        JsonNode candidate = byId.get("g1-c1");
        assertThat(candidate.get("status").asText()).as(candidate.toString()).isEqualTo("IMPROVED");
        assertThat(candidate.get("reason").asText()).contains("p99 none (no latency axis: judged on throughput)");
        for (JsonNode program : List.of(baseline, candidate)) {
            JsonNode metrics = program.get("metrics");
            assertThat(metrics.has("p99_us")).as("no latency axis, no p99: " + metrics).isFalse();
            assertThat(metrics.get("ops_per_sec").asDouble()).as("the throughput axis is items_per_second")
                    .isEqualTo(metrics.get("items_per_second").asDouble());
        }
        assertThat(candidate.get("metrics").get("ops_per_sec").asDouble())
                .isGreaterThan(2 * baseline.get("metrics").get("ops_per_sec").asDouble());
        // The absent latency axis has ratio 1, so the latency term stays at its weight: fitness = 0.3 cap(t) + 0.2.
        // The candidate becomes the island's best, so it is re-measured against the baseline directly: "throughput"
        // and "p99" are that re-measurement (latency-less too), and its fitness stays the one judged vs its parent.
        JsonNode comparison = candidate.get("comparison");
        assertThat(comparison.get("basis").asText()).isEqualTo("direct");
        assertThat(comparison.get("directRepeats").asInt()).isEqualTo(3);
        JsonNode judged = comparison.get("vsParent");
        for (JsonNode p99 : List.of(comparison.get("p99"), judged.get("p99"))) {
            assertThat(p99.get("ratio").asDouble()).isEqualTo(1.0);
        }
        assertThat(candidate.get("fitness").asDouble())
                .isCloseTo(0.3 * Cap.THROUGHPUT_DEFAULT.apply(judged.get("throughput").get("ratio").asDouble()) + 0.2,
                        within(1e-6));
        // 3 runs a side cannot reach a decision at 99%: an undecided direct axis counts as the baseline's (x1).
        JsonNode direct = comparison.get("throughput");
        double decided = direct.get("decision").asText().equals("NO_DIFFERENCE") ? 1 : direct.get("ratio").asDouble();
        assertThat(comparison.get("directFitness").asDouble())
                .isCloseTo(0.3 * Cap.THROUGHPUT_DEFAULT.apply(decided) + 0.2, within(1e-6));
        assertThat(baseline.get("fitness").asDouble()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void anAiOptMetricTargetIsJudgedOnItsOwnThroughputAndItsHistogramsP99() throws Exception {
        assumeTrue(onPath("g++"), "g++ is not installed");

        Map<String, JsonNode> byId = run(AiOptMetricFixture.class);

        JsonNode candidate = byId.get("g1-c1");
        assertThat(candidate.get("status").asText()).as(candidate.toString()).isEqualTo("IMPROVED");
        assertThat(candidate.get("reason").asText()).contains("p99 x");
        for (JsonNode program : List.of(byId.get("g0-baseline"), candidate)) {
            JsonNode metrics = program.get("metrics");
            assertThat(metrics.get("ops_per_sec").asDouble()).isEqualTo(metrics.get("lookups_per_sec").asDouble());
            assertThat(metrics.get("p99_us").asDouble()).isEqualTo(metrics.get("lookup_us.p99").asDouble());
            assertThat(metrics.get("lookup_us.count").asDouble()).isEqualTo(10000);
        }
    }

    private Map<String, JsonNode> run(Class<?> fixture) throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter("aiopt.outputDir", outputs.toString())
                .configurationParameter("aiopt.islands", "1")
                .execute();
        Path runJson;
        try (Stream<Path> files = Files.walk(outputs)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
            assertThat(found).as("one run.json under " + outputs).hasSize(1);
            runJson = found.get(0);
        }
        JsonNode run = new ObjectMapper().readTree(runJson.toFile());
        Map<String, JsonNode> byId = new HashMap<>();
        run.get("candidates").forEach(c -> byId.put(c.get("id").asText(), c));
        assertThat(byId).containsKeys("g0-baseline", "g1-c1");
        return byId;
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
