package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.judge.CausalEvidence;
import dev.aiopt.junit.internal.judge.Judgement;
import dev.aiopt.junit.internal.judge.Levels;
import dev.aiopt.junit.internal.judge.Verdict;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.Direction;
import org.junit.jupiter.api.Test;

/** The configured caps and guardrails reach the judge the score stage uses. */
class FitnessSettingsTest {
    // g2-c1 of issue 11: throughput x0.767 WORSE, p99 x0.245 BETTER, against the baseline.
    private static final Comparison SLOWER = new Comparison(0.767, 0.721, 0.939, 0.95, 0.008, Decision.WORSE,
            Direction.HIGHER_IS_BETTER, 5, 5);
    private static final Comparison SHORTER_P99 = new Comparison(0.245, 0.2, 0.3, 0.95, 0.008, Decision.BETTER,
            Direction.LOWER_IS_BETTER, 5, 5);

    private static Judgement g2c1(Fitness fitness) {
        return fitness.judge().judge(Levels.BASELINE, SLOWER, SHORTER_P99, CausalEvidence.unknown("not profiled"));
    }

    @Test
    void aThroughputGuardrailMakesTheTradeOffRegressed() {
        Judgement j = g2c1(Fitness.defaults().withGuardrails(0.05, Double.NaN));

        assertThat(j.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(j.fitness()).isCloseTo(0.3 * 0.767 + 0.2, within(1e-9));
    }

    @Test
    void withoutGuardrailsTheLatencyCapBoundsTheGain() {
        Judgement defaults = g2c1(Fitness.defaults());
        Judgement tighter = g2c1(Fitness.defaults().withCaps(4, 1.5));

        assertThat(defaults.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(defaults.fitness()).isLessThan(0.3 * 0.767 + 0.2 * 2);
        assertThat(tighter.fitness()).isLessThan(defaults.fitness()).isLessThan(0.3 * 0.767 + 0.2 * 1.5);
    }

    @Test
    void aCapAtOrBelowOneIsRefusedWithTheJudgesMessage() {
        assertThatThrownBy(() -> Fitness.defaults().withCaps(1.0, 2.0))
                .hasMessageContaining("a fitness cap must be a finite ratio above 1");
        assertThatThrownBy(() -> Fitness.defaults().withGuardrails(1.5, Double.NaN))
                .hasMessageContaining("maxThroughputLoss is a fraction in [0, 1)");
    }
}
