package dev.aiopt.junit.internal.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The causal profile as a short prompt section: the top few slice lines by impact, each with coz's predicted
 * program speedup at 20% and 50% line speedup and the code of that line, the hottest lines outside the slice as
 * context, and the on-/off-CPU split when a perf or bperf report is given. Moderate detail on purpose: a model
 * does better with five lines it can act on than with the raw profile.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class FeedbackSummary {
    private static final int MAX_CODE_CHARS = 160;
    private static final int MAX_CONTEXT = 3;

    private final CausalProfile profile;
    private final SliceMapping mapping;
    private final List<String> sliceLines;
    private final int maxLines;
    private final Optional<PerfReport> perfReport;

    private FeedbackSummary(CausalProfile profile, SliceMapping mapping, String sliceText, int maxLines,
            Optional<PerfReport> perfReport) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.sliceLines = List.of(Objects.requireNonNull(sliceText, "sliceText").split("\r?\n", -1));
        if (maxLines < 1 || maxLines > 10) {
            throw new IllegalArgumentException("maxLines must be between 1 and 10 (3 to 5 reads best): " + maxLines);
        }
        this.maxLines = maxLines;
        this.perfReport = Objects.requireNonNull(perfReport, "perfReport");
    }

    /** A summary of the top {@code maxLines} slice lines; {@code sliceText} is the slice the prompt shows. */
    public static FeedbackSummary of(CausalProfile profile, SliceMapping mapping, String sliceText, int maxLines) {
        return new FeedbackSummary(profile, mapping, sliceText, maxLines, Optional.empty());
    }

    /** This summary with the on-/off-CPU split of a perf or bperf report. */
    public FeedbackSummary withPerfReport(PerfReport report) {
        return new FeedbackSummary(profile, mapping, String.join("\n", sliceLines), maxLines, Optional.of(report));
    }

    /** The prompt text (a few hundred characters to about two kilobytes). */
    public String render() {
        List<Hotspot> hotspots = profile.hotspots(mapping);
        List<Hotspot> targets = hotspots.stream().filter(h -> h.inSlice() && h.impact() > 0).limit(maxLines).toList();
        List<Hotspot> context = hotspots.stream().filter(h -> !h.inSlice() && h.impact() > 0).limit(MAX_CONTEXT)
                .toList();
        StringBuilder out = new StringBuilder();
        String points = hotspots.stream().map(Hotspot::progressPoint).distinct().map(p -> "\"" + p + "\"")
                .reduce((a, b) -> a + ", " + b).orElse("none");
        out.append(String.format(Locale.ROOT, "Causal profile (coz, %d experiments, progress point %s).%n",
                profile.experiments(), points));
        if (targets.isEmpty()) {
            out.append("No line inside the slice has a predicted program speedup yet.\n");
        } else {
            // The viewer's impact is the best average over line speedups from 0 up to some point, so a line can
            // rank high on small speedups and still predict a slower program at 20% or 50%: say what a sign means.
            out.append("Slice lines coz ranks highest (the viewer's impact, most first); a negative figure means the"
                    + " program ran slower in those experiments:\n");
            for (Hotspot h : targets) {
                int line = h.sliceLine().getAsInt();
                out.append(String.format(Locale.ROOT, "- slice line %d: line 20%% faster -> program %s; "
                        + "line 50%% faster -> program %s (impact %.3f, %d measurements)%n", line,
                        percent(h.programSpeedupAt20()), percent(h.programSpeedupAt50()), h.impact(), h.points()));
                code(line).ifPresent(code -> out.append("    ").append(code).append('\n'));
            }
        }
        if (!context.isEmpty()) {
            out.append("Outside the slice (context, not editable): ");
            out.append(String.join(", ", context.stream()
                    .map(h -> String.format(Locale.ROOT, "%s (impact %.3f)", h.location(), h.impact())).toList()));
            out.append('\n');
        }
        perfReport.ifPresent(report -> {
            PerfReport.CpuShare share = report.cpuShare();
            if (share.hasOffCpu()) {
                out.append(String.format(Locale.ROOT, "Time split (bperf): on-CPU %.1f%%, off-CPU %.1f%% "
                        + "(I/O %.1f%%, lock %.1f%%, scheduling %.1f%%, other %.1f%%).%n", share.onCpuPercent(),
                        share.offCpuPercent(), share.ioPercent(), share.lockPercent(), share.schedulingPercent(),
                        share.otherOffCpuPercent()));
            } else {
                out.append("Time split (perf): on-CPU samples only; off-CPU time was not measured.\n");
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    private Optional<String> code(int sliceLine) {
        if (sliceLine > sliceLines.size()) {
            return Optional.empty();
        }
        String code = sliceLines.get(sliceLine - 1).strip();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(code.length() <= MAX_CODE_CHARS ? code : code.substring(0, MAX_CODE_CHARS) + " ...");
    }

    private static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", 100 * fraction.getAsDouble())
                : "not measured";
    }
}
