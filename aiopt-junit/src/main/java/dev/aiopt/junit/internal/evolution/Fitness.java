package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.aiopt.junit.internal.judge.Cap;
import dev.aiopt.junit.internal.judge.Guardrails;
import dev.aiopt.junit.internal.judge.Judge;
import dev.aiopt.junit.internal.judge.Weights;
import java.util.OptionalDouble;

/**
 * The fitness as configured: the seeds' weights ({@code aiopt.weight.*}), the caps ({@code aiopt.cap.*}) and the
 * guardrails ({@code aiopt.maxThroughputLoss}, {@code aiopt.maxP99Increase}). The function itself, with the rule
 * that only decided axes move it, is {@code judge.Fitness}, applied by the {@link ScoreStage}: {@code
 * wT·capT(T) + wL·capL(1/P) + wC·C} over the levels relative to the baseline. The same function serves every track.
 *
 * @param throughput weight of throughput (default 0.3)
 * @param latency weight of p99 latency (default 0.2)
 * @param causal weight of the causal level (default 0.3)
 * @param throughputCap bound of the throughput term, above 1 (default 4)
 * @param latencyCap bound of the p99 term, above 1 (default 2)
 * @param maxThroughputLoss throughput guardrail as a fraction; NaN for none (the default)
 * @param maxP99Increase p99 guardrail as a fraction; NaN for none (the default)
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Fitness(double throughput, double latency, double causal, double throughputCap, double latencyCap,
        double maxThroughputLoss, double maxP99Increase) {
    public Fitness {
        if (throughput < 0 || latency < 0 || causal < 0 || throughput + latency + causal == 0) {
            throw new IllegalArgumentException("fitness weights must be >= 0 and not all 0, got " + throughput + ", "
                    + latency + ", " + causal);
        }
        // Both validate here, so a bad key fails at plan time with the judge's message.
        new Cap(throughputCap);
        new Cap(latencyCap);
        guardrails(maxThroughputLoss, maxP99Increase);
    }

    /** These weights, the default caps, no guardrails. */
    public Fitness(double throughput, double latency, double causal) {
        this(throughput, latency, causal, Cap.THROUGHPUT_DEFAULT.limit(), Cap.LATENCY_DEFAULT.limit(), Double.NaN,
                Double.NaN);
    }

    /** The seeds' weights, default caps, no guardrails. */
    public static Fitness defaults() {
        return new Fitness(0.3, 0.2, 0.3);
    }

    /** A copy with these caps. */
    public Fitness withCaps(double newThroughputCap, double newLatencyCap) {
        return new Fitness(throughput, latency, causal, newThroughputCap, newLatencyCap, maxThroughputLoss,
                maxP99Increase);
    }

    /** A copy with these guardrails (NaN: none on that axis). */
    public Fitness withGuardrails(double newMaxThroughputLoss, double newMaxP99Increase) {
        return new Fitness(throughput, latency, causal, throughputCap, latencyCap, newMaxThroughputLoss,
                newMaxP99Increase);
    }

    /** The judge of these settings (causal confidence 0.95, as the benchmark decisions). */
    Judge judge() {
        return Judge.of(new Weights(throughput, latency, causal), new Cap(throughputCap), new Cap(latencyCap),
                guardrails(maxThroughputLoss, maxP99Increase));
    }

    /** The baseline's own score: both ratios 1 (exactly credited under any cap), causal level 0. */
    public double baseline() {
        return throughput + latency;
    }

    /** The guardrails, as the judge takes them. */
    @JsonIgnore
    public Guardrails guardrails() {
        return guardrails(maxThroughputLoss, maxP99Increase);
    }

    private static Guardrails guardrails(double loss, double increase) {
        return new Guardrails(Double.isNaN(loss) ? OptionalDouble.empty() : OptionalDouble.of(loss),
                Double.isNaN(increase) ? OptionalDouble.empty() : OptionalDouble.of(increase));
    }
}
