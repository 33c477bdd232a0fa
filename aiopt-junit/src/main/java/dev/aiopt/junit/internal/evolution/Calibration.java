package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aiopt.junit.internal.evaluation.Evaluation;
import dev.aiopt.junit.internal.evaluation.EvaluationUnit;
import dev.aiopt.junit.internal.evaluation.InfrastructureFailure;
import dev.aiopt.junit.internal.evaluation.MeasurementPlan;
import dev.aiopt.junit.internal.evaluation.ProgramRun;
import dev.aiopt.junit.internal.evaluation.UnitProgram;
import dev.aiopt.junit.internal.evaluation.UnitResult;
import dev.aiopt.junit.internal.stats.ComparisonSettings;
import dev.aiopt.junit.internal.stats.PowerSimulation;
import dev.aiopt.junit.internal.stats.SequentialPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The calibration before generation 1: the baseline runs at each {@code @Bench(lengths)} run length, and the length
 * and repeats with the least expected time to detect the configured slowdown at the configured power are chosen.
 * Variance and duration trade against each other: a longer run is steadier but costs more per repeat, so the
 * choice is measured, not guessed. The power of each choice is simulated from the calibration's own runs with the
 * very decision a candidate gets ({@link PowerSimulation}: the paired signed-rank test, the interval, the sequential
 * looks). Since that decision is paired, the noise it sees is what is left within a pair of adjacent runs, so the
 * calibration measures exactly that: each length runs in back-to-back A/A pairs, and the simulation draws from the
 * pairs' log ratios.
 *
 * <p>The choice is kept in {@value #FILE} in the run directory, so a resumed run keeps its length and repeats.
 */
final class Calibration {
    static final String FILE = "calibration.json";
    private static final int TRIALS = 400;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Calibration() {
    }

    /**
     * One run length as measured.
     *
     * @param length the argument string, e.g. {@code --num=200000}
     * @param runs the figures of each measured run (the warm-up excluded), in A/A pairs: runs {@code 2k} and
     *     {@code 2k + 1} ran back to back
     * @param secondsPerRun wall-clock seconds of one run, the warm-up excluded
     */
    record Measured(String length, List<Map<String, Double>> runs, double secondsPerRun) {
        Measured {
            Objects.requireNonNull(length, "length");
            runs = List.copyOf(runs);
            if (runs.size() < 6 || runs.size() % 2 != 0 || !(secondsPerRun > 0)) {
                throw new IllegalArgumentException("a calibrated length needs at least 3 A/A pairs of runs and a"
                        + " positive duration, got " + runs.size() + " runs and " + secondsPerRun + " s for " + length);
            }
        }

        double[] throughputs() {
            return runs.stream().mapToDouble(r -> r.get(Cascade.THROUGHPUT)).toArray();
        }

        /** {@code log(second / first)} of each A/A pair. */
        double[] aaLogRatios() {
            double[] t = throughputs();
            double[] out = new double[t.length / 2];
            for (int k = 0; k < out.length; k++) {
                out[k] = Math.log(t[2 * k + 1] / t[2 * k]);
            }
            return out;
        }
    }

    /**
     * A length with the repeats it needs.
     *
     * @param length the argument string
     * @param secondsPerRun seconds of one run
     * @param cv coefficient of variation of its ops/sec
     * @param pairSpread standard deviation of the A/A pairs' log ratios: the noise a paired decision sees
     * @param repeats the fewest runs a side of a first look reaching the power, or the most allowed when none does
     * @param power the simulated power at {@code repeats}
     * @param meanRunsPerSide runs a side a decision took on average when the slowdown is there
     * @param secondsPerDecision expected seconds of benchmarking to that decision (both sides, warm-ups included)
     */
    record Option(String length, double secondsPerRun, double cv, double pairSpread, int repeats, double power,
            double meanRunsPerSide, double secondsPerDecision) {
    }

    /**
     * What was chosen, and every length's figures.
     *
     * @param length the chosen run length
     * @param repeats runs a side of a first look from now on
     * @param effect the slowdown it is sized for
     * @param target the power aimed for
     * @param reached whether the chosen option reaches {@code target}
     * @param options every length, in the order configured
     * @param baselineRuns the baseline's runs at the chosen length (its figures from now on)
     */
    record Choice(String length, int repeats, double effect, double target, boolean reached, List<Option> options,
            List<Map<String, Double>> baselineRuns) {
        Choice {
            Objects.requireNonNull(length, "length");
            options = List.copyOf(options);
            baselineRuns = List.copyOf(baselineRuns);
        }

        Option chosen() {
            return options.stream().filter(o -> o.length().equals(length)).findFirst().orElseThrow();
        }

        /** The console lines: the choice first, then each length. */
        List<String> describe() {
            Option c = chosen();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "calibration: %s with %d repeats a side (up to %d): %.1f s a run, "
                    + "ops/sec CV %.1f%%, A/A pair ratio spread %.1f%%; a %.0f%% drop is detected with simulated power "
                    + "%.0f%% (%d trials, %s)%s after %.1f runs a side on average, about %.0f s of benchmarking a "
                    + "decision", length, repeats, 3 * repeats, c.secondsPerRun(), 100 * c.cv(), 100 * c.pairSpread(),
                    100 * effect, 100 * c.power(), TRIALS, decisionName(repeats),
                    reached ? "" : String.format(Locale.ROOT, ", BELOW the %.0f%% aimed for: no length reaches it "
                            + "within aiopt.calibration.maxRepeats; raise it or choose longer lengths", 100 * target),
                    c.meanRunsPerSide(), c.secondsPerDecision()));
            for (Option o : options) {
                lines.add(String.format(Locale.ROOT, "    %s: %.2f s a run, CV %.1f%%, pair spread %.1f%%, %d repeats give"
                        + " power %.0f%%, about %.0f s a decision%s", o.length(), o.secondsPerRun(), 100 * o.cv(),
                        100 * o.pairSpread(), o.repeats(),
                        100 * o.power(), o.secondsPerDecision(), o.length().equals(length) ? "  <- chosen" : ""));
            }
            return lines;
        }
    }

    /** The plan a candidate gets at {@code repeats}: a first look, then two more batches of as many. */
    static SequentialPlan plan(int repeats) {
        return new SequentialPlan(repeats, repeats, 3 * repeats);
    }

    /** The simulated power of the candidate decision at {@code repeats} on runs like {@code m}. */
    static PowerSimulation.Estimate power(Measured m, double effect, int repeats, int trials, long seed) {
        ComparisonSettings overall = ComparisonSettings.defaults();
        return PowerSimulation.paired(m.throughputs(), m.aaLogRatios(), effect, plan(repeats), overall, trials, seed);
    }

    private static String decisionName(int repeats) {
        return plan(repeats).describeTests(ComparisonSettings.defaults());
    }

    /**
     * Chooses among measured lengths: for each, the fewest repeats whose simulated power reaches the target; then the
     * length whose decision costs the least time. When none reaches the target, the most powerful at the most repeats.
     */
    static Choice choose(List<Measured> measured, CalibrationSettings goal, int warmups, long seed) {
        List<Option> options = new ArrayList<>();
        for (Measured m : measured) {
            Option best = null;
            for (int r : repeatsGrid(goal.maxRepeats())) {
                PowerSimulation.Estimate e = power(m, goal.effect(), r, TRIALS, seed);
                best = new Option(m.length(), m.secondsPerRun(), PowerSimulation.cv(m.throughputs()),
                        PowerSimulation.sd(m.aaLogRatios()), r, e.power(), e.meanRunsPerSide(),
                        2 * (e.meanRunsPerSide() + warmups) * m.secondsPerRun());
                if (e.power() >= goal.power()) {
                    break;
                }
            }
            options.add(best);
        }
        Optional<Option> reaching = options.stream().filter(o -> o.power() >= goal.power())
                .min(Comparator.comparingDouble(Option::secondsPerDecision));
        Option chosen = reaching.orElseGet(() -> options.stream().max(Comparator.comparingDouble(Option::power)
                .thenComparing(Comparator.comparingDouble(Option::secondsPerDecision).reversed())).orElseThrow());
        return new Choice(chosen.length(), chosen.repeats(), goal.effect(), goal.power(), reaching.isPresent(), options,
                measured.get(options.indexOf(chosen)).runs());
    }

    // 3, 4, 5, 6, 8, 10, 12, 15, 20, ...: finer where power climbs fastest, capped at maxRepeats (always tried).
    static List<Integer> repeatsGrid(int maxRepeats) {
        List<Integer> grid = new ArrayList<>();
        for (int r = 3; r < maxRepeats; r = r < 6 ? r + 1 : r < 12 ? r + 2 : (int) Math.ceil(r * 1.25)) {
            grid.add(r);
        }
        grid.add(Math.max(2, maxRepeats));
        return grid;
    }

    /**
     * Runs the baseline (its kit) at every length in rounds, one A/A pair of each length a round (two runs back to
     * back) after a warm-up round, so that each length's pairs spread over the whole calibration as a candidate's
     * interleaved pairs do, and chooses.
     *
     * @throws InfrastructureFault when a length does not run: the commands or lengths are wrong, not a candidate
     */
    static Choice run(ExperimentPlan plan, Path baselineKit, Evaluation evaluation, Path directory) {
        MeasurementSettings measurement = plan.measurement();
        CalibrationSettings goal = measurement.calibration();
        List<String> lengths = measurement.bench().lengths();
        List<List<Map<String, Double>>> runsByLength = new ArrayList<>();
        long[] millis = new long[lengths.size()];
        for (int i = 0; i < lengths.size(); i++) {
            runsByLength.add(new ArrayList<>());
        }
        int rounds = goal.runsPerLength() / 2;
        for (int round = 0; round <= rounds; round++) { // round 0 is the warm-up
            for (int i = 0; i < lengths.size(); i++) {
                String length = lengths.get(i);
                UnitResult result = once(measurement, length, round == 0 ? 1 : 2, baselineKit, evaluation,
                        directory.resolve("length-" + (i + 1)).resolve(round == 0 ? "warmup" : "round-" + round),
                        "calibration-" + (i + 1) + "-" + round);
                if (round > 0) {
                    runsByLength.get(i).addAll(result.first().runs());
                    millis[i] += result.benchMillis();
                }
            }
        }
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            measured.add(new Measured(lengths.get(i), runsByLength.get(i), millis[i] / 1000.0 / goal.runsPerLength()));
        }
        Choice choice = choose(measured, goal, measurement.warmups(), plan.search().seed());
        write(plan.run().directory(), choice);
        return choice;
    }

    private static UnitResult once(MeasurementSettings measurement, String length, int runs, Path baselineKit,
            Evaluation evaluation, Path logs, String id) {
        EvaluationUnit unit = new EvaluationUnit(id, measurement.commands().withBench(measurement.bench().at(length)),
                List.of(UnitProgram.built(EvolutionRun.BASELINE_ID, baselineKit)), MeasurementPlan.fixed(runs, 0, logs),
                measurement.isolation());
        UnitResult result;
        try {
            result = evaluation.evaluate(unit);
        } catch (InfrastructureFailure e) {
            throw new InfrastructureFault("infrastructure fault: the calibration could not run the baseline at "
                    + length + ": " + e.getMessage(), e);
        }
        ProgramRun run = result.first();
        if (run.reached() != ProgramRun.Reached.MEASURED) {
            throw new InfrastructureFault("infrastructure fault: the baseline does not run at the run length "
                    + length + " (aiopt.bench.lengths / @Bench(lengths)), so the calibration cannot choose: "
                    + run.message() + (run.evidence() == null ? "" : "\nfull output: " + run.evidence())
                    + "\nFix that length or drop it.", null);
        }
        return result;
    }

    /** The choice a run made earlier, when it calibrated. */
    static Optional<Choice> read(Path runDirectory) {
        Path file = runDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Choice.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the run's calibration); delete it to calibrate"
                    + " again, or start a new run", e);
        }
    }

    private static void write(Path runDirectory, Choice choice) {
        Path file = runDirectory.resolve(FILE);
        Path temporary = runDirectory.resolve(FILE + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), choice);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
