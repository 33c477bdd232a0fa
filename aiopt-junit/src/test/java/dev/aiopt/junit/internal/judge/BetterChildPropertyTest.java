package dev.aiopt.junit.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.judge.CausalEvidence.Reading;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: a child at least as good as its parent on every axis (each axis better or undecided, the causal reading
 * at the carried baseline hotspot no higher) never scores below its parent, and scores strictly above it whenever
 * a ratio axis is decided better. Seeded random cases (5 000) over parents anywhere in level space, ratios from
 * barely to wildly better, every cap and guardrail setting, and causal readings with any noise.
 */
class BetterChildPropertyTest {

    @Test
    void aChildBetterOnEveryAxisNeverScoresBelowItsParent() {
        SplittableRandom random = new SplittableRandom(20261201L);
        for (int i = 0; i < 5_000; i++) {
            Fitness fitness = Fitness.defaults().withCaps(new Cap(1.05 + random.nextDouble(5)),
                    new Cap(1.05 + random.nextDouble(5)));
            Guardrails guardrails = random.nextBoolean() ? Guardrails.none()
                    : Guardrails.none().withMaxThroughputLoss(random.nextDouble(0.5))
                            .withMaxP99Increase(random.nextDouble(0.5));
            Judge judge = new Judge(fitness, guardrails, 0.5 + random.nextDouble(0.499));
            Levels parent = new Levels(Math.exp(random.nextDouble(-2, 3)), Math.exp(random.nextDouble(-3, 1)),
                    random.nextDouble());
            Decision tpDecision = random.nextBoolean() ? Decision.BETTER : Decision.NO_DIFFERENCE;
            Decision p99Decision = random.nextBoolean() ? Decision.BETTER : Decision.NO_DIFFERENCE;
            Comparison tp = Comparisons.throughput(1 + Math.exp(random.nextDouble(-9, 3)), tpDecision);
            Comparison p99 = Comparisons.p99(1 / (1 + Math.exp(random.nextDouble(-9, 3))), p99Decision);
            double p0 = random.nextDouble(0.01, 1);
            double parentReading = random.nextDouble(-0.2, 1);
            double childReading = parentReading - random.nextDouble(0.5);
            CausalEvidence causal = random.nextInt(4) == 0 ? CausalEvidence.unknown("line gone")
                    : CausalEvidence.measured(p0, new Reading(parentReading, random.nextDouble(0.1)),
                            new Reading(childReading, random.nextDouble(0.1)), "random case " + i);

            Judgement j = judge.judge(parent, tp, p99, causal);

            String why = "case " + i + ": " + j.explanation();
            assertThat(j.fitness()).as(why).isGreaterThanOrEqualTo(j.parentFitness());
            assertThat(j.verdict()).as(why).isNotEqualTo(Verdict.REGRESSED);
            if (tpDecision == Decision.BETTER || p99Decision == Decision.BETTER) {
                assertThat(j.verdict()).as(why).isEqualTo(Verdict.IMPROVED);
            }
        }
    }

    @Test
    void theIssuesCounterExampleHoldsUnderLevels() {
        // Parent: 1.3x throughput, p99 x0.5, the baseline hotspot fully realized. Child: 1.4x, its profile no longer
        // has that line (the old parent-relative realization scored it 0 and the child 0.82 < the parent's 1.09).
        Levels parent = new Levels(1.3, 0.5, 1.0);
        Judgement child = Judge.defaults().judge(parent, Comparisons.throughput(1.4 / 1.3, Decision.BETTER),
                Comparisons.p99(1.0, Decision.NO_DIFFERENCE), CausalEvidence.unknown("line gone"));
        assertThat(child.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(child.levels().causal()).isEqualTo(1.0);
        assertThat(child.fitness()).isGreaterThan(child.parentFitness());
    }
}
