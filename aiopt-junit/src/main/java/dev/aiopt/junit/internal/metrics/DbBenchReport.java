package dev.aiopt.junit.internal.metrics;

import dev.aiopt.junit.internal.metrics.DbBenchLines.Histogram;
import dev.aiopt.junit.internal.stats.LatencyHistogram;
import dev.aiopt.junit.internal.metrics.DbBenchLines.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metrics in the text output of RocksDB's {@code db_bench} (7.8.3 and later formats), and of
 * benchmarks that print the same lines. Each benchmark of a {@code --benchmarks=a,b,...} run is kept
 * apart: its result line ({@code micros/op}, {@code ops/sec}, {@code MB/s}) and the {@code --histogram}
 * blocks that follow it ({@code Microseconds per write:} ...). DB-wide figures (write stall from the
 * {@code stats} dump, L0 files from {@code stats} or {@code levelstats}, the {@code --statistics}
 * tickers and histograms) come from the last dump in the output and are shared by every benchmark.
 *
 * <p>{@link #metrics(String)} flattens a benchmark to stable names ({@code ops_per_sec}, {@code p99_us},
 * {@code stall_percent}, {@code stat.rocksdb.stall.micros}, ...); {@link #require(String, String)}
 * returns one of them or says which flag would have produced it.
 */
final class DbBenchReport {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern VERSION = Pattern.compile("^RocksDB:\\s+version\\s+(\\S+)$");
    private static final Pattern PROGRESS = Pattern.compile("^\\.\\.\\. finished \\d+ ops$");

    // db_bench names in --benchmarks that print dumps, not a result line.
    private static final Set<String> DUMP_BENCHMARKS = Set.of("stats", "levelstats", "sstables", "memstats",
            "resetstats", "printheap");

    /** Names a histogram contributes, and the line of the histogram block that carries each. */
    private static final Map<String, String> HISTOGRAM_FIELD_LINES = histogramFieldLines();

    private final Map<String, Run> runsByKey;
    private final Map<String, List<String>> keysOfRepeatedNames;
    private final Map<String, Double> dbWide;
    private final boolean statisticsSeen;
    private final String rocksDbVersion;

    private DbBenchReport(DbBenchLines parser, String rocksDbVersion) {
        Map<String, Double> named = new LinkedHashMap<>();
        parser.dbWide.forEach((name, value) -> {
            if (!name.startsWith("stat.")) {
                named.put(name, value);
            }
        });
        named.putAll(parser.dbWide);
        this.dbWide = Collections.unmodifiableMap(named);
        this.statisticsSeen = parser.statisticsSeen;
        this.rocksDbVersion = rocksDbVersion;
        List<Run> runs = parser.runs;
        Map<String, Long> occurrences = runs.stream()
                .collect(Collectors.groupingBy(Run::name, LinkedHashMap::new, Collectors.counting()));
        Map<String, Run> byKey = new LinkedHashMap<>();
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Run run : runs) {
            String key = run.name();
            if (occurrences.get(run.name()) > 1) {
                key = run.name() + "#" + seen.merge(run.name(), 1, Integer::sum);
                repeated.computeIfAbsent(run.name(), n -> new ArrayList<>()).add(key);
            }
            byKey.put(key, run);
        }
        this.runsByKey = Collections.unmodifiableMap(byKey);
        this.keysOfRepeatedNames = Collections.unmodifiableMap(repeated);
    }

    /**
     * Parses what {@code db_bench} wrote to stdout (or both streams merged with {@code 2>&1}).
     *
     * @throws MetricsException if the output holds no benchmark result line, or a line that db_bench
     *     formats in a known way (result line, histogram, {@code Cumulative stall:}, statistics) is garbled
     */
    public static DbBenchReport parse(String stdout) {
        return parse(stdout, "");
    }

    /**
     * Parses {@code db_bench}'s stdout; {@code stderr} supplies the {@code RocksDB: version} header and,
     * when stdout holds no result, the last lines db_bench printed (usually why it failed). Periodic stats
     * dumps on stderr ({@code --stats_interval_seconds}) are interval snapshots and are not used.
     *
     * @throws MetricsException as {@link #parse(String)}
     */
    public static DbBenchReport parse(String stdout, String stderr) {
        String out = stdout == null ? "" : stdout;
        String err = stderr == null ? "" : stderr;
        List<String> outLines = lines(out);
        List<String> errLines = lines(err);
        DbBenchLines parser = DbBenchLines.parse(outLines);
        if (parser.runs.isEmpty()) {
            throw new MetricsException(noResultMessage(out, outLines, errLines));
        }
        String version = findVersion(outLines).or(() -> findVersion(errLines)).orElse(null);
        return new DbBenchReport(parser, version);
    }

    /**
     * The benchmarks found, in run order. A benchmark that ran more than once (a name repeated in
     * {@code --benchmarks}, or {@code name[X3]}) is listed as {@code name#1}, {@code name#2}, ....
     * Dump-only entries such as {@code stats} and {@code levelstats} print no result line and are not listed.
     */
    public List<String> benchmarks() {
        return List.copyOf(runsByKey.keySet());
    }

    /** The {@code RocksDB: version} that db_bench printed in its header, if the output holds it. */
    public Optional<String> rocksDbVersion() {
        return Optional.ofNullable(rocksDbVersion);
    }

    /**
     * All metrics of {@code benchmark} under stable names, as an unmodifiable map in a fixed order:
     * <ul>
     *   <li>from the result line: {@code micros_per_op}, {@code ops_per_sec}, {@code elapsed_seconds},
     *       {@code operations}, {@code mb_per_sec} (the last only for benchmarks that count bytes);
     *   <li>per {@code Microseconds per <op>:} histogram: {@code <op>.hist_count}, {@code <op>.hist_avg_us},
     *       {@code <op>.hist_stddev_us}, {@code <op>.hist_min_us}, {@code <op>.hist_median_us},
     *       {@code <op>.hist_max_us}, {@code <op>.p50_us}, {@code <op>.p75_us}, {@code <op>.p99_us},
     *       {@code <op>.p999_us}, {@code <op>.p9999_us}; when the benchmark has exactly one histogram these
     *       names are also given without the {@code <op>.} prefix;
     *   <li>DB-wide, from the last dump: {@code stall_percent} and {@code stall_seconds} (the DB Stats line
     *       {@code Cumulative stall:}), {@code l0_files}, {@code stall_micros} (the
     *       {@code rocksdb.stall.micros} ticker), and every {@code --statistics} entry as
     *       {@code stat.<ticker>} or {@code stat.<histogram>.p50|p95|p99|p100|count|sum}.
     * </ul>
     *
     * @throws MetricsException if no such benchmark is in the output
     */
    public Map<String, Double> metrics(String benchmark) {
        return Collections.unmodifiableMap(metricsOf(run(benchmark)));
    }

    /**
     * The metric {@code metric} of {@code benchmark}, named as in {@link #metrics(String)}.
     *
     * @throws MetricsException naming the metric, the benchmark and the db_bench flag that produces the
     *     metric, if it is absent; or listing the benchmarks found, if the benchmark is not
     */
    public double require(String benchmark, String metric) {
        Run run = run(benchmark);
        Double value = metricsOf(run).get(metric);
        if (value == null) {
            throw new MetricsException(explainMissing(benchmark, run, metric));
        }
        return value;
    }

    /**
     * The bucket table of {@code benchmark}'s {@code Microseconds per <operation>:} histogram (empty
     * {@code operation}: its only one), in microseconds. db_bench prints only the buckets that hold samples;
     * the gaps between them are empty buckets here, so histograms of several runs {@link LatencyHistogram#merge merge}.
     *
     * @throws MetricsException if the benchmark or the histogram is absent, or the histogram has no bucket rows
     */
    public LatencyHistogram histogram(String benchmark, String operation) {
        Run run = run(benchmark);
        List<Histogram> candidates = run.histograms().stream()
                .filter(h -> operation.isEmpty() || h.operation().equals(operation)).toList();
        if (candidates.size() != 1) {
            throw new MetricsException(histogram("no latency histogram for benchmark '" + benchmark + "': ", run,
                    operation, "p99_us"));
        }
        return candidates.get(0).buckets().orElseThrow(() -> new MetricsException("no bucket rows ('( <low>, <high> ]"
                + " <count> <%> <cum%>') under 'Microseconds per " + candidates.get(0).operation() + ":' for benchmark '"
                + benchmark + "' — the output was cut short after the Percentiles line"));
    }

    @Override
    public String toString() {
        return "DbBenchReport" + benchmarks();
    }

    private Run run(String benchmark) {
        Run run = runsByKey.get(benchmark);
        if (run != null) {
            return run;
        }
        List<String> keys = keysOfRepeatedNames.get(benchmark);
        if (keys != null) {
            throw new MetricsException("benchmark '" + benchmark + "' ran " + keys.size()
                    + " times in this db_bench output; name one run: " + String.join(", ", keys));
        }
        if (DUMP_BENCHMARKS.contains(benchmark)) {
            throw new MetricsException("'" + benchmark + "' in --benchmarks prints a dump, not a result line:"
                    + " its figures (stall_percent, stall_seconds, l0_files) are in the metrics of every"
                    + " benchmark; benchmarks found: " + benchmarks());
        }
        throw new MetricsException("no benchmark '" + benchmark + "' in the db_bench output; benchmarks found: "
                + benchmarks());
    }

    private Map<String, Double> metricsOf(Run run) {
        Map<String, Double> metrics = new LinkedHashMap<>(run.figures());
        if (run.histograms().size() == 1) {
            metrics.putAll(run.histograms().get(0).fields());
        }
        for (Histogram histogram : run.histograms()) {
            histogram.fields().forEach((name, value) -> metrics.put(histogram.operation() + "." + name, value));
        }
        metrics.putAll(dbWide);
        return metrics;
    }

    private String explainMissing(String benchmark, Run run, String metric) {
        String missing = metric + " missing for benchmark '" + benchmark + "': ";
        int dot = metric.indexOf('.');
        String prefix = dot < 0 ? "" : metric.substring(0, dot);
        String base = dot < 0 ? metric : metric.substring(dot + 1);
        if (metric.startsWith("stat.")) {
            return statistics(missing, metric.substring("stat.".length()));
        }
        if (HISTOGRAM_FIELD_LINES.containsKey(base)) {
            return histogram(missing, run, prefix, base);
        }
        return switch (metric) {
            case "mb_per_sec" -> missing + "its result line has no 'MB/s' figure (db_bench prints MB/s only for"
                    + " benchmarks that count bytes): '" + run.resultLine().strip() + "'";
            case "elapsed_seconds", "operations" -> missing + "its result line predates db_bench's"
                    + " '<s> seconds <n> operations' format: '" + run.resultLine().strip() + "'";
            case "stall_percent", "stall_seconds" -> missing + "no 'Cumulative stall:' line (the DB Stats dump)"
                    + " in the output — add 'stats' to --benchmarks, e.g. --benchmarks=" + run.name() + ",stats";
            case "stall_micros" -> missing + "no 'rocksdb.stall.micros COUNT : n' ticker in the output"
                    + " — run db_bench with --statistics";
            case "l0_files" -> missing + "no '" + DbBenchLines.COMPACTION_STATS_DEFAULT + "' level table and no '"
                    + DbBenchLines.LEVEL_STATS_HEADER + "' table in the output — add 'stats' or 'levelstats' to --benchmarks,"
                    + " e.g. --benchmarks=" + run.name() + ",stats,levelstats";
            default -> "unknown metric '" + metric + "' for benchmark '" + benchmark + "'; it has: "
                    + String.join(", ", metricsOf(run).keySet().stream()
                            .filter(name -> !name.startsWith("stat.")).toList())
                    + (statisticsSeen ? ", stat.<ticker>, stat.<histogram>.p50|p95|p99|p100|count|sum"
                            : " (and stat.<name> with --statistics)");
        };
    }

    private String statistics(String missing, String name) {
        if (!statisticsSeen) {
            return missing + "no 'STATISTICS:' block in the output — run db_bench with --statistics";
        }
        return missing + "no ticker or histogram '" + name + "' in the STATISTICS block; tickers are named like"
                + " 'stat.rocksdb.stall.micros', histogram fields like 'stat.rocksdb.db.write.micros.p99'"
                + " (p50, p95, p99, p100, count, sum)";
    }

    private static String histogram(String missing, Run run, String operation, String field) {
        String line = HISTOGRAM_FIELD_LINES.get(field);
        List<Histogram> histograms = run.histograms();
        if (operation.isEmpty()) {
            if (histograms.isEmpty()) {
                return missing + "no '" + line + "' line after a 'Microseconds per <op>:' header following its"
                        + " result line — run db_bench with --histogram";
            }
            if (histograms.size() > 1) {
                return missing + "it has several histograms (" + operations(histograms) + "), name one: "
                        + histograms.stream().map(h -> "'" + h.operation() + "." + field + "'")
                                .collect(Collectors.joining(" or "));
            }
            operation = histograms.get(0).operation();
        }
        String op = operation;
        if (histograms.stream().noneMatch(h -> h.operation().equals(op))) {
            return missing + "no 'Microseconds per " + op + ":' histogram after its result line"
                    + (histograms.isEmpty() ? "" : " (it has: " + operations(histograms) + ")")
                    + " — run db_bench with --histogram";
        }
        return missing + "no '" + line + "' line after 'Microseconds per " + op + ":' — run db_bench with"
                + " --histogram, and check that the output was not cut short";
    }

    private static String operations(List<Histogram> histograms) {
        return histograms.stream().map(Histogram::operation).collect(Collectors.joining(", "));
    }

    private static String noResultMessage(String out, List<String> outLines, List<String> errLines) {
        StringBuilder message = new StringBuilder();
        if (out.isBlank()) {
            message.append("db_bench stdout is empty: there is no benchmark result line to read metrics from");
        } else {
            message.append("no db_bench result line ('<benchmark> : <x> micros/op <n> ops/sec ...') in the"
                    + " output; is this db_bench output? First lines seen:");
            quote(message, outLines.stream().filter(l -> !l.isBlank()).limit(5).toList());
        }
        List<String> errTail = errLines.stream()
                .filter(l -> !l.isBlank() && !PROGRESS.matcher(l.strip()).matches()).toList();
        if (!errTail.isEmpty()) {
            message.append(out.isBlank() ? "; " : "\n").append("last lines of stderr:");
            quote(message, errTail.subList(Math.max(0, errTail.size() - 5), errTail.size()));
        }
        return message.toString();
    }

    private static void quote(StringBuilder message, List<String> lines) {
        for (String line : lines) {
            String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
            message.append("\n  | ").append(shown);
        }
    }

    private static Optional<String> findVersion(List<String> lines) {
        for (String line : lines) {
            Matcher m = VERSION.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    // Progress reports are joined by bare carriage returns; splitting on them too keeps a result line
    // that follows one (in merged 2>&1 output) on a line of its own.
    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(LINE_BREAK.split(text, -1));
    }

    private static Map<String, String> histogramFieldLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String field : List.of("hist_count", "hist_avg_us", "hist_stddev_us")) {
            lines.put(field, "Count:");
        }
        for (String field : List.of("hist_min_us", "hist_median_us", "hist_max_us")) {
            lines.put(field, "Min:");
        }
        for (String field : List.of("p50_us", "p75_us", "p99_us", "p999_us", "p9999_us")) {
            lines.put(field, "Percentiles:");
        }
        return Collections.unmodifiableMap(lines);
    }
}
