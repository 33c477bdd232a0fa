package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.judge.CausalEvidence;
import dev.aiopt.junit.internal.judge.Judge;
import dev.aiopt.junit.internal.judge.Judgement;
import dev.aiopt.junit.internal.judge.Levels;
import dev.aiopt.junit.internal.judge.Verdict;
import dev.aiopt.junit.internal.profile.CarriedLine;
import dev.aiopt.junit.internal.profile.CausalReading;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The score stage: the judgement rules of {@code judge} applied to a candidate's comparisons with its parent and
 * to the causal evidence at the baseline hotspot's line, carried through the lineage's diffs. Verdict and fitness
 * come from one {@link Judgement}, so they cannot disagree.
 */
final class ScoreStage {
    private final Judge judge;
    private final RunState state;

    ScoreStage(Fitness weights, RunState state) {
        this.judge = weights.judge();
        this.state = state;
    }

    /** What the unmodified baseline scores. */
    double baseline() {
        return judge.fitness().baseline();
    }

    Judgement judge(ProgramResult parent, Comparison throughput, Comparison p99, CausalEvidence causal) {
        return judge.judge(levels(parent), throughput, p99, causal);
    }

    static Status status(Verdict verdict) {
        return switch (verdict) {
            case IMPROVED -> Status.IMPROVED;
            case NO_CHANGE -> Status.NO_CHANGE;
            case REGRESSED -> Status.REGRESSED;
        };
    }

    /** A program's levels; programs landed before levels were kept count their ratios and no causal level. */
    static Levels levels(ProgramResult program) {
        Measured m = program.measured();
        if (m.levels() != null) {
            return m.levels();
        }
        return new Levels(m.throughput().ratio(), m.p99().ratio(), 0);
    }

    /**
     * The champion's fitness from its direct comparison with the baseline: an axis without a decision counts as
     * the baseline's, the causal level is the one its lineage earned.
     */
    double championFitness(ProgramResult best, Comparison throughput, Comparison p99) {
        Levels earned = best.measured() == null ? Levels.BASELINE : levels(best);
        return judge.fitness().score(new Levels(
                throughput.decision() == Decision.NO_DIFFERENCE ? 1 : throughput.ratio(),
                p99.decision() == Decision.NO_DIFFERENCE ? 1 : p99.ratio(), earned.causal()));
    }

    /**
     * The profiles' evidence at the baseline hotspot's line: found in the baseline's profile, carried through the
     * parent's lineage (and the candidate's own diff), read in both profiles with their noise.
     */
    CausalEvidence evidence(ProgramResult parent, Optional<Profiling.Profiled> baseline,
            Optional<Profiling.Profiled> parentProfile, Profiling.Profiled own, String diff) {
        if (baseline.isEmpty() || parentProfile.isEmpty()) {
            return CausalEvidence.unknown("the baseline or the parent has no profile");
        }
        Profiling.Profiled b = baseline.get();
        Optional<CausalReading> hotspot = CausalReading.baselineHotspot(b.profile(), b.mapping(), Profiling.MIN_POINTS);
        if (hotspot.isEmpty()) {
            return CausalEvidence.unknown("the baseline's profile predicts no speedup for a slice line with at least "
                    + Profiling.MIN_POINTS + " measurements");
        }
        Optional<List<String>> lineage = lineage(parent);
        if (lineage.isEmpty() || diff == null) {
            return CausalEvidence.unknown("a program of the lineage has no diff to carry the hotspot line through");
        }
        List<String> withOwn = new ArrayList<>(lineage.get());
        withOwn.add(diff);
        CarriedLine parentLine;
        CarriedLine ownLine;
        try {
            parentLine = b.mapping().carry(hotspot.get().sliceLine(), lineage.get());
            ownLine = b.mapping().carry(hotspot.get().sliceLine(), withOwn);
        } catch (IllegalArgumentException e) {
            return CausalEvidence.unknown(e.getMessage());
        }
        if (parentLine.gone() || ownLine.gone()) {
            return CausalEvidence.unknown("the baseline hotspot " + hotspot.get().location() + " is gone: "
                    + ownLine.trail());
        }
        Optional<CausalReading> p = CausalReading.at(parentProfile.get().profile(), parentProfile.get().mapping(),
                parentLine.sliceLine().getAsInt(), Profiling.MIN_POINTS);
        Optional<CausalReading> c = CausalReading.at(own.profile(), own.mapping(), ownLine.sliceLine().getAsInt(),
                Profiling.MIN_POINTS);
        if (p.isEmpty() || c.isEmpty()) {
            return CausalEvidence.unknown("no throughput curve with " + Profiling.MIN_POINTS + " measurements at the "
                    + "carried line in the " + (p.isEmpty() ? "parent's" : "candidate's") + " profile (" + ownLine.trail()
                    + ")");
        }
        return CausalEvidence.measured(hotspot.get().predicted(),
                new CausalEvidence.Reading(p.get().predicted(), p.get().noise()),
                new CausalEvidence.Reading(c.get().predicted(), c.get().noise()),
                String.format(Locale.ROOT, "baseline hotspot %s (+%.1f%% at +50%%), %s: parent %+.1f%%, "
                        + "candidate %+.1f%%", hotspot.get().location(), 100 * hotspot.get().predicted(), ownLine.trail(),
                        100 * p.get().predicted(), 100 * c.get().predicted()));
    }

    // The diffs from the baseline to the program, oldest first; empty when an ancestor is unknown or has no diff.
    private Optional<List<String>> lineage(ProgramResult program) {
        List<String> diffs = new ArrayList<>();
        ProgramResult current = program;
        while (current.parentId() != null) {
            if (current.diff() == null) {
                return Optional.empty();
            }
            diffs.add(current.diff());
            Optional<ProgramResult> parent = state.result(current.parentId());
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            current = parent.get();
        }
        Collections.reverse(diffs);
        return Optional.of(diffs);
    }
}
