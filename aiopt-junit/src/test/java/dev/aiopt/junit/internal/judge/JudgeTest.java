package dev.aiopt.junit.internal.judge;

import static dev.aiopt.junit.internal.judge.Comparisons.p99;
import static dev.aiopt.junit.internal.judge.Comparisons.throughput;
import static dev.aiopt.junit.internal.stats.Decision.BETTER;
import static dev.aiopt.junit.internal.stats.Decision.NO_DIFFERENCE;
import static dev.aiopt.junit.internal.stats.Decision.WORSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.judge.CausalEvidence.Reading;
import dev.aiopt.junit.internal.stats.Comparison;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JudgeTest {
    private static final Judge PLAIN = Judge.defaults();
    private static final Guardrails TP5 = Guardrails.none().withMaxThroughputLoss(0.05);
    private static final Guardrails P99_20 = Guardrails.none().withMaxP99Increase(0.20);
    private static final CausalEvidence NONE = CausalEvidence.unknown("not profiled");
    private static final Levels BASE = Levels.BASELINE;

    // The capped p99 credit of the g2-c1: goodness 1/0.245 under the default cap 2 (knee 1.5).
    private static final double G2C1_LATENCY = 1.5 + 0.5 * (1 / 0.245 - 1.5) / (0.5 + 1 / 0.245 - 1.5);

    static Stream<Arguments> table() {
        return Stream.of(
                row("nothing decided: the parent's fitness exactly", PLAIN, BASE,
                        throughput(1.04, NO_DIFFERENCE), p99(0.9, NO_DIFFERENCE), NONE, Verdict.NO_CHANGE, 0.5),
                row("throughput better, p99's point estimate x0.229 ignored", PLAIN, BASE,
                        throughput(1.2, BETTER), p99(0.229, NO_DIFFERENCE), NONE, Verdict.IMPROVED, 0.36 + 0.2),
                row("issue g1-c3: p99 x0.229 NO_DIFFERENCE contributes nothing", PLAIN, BASE,
                        throughput(1.35, NO_DIFFERENCE), p99(0.229, NO_DIFFERENCE), NONE, Verdict.NO_CHANGE, 0.5),
                row("issue: throughput 0.97 WORSE, p99 0.90 undecided scores below the parent", PLAIN, BASE,
                        throughput(0.97, WORSE), p99(0.90, NO_DIFFERENCE), NONE, Verdict.REGRESSED, 0.291 + 0.2),
                row("issue g2-c1 without a guardrail: bounded", PLAIN, BASE,
                        throughput(0.767, WORSE), p99(0.245, BETTER), NONE, Verdict.IMPROVED,
                        0.3 * 0.767 + 0.2 * G2C1_LATENCY),
                row("issue g2-c1 past a 5% throughput guardrail: REGRESSED, p99 gain forfeited",
                        judge(Fitness.defaults(), TP5), BASE, throughput(0.767, WORSE), p99(0.245, BETTER), NONE,
                        Verdict.REGRESSED, 0.3 * 0.767 + 0.2),
                row("a p99 guardrail does not fire on a p99 gain", judge(Fitness.defaults(), P99_20), BASE,
                        throughput(0.767, WORSE), p99(0.245, BETTER), NONE, Verdict.IMPROVED,
                        0.3 * 0.767 + 0.2 * G2C1_LATENCY),
                row("p99 x1.3 past a 20% guardrail: throughput gain forfeited", judge(Fitness.defaults(), P99_20), BASE,
                        throughput(1.5, BETTER), p99(1.3, WORSE), NONE, Verdict.REGRESSED, 0.3 + 0.2 / 1.3),
                row("the same trade-off without a guardrail is settled by fitness: up", PLAIN, BASE,
                        throughput(1.5, BETTER), p99(1.3, WORSE), NONE, Verdict.IMPROVED, 0.45 + 0.2 / 1.3),
                row("a trade-off settled by fitness: down", PLAIN, BASE,
                        throughput(1.05, BETTER), p99(1.5, WORSE), NONE, Verdict.REGRESSED, 0.315 + 0.2 / 1.5),
                row("throughput x10 is capped (limit 4, knee 2.5)", PLAIN, BASE,
                        throughput(10, BETTER), p99(1.0, NO_DIFFERENCE), NONE, Verdict.IMPROVED,
                        0.3 * (2.5 + 1.5 * 7.5 / 9.0) + 0.2),
                row("tight caps 1.2 bound both terms", judge(Fitness.defaults().withCaps(new Cap(1.2), new Cap(1.2)),
                        Guardrails.none()), BASE, throughput(1.5, BETTER), p99(0.5, BETTER), NONE, Verdict.IMPROVED,
                        0.3 * (1.1 + 0.1 * 0.4 / 0.5) + 0.2 * (1.1 + 0.1 * 0.9 / 1.0)),
                row("causal reduction beyond noise earns the level against the baseline", PLAIN, BASE,
                        throughput(1.0, NO_DIFFERENCE), p99(1.0, NO_DIFFERENCE),
                        causal(0.4, 0.4, 0.01, 0.1, 0.01), Verdict.IMPROVED, 0.5 + 0.3 * 0.75),
                row("causal reduction inside the profile's noise earns nothing", PLAIN, BASE,
                        throughput(1.0, NO_DIFFERENCE), p99(1.0, NO_DIFFERENCE),
                        causal(0.4, 0.4, 0.05, 0.35, 0.05), Verdict.NO_CHANGE, 0.5),
                row("causal growth beyond noise loses level", PLAIN, new Levels(1, 1, 0.5),
                        throughput(1.0, NO_DIFFERENCE), p99(1.0, NO_DIFFERENCE),
                        causal(0.4, 0.2, 0.01, 0.35, 0.01), Verdict.REGRESSED, 0.5 + 0.3 * 0.125),
                row("a BETTER reading below an inherited level keeps the inherited one", PLAIN, new Levels(1, 1, 0.8),
                        throughput(1.0, NO_DIFFERENCE), p99(1.0, NO_DIFFERENCE),
                        causal(0.4, 0.3, 0.005, 0.2, 0.005), Verdict.NO_CHANGE, 0.5 + 0.3 * 0.8),
                row("issue: child 1.4x of a realized parent keeps the parent's causal credit", PLAIN,
                        new Levels(1.3, 0.5, 1.0), throughput(1.4 / 1.3, BETTER), p99(1.0, NO_DIFFERENCE),
                        CausalEvidence.unknown("line gone"), Verdict.IMPROVED, 0.42 + 0.2 * 1.75 + 0.3),
                row("creeping loss: x0.97 of a x0.97 parent breaches a 5% guardrail against the baseline",
                        judge(Fitness.defaults(), TP5), new Levels(0.97, 1, 0), throughput(0.97, WORSE),
                        p99(0.8, BETTER), NONE, Verdict.REGRESSED, 0.3 * 0.97 * 0.97 + 0.2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void judgesEachRowOfTheTable(String name, Judge judge, Levels parent, Comparison tp, Comparison p99,
            CausalEvidence causal, Verdict verdict, double fitness) {
        Judgement j = judge.judge(parent, tp, p99, causal);
        assertThat(j.verdict()).as(j.explanation()).isEqualTo(verdict);
        assertThat(j.fitness()).as(j.explanation()).isCloseTo(fitness, within(1e-9));
        assertThat(j.parentFitness()).isEqualTo(judge.fitness().score(parent));
    }

    @Test
    void theG2C1BreachSaysWhichGuardrailAndScoresBelowTheParent() {
        Judgement j = judge(Fitness.defaults(), TP5).judge(BASE, throughput(0.767, WORSE), p99(0.245, BETTER), NONE);
        assertThat(j.breach()).hasValueSatisfying(b -> assertThat(b).contains("throughput x0.767", "x0.950"));
        assertThat(j.fitness()).isLessThan(j.parentFitness());
        assertThat(j.levels().p99()).isEqualTo(1.0);
        assertThat(j.explanation()).contains("guardrail breached, gains forfeited");
    }

    @Test
    void aJudgementIsWrittenAsJsonWithTheParentsFitness() throws Exception {
        Judgement j = judge(Fitness.defaults(), TP5).judge(BASE, throughput(0.767, WORSE), p99(0.245, BETTER), NONE);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(j);
        assertThat(json).contains("\"verdict\":\"REGRESSED\"", "\"parentFitness\":0.5", "\"throughput\":\"WORSE\"",
                "\"levels\":{\"throughput\":0.767,\"p99\":1.0,\"causal\":0.0}", "\"breach\":\"throughput x0.767");
        Judgement plain = PLAIN.judge(BASE, throughput(1.2, BETTER), p99(1.0, NO_DIFFERENCE), NONE);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(plain)).doesNotContain("breach");
    }

    @Test
    void judgementsThatContradictTheirFitnessCannotBeBuilt() {
        assertThatThrownBy(() -> new Judgement(Verdict.IMPROVED, BASE, 0.49, 0.5, BETTER, WORSE, NO_DIFFERENCE,
                java.util.Optional.empty(), "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contradicts");
        assertThatThrownBy(() -> new Judgement(Verdict.NO_CHANGE, BASE, 0.5, 0.5, NO_DIFFERENCE, NO_DIFFERENCE,
                NO_DIFFERENCE, java.util.Optional.of("throughput"), "x")).hasMessageContaining("breach");
    }

    @Test
    void aComparisonWhoseRatioContradictsItsDecisionIsRefused() {
        assertThatThrownBy(() -> PLAIN.judge(BASE, throughput(0.9, BETTER), p99(1.0, NO_DIFFERENCE), NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("throughput level moved down");
        assertThatThrownBy(() -> PLAIN.judge(BASE, p99(0.9, BETTER), p99(1.0, NO_DIFFERENCE), NONE))
                .hasMessageContaining("higher-is-better");
    }

    static Judge judge(Fitness fitness, Guardrails guardrails) {
        return new Judge(fitness, guardrails, 0.95);
    }

    static CausalEvidence causal(double p0, double parent, double parentNoise, double child, double childNoise) {
        return CausalEvidence.measured(p0, new Reading(parent, parentNoise), new Reading(child, childNoise), "test");
    }

    private static Arguments row(String name, Judge judge, Levels parent, Comparison tp, Comparison p99,
            CausalEvidence causal, Verdict verdict, double fitness) {
        return Arguments.of(name, judge, parent, tp, p99, causal, verdict, fitness);
    }
}
