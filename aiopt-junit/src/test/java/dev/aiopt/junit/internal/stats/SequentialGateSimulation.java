package dev.aiopt.junit.internal.stats;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Simulates repeats until decided ({@link SequentialGate}) against one look, under the fitted noise of the
 * quiet and pipelining-off scenarios: % of gates FAILED (A/A = false alarms), % still INCONCLUSIVE at the end,
 * and the mean runs a side. Not a test: run {@code aiopt-junit/scripts/tail-test-simulation.sh looks [trials]}.
 */
public final class SequentialGateSimulation {
    private static final double[][] EFFECTS = {{1, 1}, {0.97, 1}, {0.95, 1}, {1, 1.10}, {1, 1.20}};
    private static final String[] NAMES = {"A/A", "ops-3%", "ops-5%", "p99+10%", "p99+20%"};

    private SequentialGateSimulation() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf(Locale.ROOT, "Gate defaults (limits 0.97 / 1.05, confidence 0.99), 10 runs a look, %d trials a"
                + " cell. Cells: %% FAILED / %% INCONCLUSIVE at the end (mean runs a side)%n", trials);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s %-6s", "noise", "looks"));
        for (String name : NAMES) {
            header.append(String.format(Locale.ROOT, " %-24s", name));
        }
        System.out.println(header.toString().stripTrailing());
        for (NoiseModel noise : new NoiseModel[] {NoiseModel.fromCv("quiet", 0.027, 0.077, -0.5),
                NoiseModel.fromCv("pipelining-off", 0.031, 0.15, -0.8)}) {
            for (int looks : new int[] {1, 3}) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s %-6d", noise.name(), looks));
                for (double[] effect : EFFECTS) {
                    line.append(String.format(Locale.ROOT, " %-24s", cell(noise, looks, effect, trials)));
                }
                System.out.println(line.toString().stripTrailing());
            }
        }
    }

    /** The same steps as {@link SequentialGate#look}, through the bootstrap-sparing {@link RegressionGate#fails}. */
    static String cell(NoiseModel noise, int looks, double[] effect, int trials) {
        SequentialGate gate = new SequentialGate(GateSettings.defaults(), 10 * looks);
        GateSettings perLook = gate.perLook();
        double alpha = 1 - perLook.confidence();
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(77L);
        int fails = 0;
        int inconclusive = 0;
        long runs = 0;
        for (int trial = 0; trial < trials; trial++) {
            NoiseModel.Runs all = noise.simulate(random, 10 * looks, effect[0], effect[1]);
            for (int n = 10; n <= 10 * looks; n += 10) {
                double[] ct = Arrays.copyOf(all.candidateThroughput(), n);
                double[] rt = Arrays.copyOf(all.referenceThroughput(), n);
                double[] cp = Arrays.copyOf(all.candidateP99(), n);
                double[] rp = Arrays.copyOf(all.referenceP99(), n);
                if (RegressionGate.fails(ct, rt, cp, rp, perLook)) {
                    fails++;
                    runs += n;
                    break;
                }
                boolean undecided = DetectableRegression.of(Samples.of(cp, rp), Direction.LOWER_IS_BETTER,
                        perLook.maxP99Ratio(), alpha, DetectableRegression.DEFAULT_POWER).inconclusive()
                        || DetectableRegression.of(Samples.of(ct, rt), Direction.HIGHER_IS_BETTER,
                                perLook.minThroughputRatio(), alpha, DetectableRegression.DEFAULT_POWER).inconclusive();
                if (!undecided || n == 10 * looks) {
                    inconclusive += undecided ? 1 : 0;
                    runs += n;
                    break;
                }
            }
        }
        return String.format(Locale.ROOT, "%.2f%% / %.0f%% (%.1f)", 100.0 * fails / trials, 100.0 * inconclusive / trials,
                (double) runs / trials);
    }
}
