package dev.aiopt.junit.internal.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * When a comparison is undecided, how many more repeats to run: start with {@code initialRepeats} per side,
 * add {@code batchRepeats} per side after every undecided look, stop at {@code maxRepeats}. Used by the
 * evaluation loop between interleaved A B A B batches.
 *
 * <p>Looking at the data several times and stopping at the first decision inflates false alarms. The plan
 * fixes the number of looks in advance, {@code looks = 1 + ceil((maxRepeats - initialRepeats) / batchRepeats)},
 * and spends the overall alpha evenly over them (Bonferroni): every look decides at confidence
 * {@code 1 - (1 - confidence) / looks}. By the union bound, the chance that any look declares a difference
 * between identical distributions is at most the overall alpha. This is conservative (the looks are
 * strongly correlated) but needs no assumption about the noise.
 *
 * @param initialRepeats runs per side before the first look, at least 2
 * @param batchRepeats runs per side added after an undecided look, at least 1
 * @param maxRepeats cap on runs per side, at least {@code initialRepeats}
 *
 * <p>Public because it is used by {@code evaluation}, {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SequentialPlan(int initialRepeats, int batchRepeats, int maxRepeats) {

    public SequentialPlan {
        if (initialRepeats < 2) {
            throw new IllegalArgumentException("initialRepeats must be at least 2, but was " + initialRepeats);
        }
        if (batchRepeats < 1) {
            throw new IllegalArgumentException("batchRepeats must be at least 1, but was " + batchRepeats);
        }
        if (maxRepeats < initialRepeats) {
            throw new IllegalArgumentException("maxRepeats (" + maxRepeats + ") must be at least initialRepeats ("
                    + initialRepeats + ")");
        }
    }

    /** 5 runs per side, then batches of 5, up to 15: at most three looks. */
    public static SequentialPlan defaults() {
        return new SequentialPlan(5, 5, 15);
    }

    /** The number of looks the plan allows, over which alpha is split. */
    public int looks() {
        return 1 + (maxRepeats - initialRepeats + batchRepeats - 1) / batchRepeats;
    }

    /**
     * The settings each look must use so that all looks together keep the overall confidence.
     *
     * @throws IllegalArgumentException if even {@code maxRepeats} runs per side could never reach significance
     *     at the per-look alpha (the rank test's smallest p-value is {@code 2 / C(2n, n)})
     */
    public ComparisonSettings perLook(ComparisonSettings overall) {
        double alpha = overall.alpha() / looks();
        if (smallestPValue(maxRepeats) > alpha) {
            throw new IllegalArgumentException("maxRepeats " + maxRepeats + " can never reach significance at alpha "
                    + alpha + " per look (" + looks() + " looks at confidence " + overall.confidence()
                    + "): raise maxRepeats or lower the confidence");
        }
        return overall.withConfidence(1.0 - alpha);
    }

    /**
     * Compares the runs so far at the per-look confidence and says how many runs per side to add: zero when
     * decided or at the cap, otherwise up to {@code batchRepeats}.
     */
    public Step next(double[] candidate, double[] reference, Direction direction, ComparisonSettings overall) {
        Comparison comparison = compare(Samples.of(candidate, reference), direction, overall);
        int runs = Math.min(comparison.candidateRuns(), comparison.referenceRuns());
        return new Step(comparison, moreRepeats(comparison.decision(), runs));
    }

    /**
     * Compares the interleaved pairs so far at the per-look confidence, with the test {@link #pairing} names.
     *
     * @throws IllegalArgumentException when paired and the sides have different run counts
     */
    public Comparison compare(Samples pairs, Direction direction, ComparisonSettings overall) {
        ComparisonSettings look = perLook(overall);
        boolean paired = pairs.candidate().size() == pairs.reference().size()
                && pairing(pairs.candidate().size(), overall) == Pairing.INTERLEAVED_PAIRS;
        return paired ? PairedComparison.of(pairs, direction, look) : Comparison.of(pairs, direction, look);
    }

    /**
     * The same decision as {@code compare(...).decision()} for a look at equal counts, bootstrapping only when the
     * test and the estimate leave it open; for simulations that need thousands of decisions.
     */
    Decision decision(double[] candidate, double[] reference, Direction direction, ComparisonSettings overall) {
        ComparisonSettings look = perLook(overall);
        return pairing(candidate.length, overall) == Pairing.INTERLEAVED_PAIRS
                ? PairedComparison.decision(Samples.of(candidate, reference), direction, look)
                : Comparison.decision(candidate, reference, direction, look);
    }

    /**
     * The test a look at {@code pairs} interleaved pairs gets: {@link Pairing#INTERLEAVED_PAIRS} when that many pairs
     * can reach the per-look alpha with the signed-rank test, else {@link Pairing#INDEPENDENT} (Mann-Whitney).
     */
    public Pairing pairing(int pairs, ComparisonSettings overall) {
        return PairedComparison.smallestPValue(pairs) <= overall.alpha() / looks() ? Pairing.INTERLEAVED_PAIRS
                : Pairing.INDEPENDENT;
    }

    /** The tests of the looks, e.g. {@code Mann-Whitney at 6 a side, paired signed-rank at 12 and 18 pairs}. */
    public String describeTests(ComparisonSettings overall) {
        List<Integer> unpaired = new ArrayList<>();
        List<Integer> paired = new ArrayList<>();
        for (int n = initialRepeats; ; n += Math.min(batchRepeats, maxRepeats - n)) {
            (pairing(n, overall) == Pairing.INTERLEAVED_PAIRS ? paired : unpaired).add(n);
            if (n >= maxRepeats) {
                break;
            }
        }
        String u = unpaired.isEmpty() ? "" : "Mann-Whitney at " + and(unpaired) + " a side";
        String p = paired.isEmpty() ? "" : "paired signed-rank at " + and(paired) + " pairs";
        return u.isEmpty() ? p : p.isEmpty() ? u : u + ", " + p;
    }

    private static String and(List<Integer> values) {
        List<String> s = values.stream().map(String::valueOf).toList();
        return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    /** Runs per side to add after a look that decided {@code decision} with {@code runs} runs per side. */
    int moreRepeats(Decision decision, int runs) {
        return decision != Decision.NO_DIFFERENCE || runs >= maxRepeats ? 0 : Math.min(batchRepeats, maxRepeats - runs);
    }

    /** Smallest two-sided exact Mann-Whitney p-value with n runs a side: all of one side above the other. */
    static double smallestPValue(int n) {
        double ways = 1.0; // C(2n, n)
        for (int i = 1; i <= n; i++) {
            ways = ways * (n + i) / i;
        }
        return Math.min(1.0, 2.0 / ways);
    }

    /**
     * One look: the comparison at the per-look confidence and the runs per side still to add (zero when
     * decided or at the cap, in which case {@link Comparison#decision()} is final).
     *
     * @param comparison the comparison of the runs so far
     * @param moreRepeats runs per side to add before the next look
     */
    public record Step(Comparison comparison, int moreRepeats) {
        /** True when no more runs are needed. */
        public boolean done() {
            return moreRepeats == 0;
        }
    }
}
