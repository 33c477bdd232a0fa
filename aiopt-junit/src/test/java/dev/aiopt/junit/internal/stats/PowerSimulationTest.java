package dev.aiopt.junit.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated power of the candidate decision, against what the noise and the plan imply. */
class PowerSimulationTest {

    private static double[] runs(double cv, int n, long seed) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = 1e6 * Math.exp(cv * random.nextGaussian());
        }
        return out;
    }

    @Test
    void powerGrowsWithRepeatsAndFallsWithNoise() {
        double[] steady = runs(0.03, 12, 1);
        double[] noisy = runs(0.10, 12, 1);
        ComparisonSettings overall = ComparisonSettings.defaults();
        double few = PowerSimulation.of(steady, 0.05, new SequentialPlan(3, 3, 9), overall, 400, 1).power();
        double many = PowerSimulation.of(steady, 0.05, new SequentialPlan(10, 10, 30), overall, 400, 1).power();
        double noisyMany = PowerSimulation.of(noisy, 0.05, new SequentialPlan(10, 10, 30), overall, 400, 1).power();

        assertThat(many).isGreaterThan(few).isGreaterThan(0.9);
        assertThat(noisyMany).isLessThan(many).isLessThan(0.8);
    }

    @Test
    void withoutASlowdownItDetectsAboutAsOftenAsTheFalseAlarmRate() {
        // A 0.1% "slowdown" is below the 1% minimum effect: any WORSE is a false alarm, at most alpha.
        PowerSimulation.Estimate e = PowerSimulation.of(runs(0.05, 12, 2), 0.001, new SequentialPlan(5, 5, 15),
                ComparisonSettings.defaults(), 1000, 3);
        assertThat(e.power()).isLessThan(0.05);
        assertThat(e.meanRunsPerSide()).as("undecided trials go to the cap").isGreaterThan(14);
    }

    @Test
    void aMassiveSlowdownIsDecidedAtTheSecondLookWhenTheFirstCannotReachSignificance() {
        // Three a side cannot reach p <= 0.05 / 3 (the smallest exact p is 0.1); six can.
        PowerSimulation.Estimate e = PowerSimulation.of(runs(0.01, 8, 4), 0.5, new SequentialPlan(3, 3, 9),
                ComparisonSettings.defaults(), 200, 5);
        assertThat(e.power()).isEqualTo(1.0);
        assertThat(e.meanRunsPerSide()).isEqualTo(6.0);
    }

    @Test
    void itMatchesTheDecisionOnFreshDrawsOfTheSameNoise() {
        // The simulation resamples 4000 measured runs (so that their spread is the noise's); the truth draws every
        // trial's runs afresh from the noise itself.
        SequentialPlan plan = new SequentialPlan(6, 6, 18);
        ComparisonSettings overall = ComparisonSettings.defaults();
        double simulated = PowerSimulation.of(runs(0.04, 4000, 6), 0.05, plan, overall, 1000, 7).power();
        ComparisonSettings perLook = plan.perLook(new ComparisonSettings(0.95, 0.01, 200, 7));
        Random random = new Random(8);
        int detected = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            double[] candidate = runs(0.04, 18, random.nextLong());
            double[] reference = runs(0.04, 18, random.nextLong());
            for (int i = 0; i < 18; i++) {
                candidate[i] *= 0.95;
            }
            for (int n = 6; n <= 18; n += 6) {
                Decision d = plan.compare(Samples.of(java.util.Arrays.copyOf(candidate, n),
                        java.util.Arrays.copyOf(reference, n)), Direction.HIGHER_IS_BETTER, overall.withSeed(7))
                        .decision();
                if (d != Decision.NO_DIFFERENCE) {
                    detected += d == Decision.WORSE ? 1 : 0;
                    break;
                }
            }
        }
        double truth = (double) detected / trials;
        assertThat(simulated).as("simulated %s against %s on fresh draws", simulated, truth)
                .isCloseTo(truth, org.assertj.core.data.Offset.offset(0.08));
        assertThat(truth).as("a case where power is neither 0 nor 1").isBetween(0.3, 0.95);
    }

    /** Runs under drift: each pair shares a level (sd {@code drift}), and each run adds its own noise. */
    private record Drift(double drift, double own) {
        double[][] pairs(int n, Random random, double slowdown) {
            double[] candidate = new double[n];
            double[] reference = new double[n];
            for (int i = 0; i < n; i++) {
                double level = drift * random.nextGaussian();
                reference[i] = 1e6 * Math.exp(level + own * random.nextGaussian());
                candidate[i] = 1e6 * Math.exp(level + own * random.nextGaussian()) * (1 - slowdown);
            }
            return new double[][] {candidate, reference};
        }

        /** A calibration's A/A pairs: the runs, two a pair, and each pair's log ratio. */
        double[][] aa(int pairs, long seed) {
            double[][] p = pairs(pairs, new Random(seed), 0);
            double[] runs = new double[2 * pairs];
            double[] logRatios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                runs[2 * i] = p[1][i];
                runs[2 * i + 1] = p[0][i];
                logRatios[i] = Math.log(p[0][i] / p[1][i]);
            }
            return new double[][] {runs, logRatios};
        }
    }

    @Test
    void underDriftThePairedSimulationMatchesTheDecisionOnFreshPairsWhereTheUnpairedOneUnderstatesIt() {
        // 8% drift shared by a pair, 4.5% of each run's own: the runs' spread says 5% is hard to see, the pairs say not.
        Drift noise = new Drift(0.08, 0.045);
        SequentialPlan plan = new SequentialPlan(6, 6, 18);
        ComparisonSettings overall = ComparisonSettings.defaults();
        double[][] aa = noise.aa(2000, 9);
        double paired = PowerSimulation.paired(aa[0], aa[1], 0.05, plan, overall, 1000, 7).power();
        double unpaired = PowerSimulation.of(aa[0], 0.05, plan, overall, 1000, 7).power();
        Random random = new Random(10);
        int detected = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            double[][] fresh = noise.pairs(18, random, 0.05);
            for (int n = 6; n <= 18; n += 6) {
                Decision d = plan.compare(Samples.of(java.util.Arrays.copyOf(fresh[0], n),
                        java.util.Arrays.copyOf(fresh[1], n)), Direction.HIGHER_IS_BETTER, overall.withSeed(7))
                        .decision();
                if (d != Decision.NO_DIFFERENCE) {
                    detected += d == Decision.WORSE ? 1 : 0;
                    break;
                }
            }
        }
        double truth = (double) detected / trials;
        assertThat(paired).as("paired simulation %s against %s on fresh pairs", paired, truth)
                .isCloseTo(truth, org.assertj.core.data.Offset.offset(0.08));
        assertThat(truth).as("a case where power is neither 0 nor 1").isBetween(0.5, 0.97);
        assertThat(unpaired).as("the runs' spread alone, pairs sharing nothing").isLessThan(truth - 0.3);
    }

    @Test
    void refusesTooFewRunsAndEffectsOutsideZeroToOne() {
        ComparisonSettings s = ComparisonSettings.defaults();
        assertThatThrownBy(() -> PowerSimulation.of(new double[] {1, 2}, 0.05, SequentialPlan.defaults(), s, 10, 1))
                .hasMessageContaining("at least 3 positive runs");
        assertThatThrownBy(() -> PowerSimulation.of(new double[] {1, 2, 3}, 1.5, SequentialPlan.defaults(), s, 10, 1))
                .hasMessageContaining("fraction in (0, 1)");
        assertThatThrownBy(() -> PowerSimulation.paired(new double[] {1, 2, 3}, new double[] {0.1, Double.NaN, 0},
                0.05, SequentialPlan.defaults(), s, 10, 1)).hasMessageContaining("at least 3 finite A/A log ratios");
    }
}
