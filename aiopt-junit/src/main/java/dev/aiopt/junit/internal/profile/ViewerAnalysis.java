package dev.aiopt.junit.internal.profile;

import dev.aiopt.junit.internal.profile.CausalProfile.LineProfile;
import dev.aiopt.junit.internal.profile.CausalProfile.PointKind;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupCurve;
import dev.aiopt.junit.internal.profile.CausalProfile.SpeedupPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Coz's viewer computation ({@code Profile} in {@code viewer/ts/profile.ts}), reproduced operation by operation so
 * that results are bit-identical: the same double arithmetic in the same order, and the same iteration orders
 * (JavaScript object keys: array-index-like keys ascending first, then insertion order).
 */
final class ViewerAnalysis {
    private static final String EMPTY_PROFILE = "Empty Profile: the profile does not contain results from any "
            + "performance experiments. Make sure a progress point is compiled in, the program is built with debug "
            + "information, and it ran for at least a few seconds.";

    private ViewerAnalysis() {
    }

    /** Aggregated measurements of one (location, progress point, speedup); doubles, as in JavaScript. */
    private static final class Entry {
        final PointKind kind;
        double delta;
        double duration;
        double arrivals;
        double departures;
        double difference;

        Entry(PointKind kind) {
            this.kind = kind;
        }

        double dataPoint() {
            if (duration < 0) {
                return Double.NaN;
            }
            if (kind == PointKind.THROUGHPUT) {
                return duration / delta;
            }
            double arrivalRate = arrivals / duration;
            return difference / arrivalRate;
        }

        boolean hasEnoughData(int minDelta) {
            return (kind == PointKind.THROUGHPUT ? delta : arrivals) >= minDelta;
        }
    }

    static CausalProfile analyze(CozProfile profile, ViewerVariant variant, int minPoints) {
        Map<String, Map<String, Map<Double, Entry>>> data = new LinkedHashMap<>();
        Map<String, PointKind> kinds = new HashMap<>();
        CozRecord.Experiment experiment = null;
        int experiments = 0;
        for (CozRecord record : profile.records()) {
            if (record instanceof CozRecord.Experiment e) {
                boolean skip = variant.skipsCozHeader() && e.selected().contains("/coz.h:");
                experiment = skip ? null : e;
                experiments += skip ? 0 : 1;
            } else if (record instanceof CozRecord.ThroughputPoint p) {
                kinds.putIfAbsent(p.name(), PointKind.THROUGHPUT);
                // coz writes points only after an experiment; a point before any (or after a skipped coz.h
                // experiment) has nothing to be attributed to. The 0.2.2 viewer would throw here, HEAD skips.
                if (experiment != null) {
                    Entry entry = entry(data, experiment, p.name(), PointKind.THROUGHPUT);
                    entry.delta += p.delta();
                    entry.duration += experiment.duration();
                }
            } else if (record instanceof CozRecord.LatencyPoint p) {
                kinds.putIfAbsent(p.name(), PointKind.LATENCY);
                if (experiment != null) {
                    addLatency(entry(data, experiment, p.name(), PointKind.LATENCY), experiment, p);
                }
            }
        }
        List<String> warnings = experiment == null ? List.of(EMPTY_PROFILE) : List.of();
        List<String> progressPoints = progressPoints(data);
        List<LineProfile> lines = new ArrayList<>();
        for (String selected : jsKeyOrder(data.keySet())) {
            Map<String, Map<Double, Entry>> byPoint = data.get(selected);
            List<SpeedupCurve> curves = new ArrayList<>();
            int pointsWithEnough = 0;
            for (String name : progressPoints) {
                Map<Double, Entry> pointData = byPoint.get(name);
                List<SpeedupPoint> measurements = List.of();
                PointKind kind = kinds.get(name);
                if (pointData != null && pointData.containsKey(0.0)) {
                    Entry baseline = pointData.get(0.0);
                    kind = baseline.kind;
                    List<SpeedupPoint> computed = measurements(pointData, baseline, variant);
                    if (computed != null && computed.size() >= minPoints) {
                        pointsWithEnough++;
                        measurements = computed;
                    }
                }
                curves.add(new SpeedupCurve(name, kind, measurements));
            }
            if (pointsWithEnough > 0) {
                lines.add(new LineProfile(selected, curves));
            }
        }
        return new CausalProfile(variant, minPoints, progressPoints, lines, warnings, experiments);
    }

    /** The curve of one (location, point), or null when the baseline is missing or invalid. */
    private static List<SpeedupPoint> measurements(Map<Double, Entry> pointData, Entry baseline,
            ViewerVariant variant) {
        boolean filter = variant.minDelta() > 0;
        if (filter && !baseline.hasEnoughData(variant.minDelta())) {
            return null;
        }
        double baselinePoint = baseline.dataPoint();
        if (!Double.isFinite(baselinePoint)) {
            return null;
        }
        boolean maximize = baseline.kind == PointKind.THROUGHPUT;
        List<SpeedupPoint> measurements = new ArrayList<>();
        for (Map.Entry<Double, Entry> e : pointData.entrySet()) {
            if (filter && !e.getValue().hasEnoughData(variant.minDelta())) {
                continue;
            }
            double dataPoint = e.getValue().dataPoint();
            if (!Double.isFinite(dataPoint)) {
                continue;
            }
            double programSpeedup = (baselinePoint - dataPoint) / baselinePoint;
            if (!maximize) {
                programSpeedup = -programSpeedup;
            }
            if (programSpeedup >= -1 && programSpeedup <= 2) {
                measurements.add(new SpeedupPoint(e.getKey(), programSpeedup));
            }
        }
        measurements.sort(Comparator.comparingDouble(SpeedupPoint::lineSpeedup));
        return measurements;
    }

    private static Entry entry(Map<String, Map<String, Map<Double, Entry>>> data, CozRecord.Experiment experiment,
            String point, PointKind kind) {
        // JavaScript object keys are strings: -0 and 0 are the same key "0".
        double speedup = experiment.speedup() == 0 ? 0.0 : experiment.speedup();
        return data.computeIfAbsent(experiment.selected(), k -> new LinkedHashMap<>())
                .computeIfAbsent(point, k -> new LinkedHashMap<>())
                .computeIfAbsent(speedup, k -> new Entry(kind));
    }

    private static void addLatency(Entry entry, CozRecord.Experiment experiment, CozRecord.LatencyPoint point) {
        entry.arrivals += point.arrivals();
        entry.departures += point.departures();
        // Running duration-weighted average of (arrivals - departures), in the viewer's order of operations.
        if (entry.duration == 0) {
            entry.difference = point.difference();
        } else {
            double totalDuration = entry.duration + experiment.duration();
            entry.difference *= entry.duration / totalDuration;
            entry.difference += ((double) point.difference() * experiment.duration()) / totalDuration;
        }
        entry.duration += experiment.duration();
    }

    private static List<String> progressPoints(Map<String, Map<String, Map<Double, Entry>>> data) {
        // JavaScript's default sort compares UTF-16 code units, as String.compareTo does.
        TreeSet<String> names = new TreeSet<>();
        data.values().forEach(byPoint -> names.addAll(byPoint.keySet()));
        return List.copyOf(names);
    }

    /** JavaScript's for-in order: canonical array-index keys ascending, then the others in insertion order. */
    private static List<String> jsKeyOrder(Iterable<String> keys) {
        List<String> indices = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String key : keys) {
            (isArrayIndex(key) ? indices : others).add(key);
        }
        indices.sort(Comparator.comparingLong(Long::parseLong));
        indices.addAll(others);
        return indices;
    }

    private static boolean isArrayIndex(String key) {
        if (key.isEmpty() || key.length() > 10 || (key.length() > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(key) < 4294967295L;
    }
}
