package dev.aiopt.junit.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.judge.TrackAnswer.PairTest;
import dev.aiopt.junit.internal.judge.TrackAnswer.Question;
import dev.aiopt.junit.internal.stats.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/** Synthetic track results: replicate ratios drawn around each track's true improvement with realistic spread. */
class TrackAnswerTest {
    private static final List<String> TRACKS = List.of("baseline", "gpt5", "profiler", "gpt5_profiler");
    private static final Question SEEDS = Question.seeds();

    @Test
    void oneTrackTrulyBetterAtK8GetsAHolmSignificantRanking() {
        TrackAnswer answer = analyse(tracks(new Random(11), 8, 0.03, 1.05, 1.05, 1.25, 1.05), AnswerSource.LIVE_MODEL);

        assertThat(answer.tooSmall()).isFalse();
        assertThat(answer.pairs()).hasSize(6);
        assertThat(answer.ranking()).containsExactlyInAnyOrder("profiler > baseline", "profiler > gpt5",
                "profiler > gpt5_profiler");
        assertThat(answer.pairs().stream().filter(p -> !p.a().equals("profiler") && !p.b().equals("profiler")))
                .noneMatch(PairTest::significant);
        assertThat(answer.answer()).startsWith("Yes: causal vision (profiler) beats blind intelligence (gpt5)")
                .contains("Holm-adjusted").contains("Cliff's δ = +1.00 (large)");
        assertThat(answer.tracks().get(2).median()).isCloseTo(1.25, within(0.05));
        assertThat(answer.tracks().get(2).low()).isLessThan(answer.tracks().get(2).median());
        assertThat(answer.caveat()).isEmpty();
    }

    @Test
    void kFiveWithCompleteSeparationIsJustEnough() {
        List<TrackSample> samples = List.of(
                sample("baseline", 1.00, 1.01, 1.02, 1.03, 1.04),
                sample("gpt5", 1.005, 1.015, 1.025, 1.035, 1.045),
                sample("profiler", 1.20, 1.21, 1.22, 1.23, 1.24),
                sample("gpt5_profiler", 1.002, 1.012, 1.022, 1.032, 1.042));
        TrackAnswer answer = TrackAnswer.of("throughput", Direction.HIGHER_IS_BETTER, samples, SEEDS, 0.05, 1);
        assertThat(answer.smallestPValue()).isCloseTo(2.0 / 252, within(1e-12));
        assertThat(answer.tooSmall()).isFalse();
        assertThat(answer.ranking()).hasSize(3).allMatch(r -> r.startsWith("profiler > "));
    }

    @Test
    void noTrueDifferenceGivesNoRanking() {
        TrackAnswer answer = analyse(tracks(new Random(5), 8, 0.03, 1.1, 1.1, 1.1, 1.1), AnswerSource.LIVE_MODEL);
        assertThat(answer.ranking()).isEmpty();
        assertThat(answer.answer()).startsWith("Not shown: no significant difference on throughput between profiler "
                + "and gpt5").contains("only a shift of about");
        assertThat(answer.detectableShift()).isPresent();
    }

    @Test
    void holmKeepsTheFamilyWiseFalseAlarmRateAtAlpha() {
        Random random = new Random(99);
        int alarms = 0;
        int trials = 400;
        for (int t = 0; t < trials; t++) {
            TrackAnswer answer = analyse(tracks(random, 8, 0.03, 1.1, 1.1, 1.1, 1.1), AnswerSource.LIVE_MODEL);
            alarms += answer.ranking().isEmpty() ? 0 : 1;
        }
        // Family-wise rate at most 5%; 400 trials put the 99% upper bound of a true 5% rate near 8%.
        assertThat(alarms / (double) trials).isLessThan(0.08);
    }

    @Test
    void kThreeIsTooSmallToRankEvenWithCompleteSeparation() {
        List<TrackSample> samples = List.of(
                sample("baseline", 1.00, 1.01, 1.02), sample("gpt5", 1.03, 1.04, 1.05),
                sample("profiler", 1.50, 1.60, 1.70), sample("gpt5_profiler", 1.06, 1.07, 1.08));
        // The library's exact test agrees: 3 against 3 cannot go below p = 0.10.
        assertThat(MannWhitneyUTest.withDefaults().test(new double[] {1.5, 1.6, 1.7}, new double[] {1.0, 1.01, 1.02})
                .getPValue()).isCloseTo(0.1, within(1e-12));

        TrackAnswer answer = TrackAnswer.of("throughput", Direction.HIGHER_IS_BETTER, samples, SEEDS, 0.05, 1);

        assertThat(answer.tooSmall()).isTrue();
        assertThat(answer.smallestPValue()).isCloseTo(0.1, within(1e-12));
        assertThat(answer.ranking()).isEmpty();
        assertThat(answer.detectableShift()).isEmpty();
        assertThat(answer.answer()).isEqualTo("K = 3 replicates per track is too small to say whether causal vision "
                + "(profiler) beats blind intelligence (gpt5): with 3 against 3 the Mann-Whitney p-value cannot go below "
                + "0.100, and Holm over 6 pairs needs 0.0083; run at least K = 5.");
        assertThat(TrackAnswer.smallestRankableK(4, 0.05)).isEqualTo(5);
        assertThat(TrackAnswer.smallestRankableK(2, 0.05)).isEqualTo(4);
    }

    @Test
    void lowerIsBetterTurnsTheDeltaAround() {
        TrackAnswer answer = TrackAnswer.of("p99", Direction.LOWER_IS_BETTER,
                tracks(new Random(2), 8, 0.03, 1.0, 1.0, 0.6, 1.0), SEEDS, 0.05, 1);
        assertThat(answer.ranking()).contains("profiler > gpt5");
        assertThat(answer.answer()).startsWith("Yes: ").contains("Cliff's δ = +1.00");
    }

    @Test
    void offlineReplayMeasuresOnlyNoiseAndSaysSo() {
        TrackAnswer answer = analyse(tracks(new Random(11), 8, 0.03, 1.05, 1.05, 1.25, 1.05),
                AnswerSource.OFFLINE_REPLAY);
        assertThat(answer.answer()).startsWith("This comparison cannot say whether causal vision (profiler)")
                .contains("benchmark noise");
        assertThat(answer.caveat()).hasValueSatisfying(c -> assertThat(c).contains("gpt5 offline replay")
                .contains("measures only benchmark noise"));
    }

    @Test
    void offlineReplayAtTooSmallAKSaysBoth() {
        TrackAnswer answer = analyse(tracks(new Random(11), 3, 0.03, 1.05, 1.05, 1.25, 1.05),
                AnswerSource.OFFLINE_REPLAY);
        assertThat(answer.tooSmall()).isTrue();
        assertThat(answer.answer()).startsWith("This comparison cannot say whether causal vision (profiler)")
                .contains("benchmark noise. Also, K = 3 replicates per track is too small to say whether causal vision")
                .contains("cannot go below 0.100");
    }

    @Test
    void offlineReplayAtALargeEnoughKDoesNotClaimKIsTooSmall() {
        TrackAnswer answer = analyse(tracks(new Random(11), 8, 0.03, 1.05, 1.05, 1.25, 1.05),
                AnswerSource.OFFLINE_REPLAY);
        assertThat(answer.answer()).doesNotContain("too small");
    }

    @Test
    void theDetectableShiftShrinksWithKAndGrowsWithSpread() {
        double k8 = RankStatistics.detectableShift(0.03, 8, 0.05 / 6, 0.8);
        double k16 = RankStatistics.detectableShift(0.03, 16, 0.05 / 6, 0.8);
        assertThat(k16).isCloseTo(k8 / Math.sqrt(2), within(1e-12));
        assertThat(RankStatistics.detectableShift(0.06, 8, 0.05 / 6, 0.8)).isCloseTo(2 * k8, within(1e-12));
        // (z(1 - 0.05/12) + z(0.8)) * 0.03 * sqrt(2/8) / sqrt(3/pi) = (2.6383 + 0.8416) * 0.015 / 0.97721
        assertThat(k8).isCloseTo((2.638257 + 0.841621) * 0.015 / Math.sqrt(3 / Math.PI), within(1e-5));
    }

    @Test
    void identicalReplicatesEverywhereAreNoEvidence() {
        TrackAnswer answer = analyse(List.of(sample("profiler", 1, 1, 1, 1, 1), sample("gpt5", 1, 1, 1, 1, 1)),
                AnswerSource.LIVE_MODEL);
        assertThat(answer.pairs().get(0).pValue()).isEqualTo(1.0);
        assertThat(answer.pairs().get(0).cliffsDelta()).isEqualTo(0.0);
        assertThat(answer.answer()).startsWith("Not shown: no significant difference");
    }

    @Test
    void holmAdjustsStepDown() {
        double[] adjusted = RankStatistics.holm(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void refusesAmbiguousInput() {
        assertThatThrownBy(() -> TrackAnswer.of("throughput", Direction.HIGHER_IS_BETTER,
                List.of(sample("gpt5", 1.0), sample("gpt5", 1.1)), SEEDS, 0.05, 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> sample("gpt5", 1.0, Double.NaN)).hasMessageContaining("replicate 2 of track gpt5");
    }

    private static TrackAnswer analyse(List<TrackSample> samples, AnswerSource source) {
        List<TrackSample> withSource = samples.stream().map(s -> new TrackSample(s.track(), source, s.replicates()))
                .toList();
        return TrackAnswer.of("throughput", Direction.HIGHER_IS_BETTER, withSource, SEEDS, 0.05, 1);
    }

    /** Replicates around each track's true improvement, in {@link #TRACKS} order, with relative spread {@code cv}. */
    private static List<TrackSample> tracks(Random random, int k, double cv, double... truth) {
        List<TrackSample> out = new ArrayList<>();
        for (int t = 0; t < TRACKS.size(); t++) {
            List<Double> replicates = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                replicates.add(truth[t] * (1 + cv * random.nextGaussian()));
            }
            out.add(new TrackSample(TRACKS.get(t), AnswerSource.LIVE_MODEL, replicates));
        }
        return out;
    }

    private static TrackSample sample(String track, double... replicates) {
        return new TrackSample(track, AnswerSource.LIVE_MODEL, java.util.Arrays.stream(replicates).boxed().toList());
    }
}
