package dev.aiopt.junit.internal.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of a {@code perf report --stdio} (or bperf) listing sorted by {@code comm,dso,sym} and optionally
 * {@code srcline}: overhead, command, shared object, symbol tag, symbol and source line. Gives the on-CPU /
 * off-CPU split of bperf's blocked samples ({@link #cpuShare()}) and an on-CPU line ranking
 * ({@link #rankedSourceLines()}) to choose fixed-line coz runs.
 *
 * @param rows the rows in report order (highest overhead first, as perf prints them)
 * @param hasSourceLines whether the report had a {@code Source:Line} column
 */
record PerfReport(List<Row> rows, boolean hasSourceLines) {
    private static final String SOURCE = "perf report";
    // An optional TUI fold marker in column 0, the overhead, then command, object, [tag] and the rest.
    private static final Pattern ROW = Pattern.compile(
            "^[+-]?\\s+([0-9]+(?:\\.[0-9]+)?)%\\s+(\\S+)\\s+(\\S+)\\s+\\[(.)\\]\\s+(\\S.*?)\\s*$");
    private static final Pattern OVERHEAD_ONLY = Pattern.compile("^[+-]?\\s+[0-9]+(?:\\.[0-9]+)?%.*");
    private static final Pattern SRCLINE_SPLIT = Pattern.compile("^(.*?\\S)\\s{2,}(\\S+)$");

    public PerfReport {
        rows = List.copyOf(rows);
    }

    /**
     * One report row. {@code overheadPercent} is perf's Overhead column; with bperf it is the share of on-CPU
     * plus weighted off-CPU time.
     */
    public record Row(double overheadPercent, String command, String object, SampleTag tag, String symbol,
            Optional<String> srcline) {
        public Row {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(srcline, "srcline");
        }

        /** The source line as a coz-style location when {@code srcline} is {@code file:LINE}. */
        public Optional<CozLocation> sourceLocation() {
            return srcline.map(CozLocation::parse).filter(CozLocation::isSourceLine);
        }
    }

    /** perf's symbol-level tag, plus bperf's off-CPU subclasses. */
    public enum SampleTag {
        /** {@code [.]} user space, on CPU. */
        USER('.', CpuClass.ON_CPU),
        /** {@code [k]} kernel, on CPU. */
        KERNEL('k', CpuClass.ON_CPU),
        /** {@code [g]} guest kernel, on CPU. */
        GUEST_KERNEL('g', CpuClass.ON_CPU),
        /** {@code [u]} guest user, on CPU. */
        GUEST_USER('u', CpuClass.ON_CPU),
        /** {@code [H]} hypervisor, on CPU. */
        HYPERVISOR('H', CpuClass.ON_CPU),
        /** bperf {@code [I]}: blocked on I/O. */
        IO('I', CpuClass.IO),
        /** bperf {@code [L]}: waiting for a lock. */
        LOCK('L', CpuClass.LOCK),
        /** bperf {@code [S]}: runnable, waiting in the runqueue. */
        SCHEDULING('S', CpuClass.SCHEDULING),
        /** bperf {@code [B]}: other off-CPU time (sleep and the like). */
        BLOCKED('B', CpuClass.OTHER_OFF_CPU);

        private final char symbol;
        private final CpuClass cpuClass;

        SampleTag(char symbol, CpuClass cpuClass) {
            this.symbol = symbol;
            this.cpuClass = cpuClass;
        }

        /** Where the time of this tag is spent. */
        public CpuClass cpuClass() {
            return cpuClass;
        }

        static Optional<SampleTag> of(char symbol) {
            for (SampleTag tag : values()) {
                if (tag.symbol == symbol) {
                    return Optional.of(tag);
                }
            }
            return Optional.empty();
        }
    }

    /** On CPU, or one of bperf's off-CPU subclasses. */
    public enum CpuClass {
        ON_CPU, IO, LOCK, SCHEDULING, OTHER_OFF_CPU
    }

    /**
     * Overhead percentages summed by class: how the profiled time splits between running and the off-CPU
     * subclasses. All off-CPU terms are 0 for stock perf, which only samples on-CPU time.
     */
    public record CpuShare(double onCpuPercent, double ioPercent, double lockPercent, double schedulingPercent,
            double otherOffCpuPercent) {
        /** Sum of the off-CPU subclasses. */
        public double offCpuPercent() {
            return ioPercent + lockPercent + schedulingPercent + otherOffCpuPercent;
        }

        /** True when the report had any off-CPU (bperf) rows. */
        public boolean hasOffCpu() {
            return offCpuPercent() > 0;
        }
    }

    /** Parses report text; rows that look like rows but cannot be read raise {@link ProfileFormatException}. */
    public static PerfReport parse(String text) {
        List<Row> rows = new ArrayList<>();
        boolean hasSourceLines = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                hasSourceLines |= line.contains("Source:Line");
                continue;
            }
            if (line.isBlank() || !OVERHEAD_ONLY.matcher(line).matches()) {
                continue; // banners, call-graph children, TUI fold lines
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw new ProfileFormatException(SOURCE, i + 1, "expected a row \"Overhead%  Command  Object  [tag]"
                        + "  Symbol\" (perf report --stdio --sort comm,dso,sym[,srcline])", line);
            }
            int lineNumber = i + 1;
            SampleTag tag = SampleTag.of(m.group(4).charAt(0)).orElseThrow(() -> new ProfileFormatException(SOURCE,
                    lineNumber, "expected a symbol tag [.] [k] [g] [u] [H] or bperf's [I] [L] [S] [B], "
                            + "found [" + m.group(4) + "]", line));
            String symbol = m.group(5);
            Optional<String> srcline = Optional.empty();
            if (hasSourceLines) {
                Matcher split = SRCLINE_SPLIT.matcher(symbol);
                if (split.matches()) {
                    symbol = split.group(1);
                    srcline = Optional.of(split.group(2));
                }
            }
            rows.add(new Row(Double.parseDouble(m.group(1)), m.group(2), m.group(3), tag, symbol, srcline));
        }
        return new PerfReport(rows, hasSourceLines);
    }

    /** Reads and parses a report file. */
    public static PerfReport read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read perf report " + file, e);
        }
    }

    /** Overhead summed by on-CPU and off-CPU subclass. */
    public CpuShare cpuShare() {
        double[] sums = new double[CpuClass.values().length];
        for (Row row : rows) {
            sums[row.tag().cpuClass().ordinal()] += row.overheadPercent();
        }
        return new CpuShare(sums[0], sums[1], sums[2], sums[3], sums[4]);
    }

    /**
     * On-CPU source lines ({@code file:LINE} srclines of {@code [.]} rows), highest overhead first, with the
     * overhead of equal lines summed. Empty unless the report was sorted by srcline.
     */
    public List<Map.Entry<String, Double>> rankedSourceLines() {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.tag() == SampleTag.USER) {
                row.sourceLocation().ifPresent(l -> sums.merge(l.text(), row.overheadPercent(), Double::sum));
            }
        }
        return sums.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
