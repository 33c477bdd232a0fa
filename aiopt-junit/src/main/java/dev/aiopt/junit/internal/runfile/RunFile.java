package dev.aiopt.junit.internal.runfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run as written to {@code run.json}. Absent optional parts are {@code null}; lists are never null.
 *
 * @param schema {@link RunFiles#SCHEMA}
 * @param experiment experiment name
 * @param track track id
 * @param run the run directory's name
 * @param seed seed of every random choice
 * @param offline whether answers came from recordings
 * @param model what wrote the candidates
 * @param startedAt ISO instant
 * @param finishedAt ISO instant; null while the run has not finished
 * @param weights the fitness weights by name (throughput, latency, causal)
 * @param slice what was evolved; null in files that predate it
 * @param configuration the effective configuration, secrets redacted
 * @param baseline the unmodified program's figures; null before it landed
 * @param candidates every landed program in landing order, the baseline first
 * @param best the measured program with the highest fitness; null before any was measured
 * @param champion the best program re-measured against the baseline; null until the run finished
 * @param ledger model calls and cost, as the model layer writes them; null when not recorded
 * @param stopReason why the run stopped early; null when it did not
 * @param notes remarks of the run (e.g. profiling unavailable)
 * @param profile the baseline's causal profile; null when not profiled
 * @param manifest what produced the figures (library, JVM, compiler, machine, target revision, models, seeds), as
 *     {@code provenance.Manifest} writes it; null in files that predate it
 * @param tournament the champion measured in the final tournament of {@code -Dtrack=all}; null otherwise
 *
 * <p>Public because it is used by {@code evolution}, {@code report};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record RunFile(int schema, String experiment, String track, String run, Long seed, boolean offline,
        String model, String startedAt, String finishedAt, Map<String, Double> weights, SliceInfo slice,
        List<ConfigEntry> configuration, Baseline baseline, List<CandidateEntry> candidates, Best best,
        Champion champion, JsonNode ledger, String stopReason, List<String> notes, Causal profile,
        JsonNode manifest, Tournament tournament) {

    public RunFile {
        weights = weights == null ? Map.of() : weights;
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A copy with the tournament's figures. */
    public RunFile withTournament(Tournament newTournament) {
        return new RunFile(schema, experiment, track, run, seed, offline, model, startedAt, finishedAt, weights, slice,
                configuration, baseline, candidates, best, champion, ledger, stopReason, notes, profile, manifest,
                newTournament);
    }

    /**
     * The run's champion in the final tournament: the baseline and every run's champion benchmarked round-robin in
     * one block, so every improvement is measured under the same machine state.
     *
     * @param id the champion's id in its run
     * @param throughput its ops/sec ratio to the baseline in the block
     * @param p99 its p99 ratio to the baseline in the block
     * @param repeats rounds measured
     * @param programs programs in the block, the baseline included
     * @param note how the figures were obtained, e.g. that a run whose champion is the baseline counts as x1
     */
    public record Tournament(String id, Ratio throughput, Ratio p99, int repeats, int programs, String note) {
    }

    /** What was evolved: the file and the lines of the slice. */
    public record SliceInfo(String file, String how, int firstLine, int lastLine) {
    }

    /** One effective configuration value and where it came from. */
    public record ConfigEntry(String key, String value, String source) {
    }

    /** The unchanged program's measurement. */
    public record Baseline(String id, Map<String, Double> metrics, List<Map<String, Double>> runs) {
        public Baseline {
            metrics = metrics == null ? Map.of() : metrics;
            runs = runs == null ? List.of() : runs;
        }
    }

    /** The best candidate; {@code slice} and {@code diff} name files beside run.json. */
    public record Best(String id, Double fitness, String slice, String diff, String unifiedDiff) {
    }

    /** The best candidate re-measured against the baseline. */
    public record Champion(String id, Ratio throughput, Ratio p99, Integer repeats, Double fitness) {
    }

    /** A ratio of medians (candidate / reference) with its confidence interval and decision. */
    public record Ratio(double ratio, Double low, Double high, Double pValue, String decision, String reference) {
    }

    /**
     * Ratios to the baseline, and to the parent when the candidate was compared with it.
     *
     * @param throughput ops/sec ratio to the baseline
     * @param p99 p99 ratio to the baseline
     * @param vsParent the statistics against the parent
     * @param basis {@code direct} when the ratios to the baseline were measured against it (the baseline's
     *     children, and elites re-measured before they became an island's best), {@code chained} when they are the
     *     ratio to the parent times the parent's ratio to the baseline (the interval is then the parent comparison's,
     *     scaled, not a measured one); null in files that predate it
     * @param chained the chained ratios the candidate was judged with, when {@code throughput} and {@code p99} are
     *     its direct re-measurement; else null
     * @param directRepeats runs per program of the direct re-measurement; null without one
     * @param directFitness the fitness of the direct ratios; the candidate's own fitness stays the one its verdict
     *     was given with; null without a re-measurement
     */
    public record Comparison(Ratio throughput, Ratio p99, VsParent vsParent, String basis, VsParent chained,
            Integer directRepeats, Double directFitness) {
    }

    /** The statistics of a candidate against its parent. */
    public record VsParent(Ratio throughput, Ratio p99) {
    }

    /**
     * A causal profile's outcome: realization in [0, 1] (null when unknown), why, the summary the prompts show
     * (null when not profiled), the hotspots, and how long profiling took.
     */
    public record Causal(Double realization, String reason, String summary, List<Hotspot> hotspots, Long profileMs) {
        public Causal {
            hotspots = hotspots == null ? List.of() : List.copyOf(hotspots);
        }
    }

    /** One line of a causal profile, in slice coordinates when it is in the slice. */
    public record Hotspot(String location, String progressPoint, Integer sliceLine, Double speedupAt20,
            Double speedupAt50, Double impact, Integer points) {
        public Hotspot {
            Objects.requireNonNull(location, "location");
        }
    }

    /** One rejected reply of a candidate. */
    public record Attempt(String reason) {
    }

    /** Where a cluster ran a program's evaluation: node, job id, milliseconds the job waited, attempt number. */
    public record Placement(String node, String jobId, long queueMs, int attempt) {
        public Placement {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(jobId, "jobId");
        }
    }
}
