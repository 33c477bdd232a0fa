package dev.aiopt.junit.internal.judge;

import java.util.Locale;

/**
 * The fitness function: the seeds' weighted sum, each ratio term bounded by a {@link Cap}.
 * <pre>   fitness = wT·capT(T) + wL·capL(1 / P) + wC·C</pre>
 * with {@code T} and {@code P} the throughput and p99 {@link Levels levels} (ratios to the baseline) and {@code C}
 * the causal level in [0, 1]. The baseline scores {@code wT + wL} (0.5 with the defaults); the most any program
 * can score is {@code wT·limitT + wL·limitL + wC} (1.9 with the defaults). Which levels a candidate gets, and so
 * whether its fitness moves at all, is the {@link Judge}'s business: only evidence moves a level.
 *
 * @param weights the term weights
 * @param throughputCap bound of the throughput term
 * @param latencyCap bound of the p99 term
 *
 * <p>Public because it is other packages receive it from calls and use its members;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Fitness(Weights weights, Cap throughputCap, Cap latencyCap) {

    public Fitness {
        if (weights == null || throughputCap == null || latencyCap == null) {
            throw new IllegalArgumentException("weights and both caps are required (Fitness.defaults() has them)");
        }
    }

    /** Weights 0.3 / 0.2 / 0.3, throughput capped at 4, p99 at 2. */
    public static Fitness defaults() {
        return new Fitness(Weights.defaults(), Cap.THROUGHPUT_DEFAULT, Cap.LATENCY_DEFAULT);
    }

    /** A copy with other weights. */
    public Fitness withWeights(Weights newWeights) {
        return new Fitness(newWeights, throughputCap, latencyCap);
    }

    /** A copy with other caps. */
    public Fitness withCaps(Cap newThroughputCap, Cap newLatencyCap) {
        return new Fitness(weights, newThroughputCap, newLatencyCap);
    }

    /** The fitness of a program at these levels. */
    public double score(Levels levels) {
        return throughputTerm(levels) + latencyTerm(levels) + causalTerm(levels);
    }

    /** The baseline's fitness. */
    public double baseline() {
        return score(Levels.BASELINE);
    }

    double throughputTerm(Levels levels) {
        return weights.throughput() * throughputCap.apply(levels.throughput());
    }

    double latencyTerm(Levels levels) {
        return weights.latency() * latencyCap.apply(1.0 / levels.p99());
    }

    double causalTerm(Levels levels) {
        return weights.causal() * levels.causal();
    }

    /** The three terms, e.g. {@code 0.300·cap(1.350) + 0.200·cap(1/0.208) + 0.300·0.412 = 1.2340}. */
    String explain(Levels levels) {
        return String.format(Locale.ROOT, "%.3f·cap(%.3f) + %.3f·cap(1/%.3f) + %.3f·%.3f = %.4f", weights.throughput(),
                levels.throughput(), weights.latency(), levels.p99(), weights.causal(), levels.causal(), score(levels));
    }
}
