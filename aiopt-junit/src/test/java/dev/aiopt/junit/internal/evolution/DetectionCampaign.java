package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.evaluation.Evaluator;
import dev.aiopt.junit.internal.evaluation.Isolation;
import dev.aiopt.junit.internal.evaluation.LocalEvaluation;
import dev.aiopt.junit.internal.evaluation.MeasurementPlan;
import dev.aiopt.junit.internal.provenance.Manifest;
import dev.aiopt.junit.internal.provenance.ManifestCollector;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.Decision;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The live check of a calibration's power (issue 16): N trials of the candidate decision, each exactly as a
 * candidate gets it (interleaved with the baseline, the calibrated repeats, the sequential looks, {@link Judge}),
 * of a program slowed by a known amount against the baseline. Prints every trial, the detection rate with its
 * Clopper-Pearson 95% interval, the slowdown the trials measured, and the power the calibration's simulation predicts
 * from its baseline runs at that slowdown. Run by {@code scripts/detection-campaign.sh}; a measurement,
 * not part of the suite.
 *
 * <p>Arguments: the calibrated run's directory (its {@code calibration.json} and the baseline's kit), the slowed
 * program's kit, the benchmark command at the calibrated length, the number of trials and the warm-ups.
 */
final class DetectionCampaign {
    private DetectionCampaign() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        Path slowedKit = Path.of(args[1]);
        String bench = args[2];
        int trials = Integer.parseInt(args[3]);
        int warmups = Integer.parseInt(args[4]);
        Calibration.Choice choice = Calibration.read(run).orElseThrow(() -> new IllegalArgumentException(
                run + " has no " + Calibration.FILE + ": give the directory of a run that calibrated"));
        int r = choice.repeats();
        SequentialPlan plan = new SequentialPlan(r, r, 3 * r);
        Commands commands = new Commands("true", Duration.ofMinutes(1), Optional.empty(), Duration.ofMinutes(1), bench,
                "fillrandom", List.of("db_bench"), Duration.ofMinutes(10), Optional.empty(), "auto", "ops_per_sec",
                "p99_us");
        Evaluator evaluator = new Evaluator(commands, Isolation.off());
        BuiltProgram baseline = new BuiltProgram("g0-baseline", run.resolve("programs/g0-baseline/kit"),
                Duration.ZERO, Duration.ZERO);
        BuiltProgram slowed = new BuiltProgram("slowed", slowedKit, Duration.ZERO, Duration.ZERO);
        Path out = Files.createDirectories(run.resolve("detection-campaign"));
        Path scratch = Files.createDirectories(out.resolve("scratch"));
        System.out.printf(Locale.ROOT, "detection campaign: %d trials, %s, %d repeats a side (up to %d), load %s%n",
                trials, choice.length(), r, 3 * r, load());
        int detected = 0;
        List<Double> ratios = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            MeasurementPlan measurement = MeasurementPlan.sequential(r, warmups, 3 * r, Cascade.THROUGHPUT, t,
                    out.resolve("trial-" + t));
            List<List<Map<String, Double>>> runs = LocalEvaluation.measurePair(evaluator, slowed, baseline,
                    measurement, scratch);
            Workspace.deleteRecursively(scratch);
            Files.createDirectories(scratch);
            Judge.Verdict verdict = Judge.compare(runs.get(0), runs.get(1), plan, t);
            boolean worse = verdict.throughput().decision() == Decision.WORSE;
            detected += worse ? 1 : 0;
            ratios.add(verdict.throughput().ratio());
            System.out.printf(Locale.ROOT, "trial %d: throughput x%.3f [%.3f, %.3f] %s, %d runs a side, load %s%n", t,
                    verdict.throughput().ratio(), verdict.throughput().low(), verdict.throughput().high(),
                    verdict.throughput().decision(), runs.get(0).size(),
                    load());
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double medianRatio = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        Calibration.Measured calibrated = new Calibration.Measured(choice.length(), choice.baselineRuns(),
                choice.chosen().secondsPerRun());
        int baselineRuns = choice.baselineRuns().size();
        double measuredEffect = 1 - medianRatio;
        double predicted = measuredEffect > 0 && measuredEffect < 1
                ? Calibration.power(calibrated, measuredEffect, r, 2000, 1).power() : Double.NaN;
        double[] interval = clopperPearson(detected, trials);
        System.out.printf(Locale.ROOT, "detected %d/%d = %.1f%% [%.1f%%, %.1f%%] (Clopper-Pearson 95%%); the trials'"
                + " median slowdown x%.3f (%.1f%%); power predicted from the calibration's %d baseline runs (%s) at"
                + " that slowdown %.1f%% (at the calibrated %.0f%%: %.1f%%); load after %s%n", detected, trials,
                100.0 * detected / trials, 100 * interval[0], 100 * interval[1], medianRatio, 100 * measuredEffect,
                baselineRuns, plan.describeTests(ComparisonSettings.defaults()), 100 * predicted, 100 * choice.effect(), 100 * choice.chosen().power(),
                load());
        System.out.println("ratios: " + Arrays.toString(ratios.stream().map(x -> String.format(Locale.ROOT, "%.3f", x))
                .toArray()));
    }

    private static String load() {
        Manifest.LoadAverage load = ManifestCollector.loadAverage();
        return load == null ? "unknown" : String.format(Locale.ROOT, "%.2f %.2f %.2f", load.one(), load.five(),
                load.fifteen());
    }

    static double[] clopperPearson(int events, int trials) {
        double low = events == 0 ? 0 : BetaDistribution.of(events, trials - events + 1).inverseCumulativeProbability(0.025);
        double high = events == trials ? 1
                : BetaDistribution.of(events + 1, trials - events).inverseCumulativeProbability(0.975);
        return new double[] {low, high};
    }
}
