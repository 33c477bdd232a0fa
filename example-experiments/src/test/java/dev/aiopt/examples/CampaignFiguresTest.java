package dev.aiopt.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The campaign's arithmetic and its slowed candidate, without running a campaign. */
class CampaignFiguresTest {

    @Test
    void clopperPearsonMatchesTheTabulatedExactIntervals() {
        // exact binomial 95% intervals: 0/3 -> [0, 0.7076], 1/40 -> [0.00063, 0.1316], 20/20 -> [0.8316, 1]
        assertThat(CampaignFigures.clopperPearson(0, 3)[1]).isCloseTo(0.7076, within(1e-4));
        assertThat(CampaignFigures.clopperPearson(1, 40)).containsExactly(new double[] {0.00063, 0.1316}, within(1e-4));
        assertThat(CampaignFigures.clopperPearson(20, 20)[0]).isCloseTo(0.8316, within(1e-4));
        assertThat(CampaignFigures.rate(1, 40)).isEqualTo("1/40 = 2.5% [0.1%, 13.2%]");
    }

    @Test
    void theNoiseSplitsIntoTheDriftAPairSharesAndThePerRunNoise() {
        // 40 A/A gates of 20 pairs: a shared state of sd 6% (AR(1) 0.5) and per-run noise of sd 3%.
        java.util.Random random = new java.util.Random(7);
        java.util.List<dev.aiopt.junit.internal.stats.GateVerdict> aa = new java.util.ArrayList<>();
        double stationary = 0.06 / Math.sqrt(CampaignFigures.withinShare(0.5, 20));
        for (int gate = 0; gate < 40; gate++) {
            double[] ct = new double[20];
            double[] rt = new double[20];
            double state = random.nextGaussian();
            for (int i = 0; i < 20; i++) {
                state = i == 0 ? state : 0.5 * state + Math.sqrt(0.75) * random.nextGaussian();
                ct[i] = 1e5 * Math.exp(stationary * state + 0.03 * random.nextGaussian());
                rt[i] = 1e5 * Math.exp(stationary * state + 0.03 * random.nextGaussian());
            }
            double[] cp = java.util.Arrays.stream(ct).map(v -> 2.5e6 / v).toArray();
            double[] rp = java.util.Arrays.stream(rt).map(v -> 2.5e6 / v).toArray();
            aa.add(dev.aiopt.junit.internal.stats.RegressionGate.evaluate(dev.aiopt.junit.internal.stats.GateRuns
                    .interleaved(dev.aiopt.junit.internal.stats.Samples.of(ct, rt), dev.aiopt.junit.internal.stats
                            .TailRuns.perRun(dev.aiopt.junit.internal.stats.Samples.of(cp, rp))),
                    dev.aiopt.junit.internal.stats.GateSettings.defaults().withRepeats(20)));
        }

        CampaignFigures.Noise noise = CampaignFigures.Noise.of(aa);

        assertThat(noise.throughputRunSigma()).isCloseTo(0.03, within(0.003));
        assertThat(noise.throughputSigma()).isCloseTo(Math.sqrt(0.06 * 0.06 + 0.03 * 0.03), within(0.008));
        assertThat(noise.persistence()).isBetween(0.35, 0.65);
        assertThat(noise.throughputSharedSigma()).isCloseTo(stationary, within(0.015));
        assertThat(noise.pairs()).isEqualTo(20);
        assertThat(noise.describe()).containsPattern("ops/sec CV [67]\\.\\d% \\(per run [23]\\.\\d%, shared by a pair [56]\\.\\d%\\)")
                .contains("over 20 pairs");
        // the paired gate under that noise: no false alarm in 100 A/A trials, a 10% drop caught in nearly all
        dev.aiopt.junit.internal.stats.GateSettings settings = dev.aiopt.junit.internal.stats.GateSettings.defaults();
        assertThat(CampaignFigures.simulatedFailures(noise, settings, 10, 1, 1, 100, 3)).isLessThanOrEqualTo(2);
        assertThat(CampaignFigures.simulatedFailures(noise, settings, 10, 1 / 1.1, 1.1, 100, 4)).isGreaterThan(90);
    }

    @Test
    void theSpinGoesInsideTheLockOfTheTreesWriteSlice() throws Exception {
        String tree = Files.readString(Path.of("src/test/cpp/writepath/writepath.cc"));

        String slice = GateCampaign.spinSlice(tree, 0.05);

        assertThat(slice).startsWith("Status DB::Write(").doesNotContain("EVOLVE-BLOCK");
        int lock = slice.indexOf("std::lock_guard<std::mutex> guard(mu_);");
        assertThat(lock).isNotNegative();
        assertThat(slice.indexOf("struct CampaignSpin")).isGreaterThan(lock);
        assertThat(slice).contains("every write takes 1.05 times as long", "(own * 0.05)");
    }
}
