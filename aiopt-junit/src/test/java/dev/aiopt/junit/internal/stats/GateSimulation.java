package dev.aiopt.junit.internal.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Simulates the regression gate and the sequential comparison under noise fitted to real db_bench runs and
 * prints their quality: the A/A false-alarm rate and the power to catch throughput and p99 regressions, per
 * noise scenario and run count. Not a test: run {@code aiopt-junit/scripts/gate-simulation.sh [trials] [seed]}.
 */
public final class GateSimulation {

    static final int[] REPEATS_SWEEP = {6, 8, 10, 15, 20};
    static final double[][] GATE_EFFECTS = {
        {1.00, 1.00}, {0.97, 1.00}, {0.95, 1.00}, {0.90, 1.00}, {1.00, 1.05}, {1.00, 1.10}, {1.00, 1.20}};
    static final String[] GATE_EFFECT_NAMES = {"A/A", "ops-3%", "ops-5%", "ops-10%", "p99+5%", "p99+10%", "p99+20%"};

    private GateSimulation() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261124L;
        GateSettings gate = GateSettings.defaults();
        NoiseFit pipelined = NoiseFit.load("pipelined");
        NoiseFit unpipelined = NoiseFit.load("unpipelined");
        System.out.println("Noise fitted to real data (src/test/resources/stats):");
        System.out.println("  " + pipelined.describe());
        System.out.println("  " + unpipelined.describe());
        List<NoiseModel> scenarios = scenarios(pipelined, unpipelined);
        System.out.println();
        System.out.println("Scenarios:");
        for (NoiseModel model : scenarios) {
            System.out.printf(Locale.ROOT, "  %-22s %s%n", model.name(), model.describe());
        }
        System.out.printf(Locale.ROOT, "%nGate: minThroughputRatio %.2f, maxP99Ratio %.2f, confidence %.2f, %d trials a cell,"
                        + " seed %d. Cells: %% of trials in which the gate FAILED (A/A = false alarms, others = power);"
                        + " (<= x) is the 95%% upper bound of the A/A rate.%n",
                gate.minThroughputRatio(), gate.maxP99Ratio(), gate.confidence(), trials, seed);

        System.out.printf(Locale.ROOT, "%nTable 1: gate fail rate by runs per side%n");
        header("scenario", "runs");
        for (NoiseModel model : List.of(scenarios.get(0), scenarios.get(1), scenarios.get(4))) {
            for (int repeats : REPEATS_SWEEP) {
                row(model, gate.withRepeats(repeats), trials, seed);
            }
        }
        System.out.printf(Locale.ROOT, "%nTable 2: gate fail rate per scenario at the default %d runs per side%n",
                gate.repeats());
        header("scenario", "runs");
        for (NoiseModel model : scenarios) {
            row(model, gate, trials, seed);
        }

        SequentialPlan plan = SequentialPlan.defaults();
        ComparisonSettings comparison = ComparisonSettings.defaults();
        System.out.printf(Locale.ROOT, "%nTable 3: candidate vs parent on throughput (evolution loop), sequential plan %d+%d..%d"
                        + " runs per side, confidence %.2f split over %d looks, min effect %.0f%%."
                        + " Cells: %% BETTER (mean runs per side)%n",
                plan.initialRepeats(), plan.batchRepeats(), plan.maxRepeats(), comparison.confidence(), plan.looks(),
                comparison.minEffect() * 100);
        double[] gains = {1.00, 1.02, 1.05, 1.10};
        System.out.printf(Locale.ROOT, "%-22s %-16s %-16s %-16s %-16s %s%n", "scenario", "A/A", "ops+2%", "ops+5%",
                "ops+10%", "A/A WORSE");
        for (NoiseModel model : scenarios.subList(0, 4)) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", model.name()));
            double worse = 0;
            for (double gain : gains) {
                SequentialRates rates = sequential(model, plan, comparison, gain, trials, seed);
                line.append(String.format(Locale.ROOT, " %-16s", String.format(Locale.ROOT, "%5.2f%% (%.1f)",
                        rates.better * 100, rates.meanRuns)));
                if (gain == 1.00) {
                    worse = rates.worse;
                }
            }
            line.append(String.format(Locale.ROOT, " %.2f%%", worse * 100));
            System.out.println(line);
        }
    }

    static List<NoiseModel> scenarios(NoiseFit pipelined, NoiseFit unpipelined) {
        List<NoiseModel> scenarios = new ArrayList<>();
        // coefficients of variation measured in issue 5 (release build, 8 runs); correlations fitted here
        scenarios.add(NoiseModel.fromCv("quiet", 0.027, 0.077, pipelined.correlation()));
        NoiseModel unpipelinedQuiet = NoiseModel.fromCv("pipelining-off", 0.031, 0.15, unpipelined.correlation());
        scenarios.add(unpipelinedQuiet);
        scenarios.add(NoiseModel.fromCv("8-threads", 0.16, 0.35, unpipelined.correlation()));
        scenarios.add(unpipelined.model("busy-shared(fitted)"));
        NoiseModel rough = unpipelinedQuiet.withTails(4).withContention(0.10, 3, unpipelined.slowdownDepth())
                .named("off+t4+contention");
        scenarios.add(rough);
        scenarios.add(rough.notInterleaved().named("same,NOT-interleaved"));
        return scenarios;
    }

    private static void header(String first, String second) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %-5s", first, second));
        for (String name : GATE_EFFECT_NAMES) {
            line.append(String.format(Locale.ROOT, " %-16s", name));
        }
        System.out.println(line.toString().stripTrailing());
    }

    private static void row(NoiseModel model, GateSettings gate, int trials, long seed) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %-5d", model.name(), gate.repeats()));
        for (double[] effect : GATE_EFFECTS) {
            int fails = gateFailures(model, gate, effect[0], effect[1], trials, seed);
            double rate = (double) fails / trials;
            String cell = effect[0] == 1 && effect[1] == 1
                    ? String.format(Locale.ROOT, "%.2f%% (<=%.2f%%)", rate * 100, upperBound(fails, trials) * 100)
                    : String.format(Locale.ROOT, "%.1f%%", rate * 100);
            line.append(String.format(Locale.ROOT, " %-16s", cell));
        }
        System.out.println(line.toString().stripTrailing());
    }

    /** Number of trials in which the gate failed. */
    static int gateFailures(NoiseModel model, GateSettings gate, double throughputEffect, double p99Effect, int trials,
            long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int fails = 0;
        for (int trial = 0; trial < trials; trial++) {
            NoiseModel.Runs runs = model.simulate(random, gate.repeats(), throughputEffect, p99Effect);
            if (RegressionGate.fails(runs.candidateThroughput(), runs.referenceThroughput(), runs.candidateP99(),
                    runs.referenceP99(), gate)) {
                fails++;
            }
        }
        return fails;
    }

    record SequentialRates(double better, double worse, double meanRuns) {
    }

    /**
     * The evolution loop's decision on throughput, adding runs per the plan until decided or capped; the same
     * steps as {@link SequentialPlan#next}, through the bootstrap-sparing {@link Comparison#decision}.
     */
    static SequentialRates sequential(NoiseModel model, SequentialPlan plan, ComparisonSettings settings,
            double throughputEffect, int trials, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ComparisonSettings perLook = plan.perLook(settings);
        int better = 0;
        int worse = 0;
        long runs = 0;
        for (int trial = 0; trial < trials; trial++) {
            // all runs a trial may need, measured interleaved; the plan only looks at a prefix
            NoiseModel.Runs all = model.simulate(random, plan.maxRepeats(), throughputEffect, 1.0);
            int n = plan.initialRepeats();
            while (true) {
                Decision decision = Comparison.decision(Arrays.copyOf(all.candidateThroughput(), n),
                        Arrays.copyOf(all.referenceThroughput(), n), Direction.HIGHER_IS_BETTER, perLook);
                int more = plan.moreRepeats(decision, n);
                if (more == 0) {
                    better += decision == Decision.BETTER ? 1 : 0;
                    worse += decision == Decision.WORSE ? 1 : 0;
                    runs += n;
                    break;
                }
                n += more;
            }
        }
        return new SequentialRates((double) better / trials, (double) worse / trials, (double) runs / trials);
    }

    /** Wilson score 95% upper bound of a binomial proportion. */
    static double upperBound(int events, int trials) {
        double z = 1.959964;
        double p = (double) events / trials;
        double denominator = 1 + z * z / trials;
        double centre = p + z * z / (2 * trials);
        double spread = z * Math.sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials));
        return Math.min(1, (centre + spread) / denominator);
    }
}
