package dev.aiopt.junit.internal.judge;

import dev.aiopt.junit.internal.stats.Direction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The four-track answer for one metric, from K replicates a track: each track's median improvement with a
 * percentile-bootstrap interval over its replicates; a two-sided Mann-Whitney U test between every pair of tracks,
 * Holm-adjusted over all pairs (six for four tracks); Cliff's delta of each pair; the smallest shift detectable at
 * this K from the measured spread; and one sentence answering "does causal vision beat blind intelligence?".
 *
 * <p>"K too small to rank": when even complete separation of two tracks, the exact test's smallest p-value
 * {@code 2 / C(2K, K)}, times the number of pairs (Holm's strictest step) exceeds alpha, no ranking is possible at
 * any effect size, and the answer says so instead of ranking (3 against 3: p cannot go below 0.100).
 *
 * @param metric what was compared, e.g. {@code throughput}
 * @param direction whether a higher ratio is better
 * @param alpha the family-wise significance level of the ranking
 * @param tracks per-track medians, in the order given
 * @param pairs every pair of tracks, first track of the pair earlier in the order given
 * @param smallestPValue the smallest two-sided p-value the exact test can reach at these sample sizes
 * @param tooSmall whether no pair could be significant after Holm at any effect size
 * @param detectableShift the smallest shift of the replicate distribution (in ratio units) detectable with 80% power
 *     at Holm's strictest level, from the pooled replicate spread; empty when too small or without spread
 * @param answer the sentence answering the question
 * @param caveat what the answer sources allow the comparison to mean, empty when every track asked a live model
 *
 * <p>Public because it is used by {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record TrackAnswer(String metric, Direction direction, double alpha, List<TrackMedian> tracks,
        List<PairTest> pairs, double smallestPValue, boolean tooSmall, OptionalDouble detectableShift, String answer,
        Optional<String> caveat) {

    /** Power at which {@link #detectableShift()} is computed. */
    public static final double POWER = 0.8;
    private static final int RESAMPLES = 2000;

    /**
     * One track's median improvement over its replicates.
     *
     * @param track the track
     * @param source where its answers came from
     * @param replicates K
     * @param median median ratio to the baseline
     * @param low lower bound of the bootstrap interval (equal to the median for K = 1)
     * @param high upper bound
     */
    public record TrackMedian(String track, AnswerSource source, int replicates, double median, double low,
            double high) {
    }

    /**
     * One pair of tracks.
     *
     * @param a the first track
     * @param b the second track
     * @param pValue two-sided Mann-Whitney U p-value (exact without ties)
     * @param holmP the Holm-adjusted p-value over all pairs
     * @param cliffsDelta P(a better) − P(b better) over all replicate pairs, in [−1, 1]
     * @param significant whether {@code holmP <= alpha} (never when K is too small)
     */
    public record PairTest(String a, String b, double pValue, double holmP, double cliffsDelta, boolean significant) {

        /** Romano et al. (2006) magnitude of the delta. */
        public String magnitude() {
            return RankStatistics.magnitude(cliffsDelta);
        }
    }

    /**
     * The question's two sides.
     *
     * @param causalVision the track with the causal profile in its prompt, e.g. {@code profiler}
     * @param blindIntelligence the track with the stronger model and no profile, e.g. {@code gpt5}
     */
    public record Question(String causalVision, String blindIntelligence) {
        /** The seeds' question: the local model with the causal profile against GPT-5 without it. */
        public static Question seeds() {
            return new Question("profiler", "gpt5");
        }
    }

    public TrackAnswer {
        tracks = List.copyOf(tracks);
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(caveat, "caveat");
    }

    /**
     * Analyses one metric.
     *
     * @param metric the metric's name for the sentences
     * @param direction whether a higher ratio is better
     * @param samples one sample per track, at least two tracks with distinct names
     * @param question which two tracks the answer sentence compares
     * @param alpha family-wise level, e.g. 0.05
     * @param seed seed of the bootstrap
     */
    public static TrackAnswer of(String metric, Direction direction, List<TrackSample> samples, Question question,
            double alpha, long seed) {
        if (samples == null || samples.size() < 2) {
            throw new IllegalArgumentException("comparing tracks needs at least two tracks, got "
                    + (samples == null ? 0 : samples.size()));
        }
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> {
            if (!names.add(s.track())) {
                throw new IllegalArgumentException("track " + s.track() + " appears twice; pool its replicates into one");
            }
        });
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), e.g. 0.05, got " + alpha);
        }
        List<TrackMedian> medians = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            TrackSample s = samples.get(i);
            double[] v = s.values();
            double[] ci = v.length > 1 ? RankStatistics.medianInterval(v, 1 - alpha, RESAMPLES, seed + i)
                    : new double[] {v[0], v[0]};
            medians.add(new TrackMedian(s.track(), s.source(), v.length, RankStatistics.median(v), ci[0], ci[1]));
        }
        int m = samples.size() * (samples.size() - 1) / 2;
        double[] p = new double[m];
        double[] delta = new double[m];
        double smallest = 0;
        int k = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                double[] a = samples.get(i).values();
                double[] b = samples.get(j).values();
                double pValue = MannWhitneyUTest.withDefaults().test(a, b).getPValue();
                // Every replicate equal (e.g. no track found anything): the test has no variance, and no evidence.
                p[k] = Double.isNaN(pValue) ? 1.0 : pValue;
                double d = RankStatistics.cliffsDelta(a, b);
                delta[k] = (direction == Direction.HIGHER_IS_BETTER ? d : -d) + 0.0;
                smallest = Math.max(smallest, RankStatistics.smallestPValue(a.length, b.length));
                k++;
            }
        }
        boolean tooSmall = smallest * m > alpha;
        double[] holm = RankStatistics.holm(p);
        List<PairTest> pairs = new ArrayList<>();
        k = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                pairs.add(new PairTest(samples.get(i).track(), samples.get(j).track(), p[k], holm[k], delta[k],
                        !tooSmall && holm[k] <= alpha));
                k++;
            }
        }
        double sigma = RankStatistics.pooledSd(samples.stream().map(TrackSample::values).toArray(double[][]::new));
        int kMin = samples.stream().mapToInt(s -> s.replicates().size()).min().orElseThrow();
        OptionalDouble shift = tooSmall || !(sigma > 0) ? OptionalDouble.empty()
                : OptionalDouble.of(RankStatistics.detectableShift(sigma, kMin, alpha / m, POWER));
        Optional<String> caveat = caveat(samples);
        String answer = answer(metric, medians, pairs, question, alpha, m, smallest, tooSmall, shift, kMin);
        return new TrackAnswer(metric, direction, alpha, medians, pairs, smallest, tooSmall, shift, answer, caveat);
    }

    /** The pairs whose difference is significant after Holm, e.g. {@code "profiler > gpt5"}, best first per pair. */
    public List<String> ranking() {
        List<String> out = new ArrayList<>();
        for (PairTest pair : pairs) {
            if (pair.significant()) {
                out.add(pair.cliffsDelta() > 0 ? pair.a() + " > " + pair.b() : pair.b() + " > " + pair.a());
            }
        }
        return out;
    }

    /** The smallest K per track at which the ranking is possible at all with this many tracks and this alpha. */
    public static int smallestRankableK(int trackCount, double alpha) {
        int m = trackCount * (trackCount - 1) / 2;
        int k = 2;
        while (RankStatistics.smallestPValue(k, k) * m > alpha) {
            k++;
        }
        return k;
    }

    private static String answer(String metric, List<TrackMedian> medians, List<PairTest> pairs, Question question,
            double alpha, int m, double smallest, boolean tooSmall, OptionalDouble shift, int k) {
        Optional<TrackMedian> causal = medians.stream().filter(t -> t.track().equals(question.causalVision())).findFirst();
        Optional<TrackMedian> blind = medians.stream().filter(t -> t.track().equals(question.blindIntelligence()))
                .findFirst();
        String sides = "causal vision (" + question.causalVision() + ") beats blind intelligence ("
                + question.blindIntelligence() + ")";
        if (causal.isEmpty() || blind.isEmpty()) {
            return "Cannot say whether " + sides + ": the comparison lacks track "
                    + (causal.isEmpty() ? question.causalVision() : question.blindIntelligence()) + ".";
        }
        String tooSmallToSay = String.format(Locale.ROOT, "K = %d replicates per track is too small to say whether %s:"
                + " with %d against %d the Mann-Whitney p-value cannot go below %.3f, and Holm over %d %s needs %.4f; run "
                + "at least K = %d.", k, sides, k, k, smallest, m, m == 1 ? "pair" : "pairs", alpha / m,
                smallestRankableK(medians.size(), alpha));
        if (causal.get().source() == AnswerSource.OFFLINE_REPLAY && blind.get().source() == AnswerSource.OFFLINE_REPLAY) {
            // Both reasons, so that a reader who switches to a live model knows K must grow too.
            return "This comparison cannot say whether " + sides + ": both tracks replayed the same offline answers, "
                    + "so any difference between them is benchmark noise." + (tooSmall ? " Also, " + tooSmallToSay : "");
        }
        if (tooSmall) {
            return tooSmallToSay;
        }
        PairTest pair = pairs.stream().filter(t -> Set.of(t.a(), t.b()).equals(Set.of(causal.get().track(),
                blind.get().track()))).findFirst().orElseThrow();
        double causalDelta = pair.a().equals(question.causalVision()) ? pair.cliffsDelta() : -pair.cliffsDelta();
        String figures = String.format(Locale.ROOT, "median %s x%.3f [%.3f, %.3f] against x%.3f [%.3f, %.3f], "
                + "Mann-Whitney p = %.3g (Holm-adjusted %.3g over %d pair%s), Cliff's δ = %+.2f (%s)", metric,
                causal.get().median(), causal.get().low(), causal.get().high(), blind.get().median(), blind.get().low(),
                blind.get().high(), pair.pValue(), pair.holmP(), m, m == 1 ? "" : "s", causalDelta, RankStatistics.magnitude(causalDelta));
        if (pair.significant()) {
            return (causalDelta > 0 ? "Yes: " + sides : "No: blind intelligence (" + question.blindIntelligence()
                    + ") beats causal vision (" + question.causalVision() + ")") + " on " + metric + " (" + figures + ").";
        }
        return "Not shown: no significant difference on " + metric + " between " + question.causalVision() + " and "
                + question.blindIntelligence() + " (" + figures + ")"
                + (shift.isPresent() ? String.format(Locale.ROOT, "; at K = %d and the measured spread only a shift of "
                        + "about %.3f in the %s ratio would be detected with %.0f%% power", k, shift.getAsDouble(),
                        metric, 100 * POWER) : "") + ".";
    }

    private static Optional<String> caveat(List<TrackSample> samples) {
        Set<AnswerSource> sources = EnumSet.noneOf(AnswerSource.class);
        samples.forEach(s -> sources.add(s.source()));
        if (sources.equals(EnumSet.of(AnswerSource.LIVE_MODEL))) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("Answer sources: ");
        for (int i = 0; i < samples.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(samples.get(i).track()).append(" ").append(samples.get(i).source().label());
        }
        out.append(".");
        if (sources.contains(AnswerSource.OFFLINE_REPLAY)) {
            out.append(" Offline replay gives every track the same recorded answers: between replayed tracks this "
                    + "comparison measures only benchmark noise, never the tracks.");
        }
        if (sources.contains(AnswerSource.RECORDING)) {
            out.append(" A recording replays a track's own earlier live answers: it compares the tracks as they "
                    + "answered then, measured now.");
        }
        return Optional.of(out.toString());
    }
}
