package dev.aiopt.junit.internal.metrics;

import dev.aiopt.junit.internal.stats.LatencyHistogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass over db_bench's output lines for {@link DbBenchReport}: each result line with the histograms
 * printed right after it, and the DB-wide dumps (overwritten as they come, so the last dump wins).
 */
final class DbBenchLines {

    private static final Pattern RESULT = Pattern.compile(
            "^\\s*(\\S+)\\s*:\\s+(\\S+)\\s+micros/op\\s+(\\S+)\\s+ops/sec"
                    + "(?:\\s+(\\S+)\\s+seconds\\s+(\\S+)\\s+operations)?\\s*;(.*)$");
    private static final Pattern MB_PER_SEC = Pattern.compile("^(\\S+)\\s+MB/s(?:\\s+(.*))?$");
    private static final Pattern HISTOGRAM_HEADER = Pattern.compile("^Microseconds per (\\S+):$");
    private static final Pattern COUNT_LINE = Pattern.compile(
            "^Count:\\s+(\\S+)\\s+Average:\\s+(\\S+)\\s+StdDev:\\s+(\\S+)$");
    private static final Pattern MIN_LINE = Pattern.compile(
            "^Min:\\s+(\\S+)\\s+Median:\\s+(\\S+)\\s+Max:\\s+(\\S+)$");
    private static final Pattern PERCENTILES_LINE = Pattern.compile("^Percentiles:((?:\\s+P[0-9.]+:\\s+\\S+)+)$");
    private static final Pattern PERCENTILE = Pattern.compile("P([0-9.]+):\\s+(\\S+)");
    private static final Pattern BUCKET_ROW = Pattern.compile(
            "^[\\[(]\\s*(\\S+),\\s*(\\S+)\\s*]\\s+(\\d+)\\s+\\S+%\\s+\\S+%.*$");
    private static final Pattern CUMULATIVE_STALL = Pattern.compile(
            "^Cumulative stall:\\s+(\\d+):(\\d+):(\\S+)\\s+H:M:S,\\s+(\\S+)\\s+percent$");
    private static final Pattern COMPACTION_L0_ROW = Pattern.compile("^\\s*L0\\s+(\\d+)/(\\d+)\\s.*$");
    private static final Pattern LEVEL_STATS_ROW = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)$");
    private static final Pattern STATISTIC = Pattern.compile("^(rocksdb\\.\\S+)((?:\\s+[A-Z0-9]+ : \\S+)+)$");
    private static final Pattern STATISTIC_FIELD = Pattern.compile("([A-Z0-9]+) : (\\S+)");
    static final String COMPACTION_STATS_DEFAULT = "** Compaction Stats [default] **";
    static final String LEVEL_STATS_HEADER = "Level Files Size(MB)";


    /** One benchmark's result line and the histograms printed right after it. */
    record Run(String name, String resultLine, Map<String, Double> figures, List<Histogram> histograms) {
    }

    /** One {@code Microseconds per <operation>:} block, flattened to metric names without prefix. */
    record Histogram(String operation, Map<String, Double> fields, Optional<LatencyHistogram> buckets) {
    }

    final List<Run> runs = new ArrayList<>();
    final Map<String, Double> dbWide = new LinkedHashMap<>();
    boolean statisticsSeen;
    private final List<String> lines;
    private List<Histogram> currentHistograms;
    private int index;

    private DbBenchLines(List<String> lines) {
        this.lines = lines;
    }

    /**
     * Reads every line once.
     *
     * @throws MetricsException if a line db_bench formats in a known way is garbled
     */
    static DbBenchLines parse(List<String> lines) {
        DbBenchLines parsed = new DbBenchLines(lines);
        parsed.parseAll();
        return parsed;
    }

    private void parseAll() {
        for (index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            String stripped = line.strip();
            if (line.contains("micros/op")) {
                result(line);
            } else if (stripped.startsWith("Microseconds per ")) {
                histogram(stripped);
            } else if (stripped.startsWith("Cumulative stall:")) {
                cumulativeStall(stripped);
            } else if (stripped.equals(COMPACTION_STATS_DEFAULT)) {
                compactionStats();
            } else if (stripped.equals(LEVEL_STATS_HEADER)) {
                levelStats();
            } else if (stripped.equals("STATISTICS:")) {
                statistics();
            }
        }
    }

    private void result(String line) {
        Matcher m = RESULT.matcher(line.stripTrailing());
        if (!m.matches()) {
            throw garbled("benchmark result line", "'<benchmark> : <x> micros/op <n> ops/sec <s> seconds"
                    + " <n> operations; [<x> MB/s]'");
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("micros_per_op", number(m.group(2)));
        figures.put("ops_per_sec", number(m.group(3)));
        if (m.group(4) != null) {
            figures.put("elapsed_seconds", number(m.group(4)));
            figures.put("operations", number(m.group(5)));
        }
        Matcher mb = MB_PER_SEC.matcher(m.group(6).strip());
        if (mb.matches()) {
            figures.put("mb_per_sec", number(mb.group(1)));
        }
        currentHistograms = new ArrayList<>();
        runs.add(new Run(m.group(1), line, Collections.unmodifiableMap(figures),
                Collections.unmodifiableList(currentHistograms)));
    }

    private void histogram(String header) {
        Matcher h = HISTOGRAM_HEADER.matcher(header);
        if (!h.matches()) {
            throw garbled("histogram header", "'Microseconds per <op>:'");
        }
        if (currentHistograms == null) {
            throw garbled("histogram header before any benchmark result line",
                    "a 'Microseconds per <op>:' block right after its result line");
        }
        String operation = h.group(1);
        if (currentHistograms.stream().anyMatch(x -> x.operation().equals(operation))) {
            throw garbled("second 'Microseconds per " + operation + ":' histogram for benchmark '"
                    + runs.get(runs.size() - 1).name() + "'", "one histogram per operation");
        }
        Map<String, Double> fields = new LinkedHashMap<>();
        List<double[]> buckets = new ArrayList<>();
        while (index + 1 < lines.size()) {
            String next = lines.get(index + 1).strip();
            if (next.startsWith("Count:")) {
                index++;
                Matcher m = matchOrThrow(COUNT_LINE, next, "'Count: <n> Average: <x>  StdDev: <x>'");
                fields.put("hist_count", number(m.group(1)));
                fields.put("hist_avg_us", number(m.group(2)));
                fields.put("hist_stddev_us", number(m.group(3)));
            } else if (next.startsWith("Min:")) {
                index++;
                Matcher m = matchOrThrow(MIN_LINE, next, "'Min: <x>  Median: <x>  Max: <x>'");
                fields.put("hist_min_us", number(m.group(1)));
                fields.put("hist_median_us", number(m.group(2)));
                fields.put("hist_max_us", number(m.group(3)));
            } else if (next.startsWith("Percentiles:")) {
                index++;
                Matcher m = matchOrThrow(PERCENTILES_LINE, next, "'Percentiles: P50: <x> P75: <x> ...'");
                Matcher p = PERCENTILE.matcher(m.group(1));
                while (p.find()) {
                    fields.put("p" + p.group(1).replace(".", "") + "_us", number(p.group(2)));
                }
            } else if (next.startsWith("-----") && !buckets.isEmpty()) {
                break;
            } else if (next.startsWith("-----")) {
                index++;
                while (index + 1 < lines.size() && (lines.get(index + 1).startsWith("[")
                        || lines.get(index + 1).startsWith("("))) {
                    index++;
                    Matcher m = matchOrThrow(BUCKET_ROW, lines.get(index).strip(),
                            "'( <low>, <high> ] <count> <x>% <x>% ###'");
                    buckets.add(new double[] {number(m.group(1)), number(m.group(2)), number(m.group(3))});
                }
            } else {
                break;
            }
        }
        currentHistograms.add(new Histogram(operation, Collections.unmodifiableMap(fields), bucketTable(buckets)));
    }

    // Gaps between printed rows are buckets that held no sample; an "inf" upper edge is RocksDB's last bucket.
    private Optional<LatencyHistogram> bucketTable(List<double[]> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Double> edges = new ArrayList<>(List.of(rows.get(0)[0]));
        List<Long> counts = new ArrayList<>();
        for (double[] row : rows) {
            if (row[0] > edges.get(edges.size() - 1)) {
                edges.add(row[0]);
                counts.add(0L);
            }
            edges.add(row[1]);
            counts.add((long) row[2]);
        }
        try {
            return Optional.of(new LatencyHistogram("us", edges.stream().mapToDouble(Double::doubleValue).toArray(),
                    counts.stream().mapToLong(Long::longValue).toArray()));
        } catch (IllegalArgumentException e) {
            throw garbled("histogram bucket table: " + e.getMessage(), "buckets with increasing edges");
        }
    }

    private void cumulativeStall(String line) {
        Matcher m = matchOrThrow(CUMULATIVE_STALL, line,
                "'Cumulative stall: <h>:<m>:<s> H:M:S, <x> percent'");
        double seconds = number(m.group(1)) * 3600 + number(m.group(2)) * 60 + number(m.group(3));
        dbWide.put("stall_seconds", seconds);
        dbWide.put("stall_percent", number(m.group(4)));
    }

    // InternalStats prints a level's row only when it has files or compaction work, so a level table
    // without an L0 row means L0 holds no files. The "Priority" table shares the banner: skip it.
    private void compactionStats() {
        if (index + 1 >= lines.size() || !lines.get(index + 1).strip().startsWith("Level ")) {
            return;
        }
        index += 2; // the header and the dashes
        double l0 = 0;
        while (index + 1 < lines.size() && !lines.get(index + 1).isBlank()) {
            index++;
            Matcher m = COMPACTION_L0_ROW.matcher(lines.get(index));
            if (m.matches()) {
                l0 = number(m.group(1));
            }
        }
        dbWide.put("l0_files", l0);
    }

    private void levelStats() {
        int header = index;
        index++; // the dashes
        while (index + 1 < lines.size()) {
            Matcher m = LEVEL_STATS_ROW.matcher(lines.get(index + 1).strip());
            if (!m.matches()) {
                break;
            }
            index++;
            if (m.group(1).equals("0")) {
                dbWide.put("l0_files", number(m.group(2)));
                return;
            }
        }
        index = header;
        throw garbled("'" + LEVEL_STATS_HEADER + "' table without a row for level 0",
                "rows '<level> <files> <size>' starting with level 0");
    }

    private void statistics() {
        statisticsSeen = true;
        while (index + 1 < lines.size() && lines.get(index + 1).strip().startsWith("rocksdb.")) {
            index++;
            Matcher m = matchOrThrow(STATISTIC, lines.get(index).strip(),
                    "'rocksdb.<ticker> COUNT : <n>' or 'rocksdb.<histogram> P50 : <x> ... COUNT : <n> SUM : <n>'");
            String name = "stat." + m.group(1);
            Map<String, Double> fields = new LinkedHashMap<>();
            Matcher field = STATISTIC_FIELD.matcher(m.group(2));
            while (field.find()) {
                fields.put(field.group(1).toLowerCase(Locale.ROOT), number(field.group(2)));
            }
            if (fields.keySet().equals(Set.of("count"))) { // a ticker
                dbWide.put(name, fields.get("count"));
            } else {
                fields.forEach((key, value) -> dbWide.put(name + "." + key, value));
            }
        }
        Double stallMicros = dbWide.get("stat.rocksdb.stall.micros");
        if (stallMicros != null) {
            dbWide.put("stall_micros", stallMicros);
        }
    }

    private Matcher matchOrThrow(Pattern pattern, String text, String expected) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            throw garbled("unexpected shape", expected);
        }
        return m;
    }

    private double number(String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the line it came from
        }
        throw garbled("'" + text + "' is not a number", "a finite decimal number there");
    }

    private MetricsException garbled(String what, String expected) {
        return new MetricsException("garbled db_bench output at line " + (index + 1) + " (" + what + "): '"
                + lines.get(index).strip() + "'; expected " + expected);
    }
}
