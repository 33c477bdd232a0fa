package dev.aiopt.junit.internal.judge;

import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Judges a measured candidate against its parent so that fitness moves only on evidence.
 *
 * <p>Each axis starts from the parent's {@link Levels level} and moves only when its decision is not
 * {@code NO_DIFFERENCE}:
 * <ul>
 *   <li>throughput and p99: the level becomes the parent's level times the comparison's candidate/parent ratio
 *       (of interleaved pairs, exp of the Hodges-Lehmann estimate of their log ratios);</li>
 *   <li>causal: the readings at the baseline hotspot's carried line decide. {@code BETTER} when the parent's
 *       prediction minus the candidate's exceeds {@code z·sqrt(noiseParent² + noiseCandidate²)} ({@code z} the
 *       two-sided normal quantile at the judge's confidence, 1.96 at 0.95), {@code WORSE} symmetrically. The level
 *       becomes {@code clamp((P0 − C) / P0, 0, 1)} of the candidate's prediction {@code C}, but never moves against
 *       its decision (a BETTER reading below an inherited level keeps the inherited one).</li>
 * </ul>
 * The verdict is the sign of {@code fitness(candidate) − fitness(parent)}, both from the same {@link Fitness}. A
 * candidate better on some axes and worse on none therefore always improves (the ratio terms are strictly
 * increasing; the causal level saturates at 0 and 1), a trade-off is settled by the fitness change, and noise never
 * moves anything. A {@link Guardrails guardrail} breach makes it REGRESSED with the better axes held at the parent's
 * levels.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Judge {
    private final Fitness fitness;
    private final Guardrails guardrails;
    private final double confidence;
    private final double z;

    /**
     * @param fitness the fitness function
     * @param guardrails the guardrails ({@link Guardrails#none()} for none)
     * @param causalConfidence confidence of the causal decision, in (0.5, 1); 0.95 matches the benchmark decisions
     */
    public Judge(Fitness fitness, Guardrails guardrails, double causalConfidence) {
        if (fitness == null || guardrails == null) {
            throw new IllegalArgumentException("fitness and guardrails are required");
        }
        if (!(causalConfidence > 0.5 && causalConfidence < 1)) {
            throw new IllegalArgumentException("causal confidence must be in (0.5, 1), e.g. 0.95, got " + causalConfidence);
        }
        this.fitness = fitness;
        this.guardrails = guardrails;
        this.confidence = causalConfidence;
        this.z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - causalConfidence) / 2);
    }

    /** The default caps with these weights, these guardrails, causal confidence 0.95. */
    public static Judge of(Weights weights, Guardrails guardrails) {
        return new Judge(Fitness.defaults().withWeights(weights), guardrails, 0.95);
    }

    /** These weights, caps and guardrails, causal confidence 0.95. */
    public static Judge of(Weights weights, Cap throughputCap, Cap latencyCap, Guardrails guardrails) {
        return new Judge(new Fitness(weights, throughputCap, latencyCap), guardrails, 0.95);
    }

    /** Default fitness, no guardrails, causal confidence 0.95. */
    public static Judge defaults() {
        return new Judge(Fitness.defaults(), Guardrails.none(), 0.95);
    }

    public Fitness fitness() {
        return fitness;
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    /**
     * Judges a candidate.
     *
     * @param parent the parent's levels
     * @param throughput the candidate-vs-parent throughput comparison (higher is better)
     * @param p99 the candidate-vs-parent p99 comparison (lower is better)
     * @param causal the profiles' evidence at the baseline hotspot's line
     */
    public Judgement judge(Levels parent, Comparison throughput, Comparison p99, CausalEvidence causal) {
        if (parent == null || throughput == null || p99 == null || causal == null) {
            throw new IllegalArgumentException("parent levels, both comparisons and the causal evidence are required");
        }
        if (throughput.direction() != Direction.HIGHER_IS_BETTER || p99.direction() != Direction.LOWER_IS_BETTER) {
            throw new IllegalArgumentException("throughput must be compared higher-is-better and p99 lower-is-better, got "
                    + throughput.direction() + " and " + p99.direction());
        }
        Decision causalDecision = causalDecision(causal);
        Levels moved = new Levels(
                throughput.decision() == Decision.NO_DIFFERENCE ? parent.throughput()
                        : parent.throughput() * throughput.ratio(),
                p99.decision() == Decision.NO_DIFFERENCE ? parent.p99() : parent.p99() * p99.ratio(),
                causalLevel(parent.causal(), causalDecision, causal));
        List<String> breaches = new ArrayList<>();
        if (throughput.decision() == Decision.WORSE && throughput.ratio() < 1
                && (throughput.ratio() < guardrails.throughputFloor() || moved.throughput() < guardrails.throughputFloor())) {
            breaches.add(String.format(Locale.ROOT, "throughput x%.3f vs parent (x%.3f vs baseline) is worse than the "
                    + "guardrail x%.3f", throughput.ratio(), moved.throughput(), guardrails.throughputFloor()));
        }
        if (p99.decision() == Decision.WORSE && p99.ratio() > 1
                && (p99.ratio() > guardrails.p99Ceiling() || moved.p99() > guardrails.p99Ceiling())) {
            breaches.add(String.format(Locale.ROOT, "p99 x%.3f vs parent (x%.3f vs baseline) is worse than the "
                    + "guardrail x%.3f", p99.ratio(), moved.p99(), guardrails.p99Ceiling()));
        }
        Optional<String> breach = breaches.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", breaches));
        Levels levels = breach.isEmpty() ? moved : forfeitGains(parent, moved, throughput.decision(), p99.decision(),
                causalDecision);
        checkDirections(parent, levels, throughput.decision(), p99.decision(), causalDecision);
        double parentFitness = fitness.score(parent);
        double score = fitness.score(levels);
        int sign = Double.compare(score, parentFitness);
        Verdict verdict = sign > 0 ? Verdict.IMPROVED : sign < 0 ? Verdict.REGRESSED : Verdict.NO_CHANGE;
        String explanation = String.format(Locale.ROOT, "throughput %s, p99 %s, causal %s (%s)%s: %s vs parent %.4f",
                throughput.decision(), p99.decision(), causalDecision, causal.note(),
                breach.map(b -> "; guardrail breached, gains forfeited: " + b).orElse(""), fitness.explain(levels),
                parentFitness);
        return new Judgement(verdict, levels, score, parentFitness, throughput.decision(), p99.decision(),
                causalDecision, breach, explanation);
    }

    /** The causal decision: does the candidate's reading differ from the parent's by more than their noise? */
    Decision causalDecision(CausalEvidence evidence) {
        if (!evidence.known()) {
            return Decision.NO_DIFFERENCE;
        }
        CausalEvidence.Reading p = evidence.parent().orElseThrow();
        CausalEvidence.Reading c = evidence.candidate().orElseThrow();
        double reduction = p.predicted() - c.predicted();
        double threshold = z * Math.hypot(p.noise(), c.noise());
        if (reduction > threshold && reduction > 0) {
            return Decision.BETTER;
        }
        if (-reduction > threshold && reduction < 0) {
            return Decision.WORSE;
        }
        return Decision.NO_DIFFERENCE;
    }

    private static double causalLevel(double parentLevel, Decision decision, CausalEvidence evidence) {
        return switch (decision) {
            case NO_DIFFERENCE -> parentLevel;
            case BETTER -> Math.max(parentLevel, evidence.level(evidence.candidate().orElseThrow().predicted()));
            case WORSE -> Math.min(parentLevel, evidence.level(evidence.candidate().orElseThrow().predicted()));
        };
    }

    // A breach keeps the losses as measured and gives up the gains: every axis that got better falls back to the
    // parent's level, so the fitness drops below the parent's by exactly the (strictly positive) loss.
    private static Levels forfeitGains(Levels parent, Levels moved, Decision throughput, Decision p99, Decision causal) {
        Levels out = moved;
        if (throughput == Decision.BETTER) {
            out = out.withThroughput(parent.throughput());
        }
        if (p99 == Decision.BETTER) {
            out = out.withP99(parent.p99());
        }
        if (causal == Decision.BETTER) {
            out = out.withCausal(parent.causal());
        }
        return out;
    }

    // The second invariant: no level moves without a decision, or against it.
    private static void checkDirections(Levels parent, Levels child, Decision throughput, Decision p99, Decision causal) {
        check("throughput", throughput, Double.compare(child.throughput(), parent.throughput()));
        check("p99", p99, Double.compare(parent.p99(), child.p99()));
        check("causal", causal, Double.compare(child.causal(), parent.causal()));
    }

    private static void check(String axis, Decision decision, int movedUp) {
        boolean ok = switch (decision) {
            case NO_DIFFERENCE -> movedUp == 0;
            case BETTER -> movedUp >= 0;
            case WORSE -> movedUp <= 0;
        };
        if (!ok) {
            throw new IllegalStateException("the " + axis + " level moved " + (movedUp > 0 ? "up" : "down")
                    + " on a " + decision + " decision: the comparison's ratio contradicts its decision");
        }
    }

    @Override
    public String toString() {
        return "Judge[" + fitness + ", " + guardrails + ", causal confidence " + confidence + "]";
    }
}
