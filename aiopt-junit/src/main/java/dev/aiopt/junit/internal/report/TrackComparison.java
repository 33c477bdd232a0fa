package dev.aiopt.junit.internal.report;

import dev.aiopt.junit.internal.report.RunData.Candidate;
import dev.aiopt.junit.internal.report.RunData.Comparison;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The figures that compare tracks: each run's best improvement and the effect size between two runs.
 *
 * <p>Effect size: Cliff's delta on the candidates' fitness, δ(A, B) = P(a &gt; b) − P(a &lt; b) for a candidate
 * a of run A and b of run B, ties counting half, in [−1, 1]. Every candidate proposed by the model counts (the
 * baseline does not); one without a fitness (it failed before it was benchmarked, or duplicated an earlier
 * one) counts as fitness 0, because a track whose candidates do not build has searched worse, not less.
 * Computed from the Mann-Whitney U statistic: δ = 2U / (n·m) − 1.
 */
final class TrackComparison {
    private TrackComparison() {}

    /** One track's run with the figures the comparison shows. */
    record Entry(Path runDir, RunData run, Comparison bestThroughput, Comparison bestP99, String source) {

        static Entry of(Path runDir, RunData run) {
            if (run.tournament() != null && run.tournament().throughput() != null) {
                RunData.Tournament t = run.tournament();
                return new Entry(runDir, run, t.throughput(), t.p99(), "tournament: champion " + t.id() + " vs baseline"
                        + (t.note() == null ? "" : "; " + t.note()));
            }
            if (run.champion() != null && run.champion().throughput() != null) {
                return new Entry(runDir, run, run.champion().throughput(), run.champion().p99(),
                        "champion " + run.champion().id() + " re-measured vs baseline"
                                + (run.champion().repeats() != null ? ", " + run.champion().repeats() + " repeats" : ""));
            }
            Candidate best = run.best() != null && run.best().id() != null ? run.candidate(run.best().id()) : null;
            if (best != null && best.throughput() != null) {
                return new Entry(runDir, run, best.throughput(), best.p99(), "best candidate " + best.id() + " vs "
                        + (best.throughput().reference() == null ? "its reference" : best.throughput().reference())
                        + ", not re-measured");
            }
            return new Entry(runDir, run, null, null, "no measured improvement");
        }

        double[] fitness() {
            return run.proposals().stream().mapToDouble(c -> c.fitness() == null ? 0 : c.fitness()).toArray();
        }

        long benchmarked() {
            return run.proposals().stream().filter(c -> !c.metrics().isEmpty()).count();
        }

        long improved() {
            return run.proposals().stream().filter(c -> "IMPROVED".equals(c.status())).count();
        }
    }

    /** Cliff's delta of a over b, or NaN when either is empty. */
    static double cliffsDelta(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        double u = MannWhitneyUTest.withDefaults().statistic(a, b);
        return 2 * u / ((double) a.length * b.length) - 1;
    }

    /** Romano et al. (2006) thresholds: negligible &lt; 0.147 ≤ small &lt; 0.33 ≤ medium &lt; 0.474 ≤ large. */
    static String magnitude(double delta) {
        if (Double.isNaN(delta)) {
            return "–";
        }
        double d = Math.abs(delta);
        return d < 0.147 ? "negligible" : d < 0.33 ? "small" : d < 0.474 ? "medium" : "large";
    }

    /** The ratio of two runs' best throughput ratios (A's improvement relative to B's), or NaN. */
    static double bestRatio(Entry a, Entry b) {
        if (a.bestThroughput() == null || b.bestThroughput() == null) {
            return Double.NaN;
        }
        return a.bestThroughput().ratio() / b.bestThroughput().ratio();
    }

    static List<Entry> entries(List<Path> runDirs) {
        return runDirs.stream().map(dir -> Entry.of(dir, RunJson.read(dir))).toList();
    }
}
