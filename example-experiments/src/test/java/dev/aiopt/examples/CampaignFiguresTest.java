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
