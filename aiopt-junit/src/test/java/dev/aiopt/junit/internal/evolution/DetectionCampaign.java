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
 * program's kit, the benchmark command at the calibrated length, the number of trials and the warm-ups. Or
 * {@code --summarize RUN_DIR FILE}: the summary of the trial lines a campaign printed into FILE, for a campaign
 * stopped before its last trial.
 */
final class DetectionCampaign {
    private DetectionCampaign() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--summarize")) {
            Path run = Path.of(args[1]);
            List<Trial> trials = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                java.util.regex.Matcher m = TRIAL.matcher(line);
                if (m.find()) {
                    trials.add(new Trial(Double.parseDouble(m.group(1)), m.group(2).equals("WORSE")));
                }
            }
            summarize(read(run), trials);
            return;
        }
        Path run = Path.of(args[0]);
        Path slowedKit = Path.of(args[1]);
        String bench = args[2];
        int trials = Integer.parseInt(args[3]);
        int warmups = Integer.parseInt(args[4]);
        Calibration.Choice choice = read(run);
        int r = choice.repeats();
        SequentialPlan plan = Calibration.plan(r);
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
        List<Trial> done = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            MeasurementPlan measurement = MeasurementPlan.sequential(r, warmups, 3 * r, Cascade.THROUGHPUT, t,
                    out.resolve("trial-" + t));
            List<List<Map<String, Double>>> runs = LocalEvaluation.measurePair(evaluator, slowed, baseline,
                    measurement, scratch);
            Workspace.deleteRecursively(scratch);
            Files.createDirectories(scratch);
            Judge.Verdict verdict = Judge.compare(runs.get(0), runs.get(1), plan, t);
            boolean worse = verdict.throughput().decision() == Decision.WORSE;
            done.add(new Trial(verdict.throughput().ratio(), worse));
            System.out.printf(Locale.ROOT, "trial %d: throughput x%.3f [%.3f, %.3f] %s, %d runs a side, load %s%n", t,
                    verdict.throughput().ratio(), verdict.throughput().low(), verdict.throughput().high(),
                    verdict.throughput().decision(), runs.get(0).size(),
                    load());
        }
        summarize(choice, done);
    }

    private static final java.util.regex.Pattern TRIAL = java.util.regex.Pattern.compile(
            "^trial \\d+: throughput x([0-9.]+) \\[[^]]*\\] (\\w+),");

    private record Trial(double ratio, boolean detected) {
    }

    private static Calibration.Choice read(Path run) {
        return Calibration.read(run).orElseThrow(() -> new IllegalArgumentException(
                run + " has no " + Calibration.FILE + ": give the directory of a run that calibrated"));
    }

    private static void summarize(Calibration.Choice choice, List<Trial> trials) {
        int r = choice.repeats();
        SequentialPlan plan = Calibration.plan(r);
        int detected = (int) trials.stream().filter(Trial::detected).count();
        double[] sorted = trials.stream().mapToDouble(Trial::ratio).sorted().toArray();
        double medianRatio = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        Calibration.Measured calibrated = new Calibration.Measured(choice.length(), choice.baselineRuns(),
                choice.chosen().secondsPerRun());
        double measuredEffect = 1 - medianRatio;
        double predicted = measuredEffect > 0 && measuredEffect < 1
                ? Calibration.power(calibrated, measuredEffect, r, 2000, 1).power() : Double.NaN;
        double[] interval = clopperPearson(detected, trials.size());
        System.out.printf(Locale.ROOT, "detected %d/%d = %.1f%% [%.1f%%, %.1f%%] (Clopper-Pearson 95%%); the trials'"
                + " median slowdown x%.3f (%.1f%%); power predicted from the calibration's %d baseline runs (%s) at"
                + " that slowdown %.1f%% (at the calibrated %.0f%%: %.1f%%); load after %s%n", detected, trials.size(),
                100.0 * detected / trials.size(), 100 * interval[0], 100 * interval[1], medianRatio,
                100 * measuredEffect, choice.baselineRuns().size(), plan.describeTests(ComparisonSettings.defaults()),
                100 * predicted, 100 * choice.effect(), 100 * choice.chosen().power(), load());
        System.out.println("ratios: " + Arrays.toString(trials.stream()
                .map(t -> String.format(Locale.ROOT, "%.3f", t.ratio())).toArray()));
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
