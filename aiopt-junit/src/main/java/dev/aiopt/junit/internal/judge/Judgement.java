package dev.aiopt.junit.internal.judge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiopt.junit.internal.stats.Decision;
import java.util.Objects;
import java.util.Optional;

/**
 * The judge's answer for one measured candidate: its verdict, the levels and fitness it gets, its parent's
 * fitness, the decision on each axis, and the guardrail it breached, if any. The constructor enforces the
 * invariant that verdict and fitness agree: {@link Verdict#IMPROVED} exactly when {@code fitness > parentFitness},
 * {@link Verdict#REGRESSED} exactly when below, {@link Verdict#NO_CHANGE} when equal; a breach is always REGRESSED.
 * Jackson writes it as it is (the breach as a string, left out when there is none), for {@code run.json}: it keeps
 * the parent's fitness the verdict was given against, so a parent re-measured later cannot silently change it.
 *
 * @param verdict what the candidate is relative to its parent
 * @param levels the candidate's levels (what its fitness is computed from, and what its children start from)
 * @param fitness the candidate's fitness
 * @param parentFitness the parent's fitness under the same function
 * @param throughput the throughput decision against the parent
 * @param p99 the p99 decision against the parent
 * @param causal the causal decision against the parent (BETTER: the hotspot's predicted headroom shrank beyond noise)
 * @param breach which guardrail was breached and by how much, empty when none
 * @param explanation the fitness terms and what moved them, one line
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Judgement(Verdict verdict, Levels levels, double fitness, double parentFitness, Decision throughput,
        Decision p99, Decision causal, @JsonIgnore Optional<String> breach, String explanation) {

    public Judgement {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(causal, "causal");
        Objects.requireNonNull(breach, "breach");
        Objects.requireNonNull(explanation, "explanation");
        if (!Double.isFinite(fitness) || !Double.isFinite(parentFitness)) {
            throw new IllegalArgumentException("fitness must be finite: " + fitness + " vs parent " + parentFitness);
        }
        int sign = Double.compare(fitness, parentFitness);
        Verdict agreeing = sign > 0 ? Verdict.IMPROVED : sign < 0 ? Verdict.REGRESSED : Verdict.NO_CHANGE;
        if (verdict != agreeing) {
            throw new IllegalStateException("verdict " + verdict + " contradicts fitness " + fitness + " vs the parent's "
                    + parentFitness + " (" + explanation + ")");
        }
        if (breach.isPresent() && verdict != Verdict.REGRESSED) {
            throw new IllegalStateException("a guardrail breach must be REGRESSED, got " + verdict + ": " + breach.get());
        }
    }

    /** The breach for JSON: its text, or null (left out) when none. */
    @JsonProperty("breach")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    String breachText() {
        return breach.orElse(null);
    }
}
