package dev.aiopt.junit.internal.judge;

import static dev.aiopt.junit.internal.stats.Decision.BETTER;
import static dev.aiopt.junit.internal.stats.Decision.NO_DIFFERENCE;
import static dev.aiopt.junit.internal.stats.Decision.WORSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.judge.CausalEvidence.Reading;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of throughput and p99 decisions, causal evidence (beyond noise either way, inside noise,
 * unknown), guardrails (none, throughput, p99, both), caps (default, tight) and parent (baseline, advanced), checked
 * against the rules stated independently of the implementation.
 */
class JudgeCombinationsTest {

    enum CausalCase { REDUCED, GREW, INSIDE_NOISE, UNKNOWN }

    enum Guard { NONE, THROUGHPUT, P99, BOTH }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Decision tp : Decision.values()) {
            for (Decision p99 : Decision.values()) {
                for (CausalCase causal : CausalCase.values()) {
                    for (Guard guard : Guard.values()) {
                        for (boolean tight : new boolean[] {false, true}) {
                            for (boolean advanced : new boolean[] {false, true}) {
                                all.add(Arguments.of(tp, p99, causal, guard, tight, advanced));
                            }
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "throughput {0}, p99 {1}, causal {2}, guardrails {3}, tight caps {4}, advanced parent {5}")
    @MethodSource("combinations")
    void obeysTheRules(Decision tpDecision, Decision p99Decision, CausalCase causalCase, Guard guard, boolean tight,
            boolean advanced) {
        Cap tCap = tight ? new Cap(1.1) : Cap.THROUGHPUT_DEFAULT;
        Cap lCap = tight ? new Cap(1.1) : Cap.LATENCY_DEFAULT;
        Fitness fitness = Fitness.defaults().withCaps(tCap, lCap);
        Guardrails guardrails = switch (guard) {
            case NONE -> Guardrails.none();
            case THROUGHPUT -> Guardrails.none().withMaxThroughputLoss(0.1);
            case P99 -> Guardrails.none().withMaxP99Increase(0.2);
            case BOTH -> Guardrails.none().withMaxThroughputLoss(0.1).withMaxP99Increase(0.2);
        };
        Levels parent = advanced ? new Levels(1.6, 0.6, 0.4) : Levels.BASELINE;
        // Point estimates are far from 1 on every axis, also where the decision is NO_DIFFERENCE: they must not count.
        Comparison tp = Comparisons.throughput(tpDecision == WORSE ? 0.8 : 1.3, tpDecision);
        Comparison p99 = Comparisons.p99(p99Decision == WORSE ? 1.4 : 0.5, p99Decision);
        // Baseline prediction 0.4; a parent at level 0.4 predicts 0.24.
        double parentReading = advanced ? 0.24 : 0.4;
        CausalEvidence causal = switch (causalCase) {
            case REDUCED -> JudgeTest.causal(0.4, parentReading, 0.01, parentReading - 0.15, 0.01);
            case GREW -> JudgeTest.causal(0.4, parentReading, 0.01, parentReading + 0.15, 0.01);
            case INSIDE_NOISE -> JudgeTest.causal(0.4, parentReading, 0.05, parentReading - 0.1, 0.05);
            case UNKNOWN -> CausalEvidence.unknown("line gone");
        };

        Judgement j = new Judge(fitness, guardrails, 0.95).judge(parent, tp, p99, causal);

        Decision causalDecision = switch (causalCase) {
            case REDUCED -> BETTER;
            case GREW -> WORSE;
            default -> NO_DIFFERENCE;
        };
        assertThat(j.causal()).isEqualTo(causalDecision);
        boolean breach = tpDecision == WORSE && (guard == Guard.THROUGHPUT || guard == Guard.BOTH)
                || p99Decision == WORSE && (guard == Guard.P99 || guard == Guard.BOTH);
        assertThat(j.breach().isPresent()).as(j.explanation()).isEqualTo(breach);

        // Expected levels: NO_DIFFERENCE keeps the parent's; a breach gives up every gain.
        double t = tpDecision == NO_DIFFERENCE || breach && tpDecision == BETTER ? parent.throughput()
                : parent.throughput() * tp.ratio();
        double p = p99Decision == NO_DIFFERENCE || breach && p99Decision == BETTER ? parent.p99()
                : parent.p99() * p99.ratio();
        double c = switch (causalDecision) {
            case BETTER -> breach ? parent.causal() : Math.max(parent.causal(), (0.4 - (parentReading - 0.15)) / 0.4);
            case WORSE -> Math.min(parent.causal(), Math.max(0, (0.4 - (parentReading + 0.15)) / 0.4));
            case NO_DIFFERENCE -> parent.causal();
        };
        assertThat(j.levels().throughput()).isCloseTo(t, within(1e-12));
        assertThat(j.levels().p99()).isCloseTo(p, within(1e-12));
        assertThat(j.levels().causal()).isCloseTo(c, within(1e-12));
        double expected = 0.3 * tCap.apply(t) + 0.2 * lCap.apply(1 / p) + 0.3 * c;
        assertThat(j.fitness()).isCloseTo(expected, within(1e-12));
        assertThat(j.fitness()).isLessThanOrEqualTo(0.3 * tCap.limit() + 0.2 * lCap.limit() + 0.3);

        // The causal level saturates at 0 and 1: a decided reading that cannot move it (growth from level 0) counts
        // as no move; the ratio terms always move on a decision.
        boolean causalMoved = c != parent.causal();
        boolean anyBetter = tpDecision == BETTER || p99Decision == BETTER || causalDecision == BETTER && causalMoved;
        boolean anyWorse = tpDecision == WORSE || p99Decision == WORSE || causalDecision == WORSE && causalMoved;
        if (breach) {
            assertThat(j.verdict()).isEqualTo(Verdict.REGRESSED);
        } else if (anyBetter && !anyWorse) {
            assertThat(j.verdict()).isEqualTo(Verdict.IMPROVED);
        } else if (anyWorse && !anyBetter) {
            assertThat(j.verdict()).isEqualTo(Verdict.REGRESSED);
        } else if (!anyBetter) {
            assertThat(j.verdict()).isEqualTo(Verdict.NO_CHANGE);
            assertThat(j.fitness()).isEqualTo(j.parentFitness());
        }
        int sign = Double.compare(j.fitness(), j.parentFitness());
        assertThat(j.verdict()).isEqualTo(sign > 0 ? Verdict.IMPROVED : sign < 0 ? Verdict.REGRESSED : Verdict.NO_CHANGE);
    }
}
