package dev.aiopt.junit.internal.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A parsed coz profile: the records of one or more appended runs, in file order. Entry point of the causal
 * analysis ({@link #analyze}) and of the on-CPU ranking that picks lines for fixed-line runs
 * ({@link #rankedBySamples}). Reads coz 0.2.2 and BCOZ TSV as well as current coz's JSON Lines.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CozProfile(List<CozRecord> records) {

    public CozProfile {
        records = List.copyOf(records);
    }

    /**
     * Parses profile text. Blank lines are skipped; anything else that is not a coz record raises a
     * {@link ProfileFormatException} naming the line number and what was expected.
     */
    public static CozProfile parse(String text) {
        return new CozProfile(CozProfileParser.parse(Objects.requireNonNull(text, "text")));
    }

    /** Reads and parses a profile file ({@code .gz} files are decompressed). */
    public static CozProfile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream source = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return parse(new String(source.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read coz profile " + file, e);
        }
    }

    /** Concatenates profiles as if their runs had been appended to one file (what {@code coz run} does). */
    public static CozProfile concat(List<CozProfile> profiles) {
        List<CozRecord> all = new ArrayList<>();
        profiles.forEach(p -> all.addAll(p.records()));
        return new CozProfile(all);
    }

    /**
     * Computes what coz's viewer shows for this profile: per location and progress point the speedup curve,
     * impact and min/max program speedup, exactly as the chosen viewer version does.
     *
     * @param minPoints the viewer's "minimum points" slider (10 by default in the viewer)
     */
    public CausalProfile analyze(ViewerVariant variant, int minPoints) {
        return ViewerAnalysis.analyze(this, variant, minPoints);
    }

    /** Number of experiment records. */
    public int experimentCount() {
        return (int) records.stream().filter(r -> r instanceof CozRecord.Experiment).count();
    }

    /**
     * On-CPU sample counts per location from coz's {@code samples} records, highest first (ties by location).
     * {@code samples} counts are cumulative within a run, so the last count of each run is taken and runs are
     * summed.
     */
    public List<Map.Entry<String, Long>> rankedBySamples() {
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> run = new LinkedHashMap<>();
        for (CozRecord record : records) {
            if (record instanceof CozRecord.Startup) {
                run.forEach((k, v) -> total.merge(k, v, Long::sum));
                run.clear();
            } else if (record instanceof CozRecord.Samples s) {
                run.merge(s.location(), s.count(), Math::max);
            }
        }
        run.forEach((k, v) -> total.merge(k, v, Long::sum));
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(total.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return ranked.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
