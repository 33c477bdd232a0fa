package dev.aiopt.junit.internal.stats;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The looks a gate took at its runs: how many runs a side it had at each look, and how many looks its plan
 * allowed, over which the gate's alpha was split ({@link SequentialGate}). A gate that measures once has one
 * look of one.
 *
 * @param runsPerLook candidate runs at each look, in order (at least one look)
 * @param plannedLooks looks the plan allowed; the alpha of each look is the gate's alpha divided by this
 * @param overallConfidence the gate's confidence over all looks
 *
 * <p>Public because it is used by {@code gate};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record GateLooks(List<Integer> runsPerLook, int plannedLooks, double overallConfidence) {

    public GateLooks {
        runsPerLook = List.copyOf(runsPerLook);
        if (runsPerLook.isEmpty() || plannedLooks < runsPerLook.size()) {
            throw new IllegalArgumentException("a gate takes at least one look and at most the planned "
                    + plannedLooks + ", got " + runsPerLook);
        }
        if (!(overallConfidence > 0.5 && overallConfidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), got " + overallConfidence);
        }
    }

    /** One look at {@code runs} runs a side, the whole alpha spent on it. */
    public static GateLooks single(int runs, double confidence) {
        return new GateLooks(List.of(runs), 1, confidence);
    }

    /** Runs a side at the last look: the runs the verdict used. */
    public int runsUsed() {
        return runsPerLook.get(runsPerLook.size() - 1);
    }

    /** The two-sided alpha of each look. */
    public double alphaPerLook() {
        return (1 - overallConfidence) / plannedLooks;
    }

    /** A copy with one more look at {@code runs} runs. */
    public GateLooks then(int runs) {
        List<Integer> more = new java.util.ArrayList<>(runsPerLook);
        more.add(runs);
        return new GateLooks(more, plannedLooks, overallConfidence);
    }

    /**
     * E.g. {@code runs used: 30 a side (looks at 10, 20, 30 runs; 3 planned, alpha 0.01 spent as 0.00333 a look)}.
     */
    public String summary() {
        if (plannedLooks == 1) {
            return "runs used: " + runsUsed() + " a side (one look)";
        }
        return String.format(Locale.ROOT, "runs used: %d a side (looks at %s runs; %d planned, alpha %s spent as %s a"
                        + " look)", runsUsed(), runsPerLook.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                plannedLooks, round(1 - overallConfidence), round(alphaPerLook()));
    }

    static String round(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
