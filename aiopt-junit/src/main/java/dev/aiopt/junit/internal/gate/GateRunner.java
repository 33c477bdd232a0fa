package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.GateResult;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.EvaluationFailure;
import dev.aiopt.junit.internal.evaluation.Evaluator;
import dev.aiopt.junit.internal.evaluation.Measurement;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.GateLooks;
import dev.aiopt.junit.internal.stats.GateRuns;
import dev.aiopt.junit.internal.stats.DetectableRegression;
import dev.aiopt.junit.internal.stats.GateVerdict;
import dev.aiopt.junit.internal.stats.Samples;
import dev.aiopt.junit.internal.stats.SequentialGate;
import dev.aiopt.junit.internal.stats.TailRuns;
import dev.aiopt.junit.internal.stats.RegressionGate;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Builds both sides of a gate, measures them (more interleaved batches while undecided, per
 * {@link GatePlan#sequential()}), evaluates {@link RegressionGate}, records the machine's state over the run,
 * and remembers the verdict.
 */
final class GateRunner implements GateRun {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final GatePlan plan;
    private final PrintStream out;
    private final Supplier<MachineState.Snapshot> machine;
    private GateVerdict verdict;
    private MachineState machineState;
    private Path runDir;

    GateRunner(GatePlan plan, PrintStream out) {
        this(plan, out, MachineState.Snapshot::now);
    }

    GateRunner(GatePlan plan, PrintStream out, Supplier<MachineState.Snapshot> machine) {
        this.plan = plan;
        this.out = out;
        this.machine = machine;
    }

    @Override
    public void check() {
        GateVerdict result = measured();
        if (refuses()) {
            throw new TestAbortedException("Gate " + plan.name() + " refuses to judge (busyMachine = REFUSE): "
                    + machineState.busyReason() + "; " + machineState.describe() + ". The verdict it would have given:\n"
                    + result.message());
        }
        if (!result.passed()) {
            throw new AssertionFailedError(result.message());
        }
        if (result.inconclusive() && plan.policy().inconclusive() == Gate.Inconclusive.FAIL) {
            throw new AssertionFailedError(result.message() + "\n(inconclusive = FAIL: raise repeats or maxLooks to"
                    + " the runs named above, widen the limit, or set @Gate(inconclusive = WARN) to pass with a warning)");
        }
        out.println(summary(result));
    }

    @Override
    public GateResult verdict() {
        GateVerdict v = measured();
        return new GateResult(v.passed(), v.inconclusive(),
                metric(v.throughput(), v.throughputFailed(), v.throughputDetectable(), v.throughputTest()),
                v.p99Detectable() == null ? notCompared(v.p99(), v.p99TestDescription())
                        : metric(v.p99(), v.p99Failed(), v.p99Detectable(), v.p99TestDescription()),
                v.looks().runsPerLook(), v.message());
    }

    /** The internal verdict, for this package's tests. */
    GateVerdict measuredVerdict() {
        return measured();
    }

    // A p99 the gate did not compare (the runs carry no latency): ratio 1, not failed, nothing detectable.
    private static GateResult.Metric notCompared(Comparison c, String test) {
        return new GateResult.Metric(1, 1, 1, c.candidateRuns(), c.referenceRuns(), false, Double.NaN, 0, test);
    }

    private static GateResult.Metric metric(Comparison c, boolean failed, DetectableRegression detectable,
            String test) {
        return new GateResult.Metric(c.ratio(), c.low(), c.high(), c.candidateRuns(), c.referenceRuns(), failed,
                detectable.ratio(), detectable.runsForLimit(), test);
    }

    private synchronized GateVerdict measured() {
        if (verdict == null) {
            verdict = run();
        }
        return verdict;
    }

    /** The machine over the gate's run, once it has run. */
    synchronized Optional<MachineState> machineState() {
        return Optional.ofNullable(machineState);
    }

    /** The verdict if the gate has run, without running it. */
    synchronized Optional<GateVerdict> verdictIfRun() {
        return Optional.ofNullable(verdict);
    }

    private boolean refuses() {
        return machineState != null && machineState.busy() && plan.policy().busyMachine() == Gate.BusyMachine.REFUSE;
    }

    private GateVerdict run() {
        // Stored runs are checked before anything is built: a missing file should not cost a build.
        Optional<StoredRuns> storedRuns = plan.baselineJson().map(file -> {
            StoredRuns stored = StoredRuns.read(file, "@Gate(baselineJson) / -Daiopt.gate.baselineJson", false);
            requireDetectable(stored.opsPerSec().length, plan.settings().repeats(), file);
            return stored;
        });
        MachineState.Snapshot start = machine.get();
        MachineState atStart = MachineState.between(start, start, plan.policy().maxLoadPerCore());
        if (atStart.busy() && plan.policy().busyMachine() == Gate.BusyMachine.REFUSE) {
            // Nothing measured on a busy machine can be judged, so nothing is built either.
            throw new TestAbortedException("Gate " + plan.name() + " refuses to judge (busyMachine = REFUSE): "
                    + atStart.busyReason() + " when it started; " + atStart.describe());
        }
        runDir = runDirectory();
        // Either side may be model-written (a champion's slice): both build and run under the experiment's policy.
        plan.isolation().runNotice().ifPresent(notice -> out.println("Gate " + plan.name() + " " + notice));
        Evaluator evaluator = new Evaluator(plan.commands(), plan.isolation());
        BuiltProgram candidate = build(evaluator, "candidate", plan.candidate(), runDir);
        Path scratch = runDir.resolve("candidate").resolve("workspace").resolve("scratch");
        GateVerdict raw;
        String header;
        if (plan.reference().isPresent()) {
            BuiltProgram reference = build(evaluator, "reference", plan.reference().get(), runDir);
            SequentialGate sequential = plan.sequential();
            int repeats = plan.settings().repeats();
            Measurement m = measure(() -> evaluator.measure(candidate, reference, repeats, plan.warmups(),
                    runDir.resolve("bench"), scratch));
            SequentialGate.Look look = look(sequential, m, null);
            for (int batch = 2; !look.done(); batch++) {
                int more = look.moreRepeats();
                Path batchDir = runDir.resolve("bench-" + batch);
                m = m.plus(measure(() -> evaluator.measure(candidate, reference, more, 0, batchDir, scratch)));
                look = look(sequential, m, look.verdict().looks());
            }
            raw = look.verdict();
            Measurement all = m;
            plan.record().ifPresent(file -> StoredRuns.of(all.reference()).write(file, "reference runs of gate " + plan.name() + " ("
                    + plan.reference().get().description() + ")"));
            header = String.format(Locale.ROOT, "Same-run comparison, interleaved A B A B: candidate = %s, reference = %s%s;"
                    + " %d runs each after %d warm-up pair(s); logs in %s", plan.candidate().description(),
                    plan.reference().get().description(), sameSource() ? " (the same source: an A/A check)" : "",
                    raw.looks().runsUsed(), plan.warmups(), runDir.toAbsolutePath());
        } else {
            Path file = plan.baselineJson().get();
            StoredRuns stored = storedRuns.get();
            int repeats = plan.settings().repeats();
            List<Map<String, Double>> runs = measure(() -> {
                if (plan.warmups() > 0) {
                    evaluator.measureAlone(candidate, plan.warmups(), runDir.resolve("warmup"), scratch);
                }
                return evaluator.measureAlone(candidate, repeats, runDir.resolve("bench"), scratch);
            });
            StoredRuns measured = StoredRuns.of(runs);
            // Stored numbers carry no histograms: the p99 test is per run, or none when either side has no p99.
            TailRuns tail = measured.hasLatency() && stored.hasLatency()
                    ? TailRuns.perRun(Samples.of(measured.p99Us(), stored.p99Us())) : TailRuns.none();
            raw = RegressionGate.evaluate(Samples.of(measured.opsPerSec(), stored.opsPerSec()), tail, plan.settings());
            if (tail.test() == TailRuns.Test.NONE) {
                raw = raw.withMessage(raw.message().replace("p99: not compared (the runs carry no latency figure;",
                        "p99: not compared (" + (stored.hasLatency() ? "the candidate's runs carry" : "the stored runs in "
                                + file + " carry") + " no p99;"));
            }
            plan.record().ifPresent(out -> measured.write(out, "candidate runs of gate " + plan.name() + " ("
                    + plan.candidate().description() + ")"));
            header = String.format(Locale.ROOT, "CROSS-RUN comparison against stored numbers from %s (not interleaved;"
                    + " machine drift is not controlled): candidate = %s, %d runs after %d warm-up(s), against %d"
                    + " stored runs; logs in %s", file, plan.candidate().description(), repeats, plan.warmups(),
                    stored.opsPerSec().length, runDir.toAbsolutePath());
        }
        machineState = MachineState.between(start, machine.get(), plan.policy().maxLoadPerCore());
        String machineLine = (machineState.busy() ? "WARNING: " + machineState.busyReason()
                + " (figures may measure the neighbours; busyMachine = REFUSE refuses to judge): " : "machine: ")
                + machineState.describe();
        GateVerdict result = raw.withMessage("Gate " + plan.name() + ": " + header + "\n" + machineLine + "\n"
                + raw.message());
        GateReport.write(runDir.resolve("gate-verdict.json"), plan.name(), result, machineState);
        return result;
    }

    // Merged histograms when every run of both sides carried one, else per-run p99, else (no latency) none.
    // Evaluator.measure records run i of each side from one adjacent A B (or B A) pair, and Measurement.plus appends
    // batches in order, so the runs are interleaved pairs: throughput and per-run p99 are compared paired.
    private static SequentialGate.Look look(SequentialGate sequential, Measurement m, GateLooks earlier) {
        TailRuns tail = !m.hasLatency() ? TailRuns.none()
                : TailRuns.of(Samples.of(m.candidate(StoredRuns.P99), m.reference(StoredRuns.P99)),
                        m.candidateHistograms(), m.referenceHistograms());
        return sequential.look(GateRuns.interleaved(
                Samples.of(m.candidate(StoredRuns.THROUGHPUT), m.reference(StoredRuns.THROUGHPUT)), tail), earlier);
    }

    // The exact two-sided Mann-Whitney p-value can go no lower than 2 / C(m + n, n); above alpha nothing could fail.
    private void requireDetectable(int stored, int repeats, Path file) {
        double alpha = 1.0 - plan.settings().confidence();
        if (smallestPValue(stored, repeats) > alpha) {
            int needed = stored;
            while (smallestPValue(needed, repeats) > alpha) {
                needed++;
            }
            throw new ConfigurationException("gate " + plan.name() + ": " + file + " holds " + stored + " stored runs;"
                    + " against " + repeats + " candidate runs the gate could never detect a regression at confidence "
                    + plan.settings().confidence() + ". Store at least " + needed + " runs (record them with"
                    + " -Daiopt.gate.record=<path>)");
        }
    }

    private static double smallestPValue(int m, int n) {
        double combinations = 1;
        for (int i = 1; i <= n; i++) {
            combinations = combinations * (m + i) / i;
        }
        return Math.min(1.0, 2.0 / combinations);
    }

    private BuiltProgram build(Evaluator evaluator, String id, GatePlan.Source source, Path runDir) {
        Path dir = runDir.resolve(id);
        Workspace workspace = Workspace.create(plan.root(), dir.resolve("workspace"));
        try {
            return evaluator.buildAndVerify(id, workspace, plan.file(), source.text(), dir.resolve("program"));
        } catch (EvaluationFailure e) {
            throw new AssertionFailedError("Gate " + plan.name() + ": the " + id + " (" + source.description()
                    + ") cannot be measured: " + e.getMessage(), e);
        }
    }

    private <T> T measure(java.util.function.Supplier<T> measurement) {
        try {
            return measurement.get();
        } catch (EvaluationFailure e) {
            throw new AssertionFailedError("Gate " + plan.name() + ": " + e.getMessage(), e);
        }
    }

    private String summary(GateVerdict result) {
        String mode = plan.reference().isPresent() ? (sameSource() ? "same-run, A/A" : "same-run")
                : "CROSS-RUN vs " + plan.baselineJson().get();
        String line = String.format(Locale.ROOT, "Gate %s %s (%s, %d vs %d runs, %d look(s)): throughput %s by %s,"
                        + " could detect %s; %s%s", plan.name(),
                result.inconclusive() ? "INCONCLUSIVE (inconclusive = WARN, passing)" : "passed", mode,
                result.throughput().candidateRuns(), result.throughput().referenceRuns(),
                result.looks().runsPerLook().size(), ratio(result.throughput()), result.throughputTest(),
                result.throughputDetectable().change(),
                result.p99Detectable() == null ? "p99 not compared (no latency in the runs)"
                        : "p99 " + ratio(result.p99()) + " by " + result.p99TestDescription() + ", could detect "
                                + result.p99Detectable().change(),
                machineState != null && machineState.busy() ? "; WARNING: " + machineState.busyReason() : "");
        if (result.inconclusive()) {
            line += "\n  throughput " + result.throughputDetectable().summary()
                    + (result.p99Detectable() == null ? "" : "\n  p99 " + result.p99Detectable().summary());
        }
        return line;
    }

    private boolean sameSource() {
        return plan.reference().map(r -> r.text().equals(plan.candidate().text())).orElse(false);
    }

    private static String ratio(Comparison c) {
        return String.format(Locale.ROOT, "x%.3f [%.3f, %.3f]", c.ratio(), c.low(), c.high());
    }

    private Path runDirectory() {
        Path base = plan.outputDir().toAbsolutePath().normalize().resolve(plan.name()).resolve("gate");
        String stamp = LocalDateTime.now().format(RUN_STAMP);
        Path dir = base.resolve("run-" + stamp);
        for (int n = 2; Files.exists(dir); n++) {
            dir = base.resolve("run-" + stamp + "-" + n);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create gate run directory " + dir, e);
        }
        return dir;
    }
}
