package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.GateResult;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.EvaluationFailure;
import dev.aiopt.junit.internal.evaluation.Evaluator;
import dev.aiopt.junit.internal.evaluation.Measurement;
import dev.aiopt.junit.internal.stats.Comparison;
import dev.aiopt.junit.internal.stats.GateVerdict;
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
import org.opentest4j.AssertionFailedError;

/** Builds both sides of a gate, measures them, evaluates {@link RegressionGate} once and remembers the verdict. */
final class GateRunner implements GateRun {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final GatePlan plan;
    private final PrintStream out;
    private GateVerdict verdict;

    GateRunner(GatePlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    @Override
    public void check() {
        GateVerdict result = measured();
        if (!result.passed()) {
            throw new AssertionFailedError(result.message());
        }
        out.println(summary(result));
    }

    @Override
    public GateResult verdict() {
        GateVerdict v = measured();
        return new GateResult(v.passed(), metric(v.throughput(), v.throughputFailed()), metric(v.p99(), v.p99Failed()),
                v.message());
    }

    private static GateResult.Metric metric(Comparison c, boolean failed) {
        return new GateResult.Metric(c.ratio(), c.low(), c.high(), c.candidateRuns(), c.referenceRuns(), failed);
    }

    private synchronized GateVerdict measured() {
        if (verdict == null) {
            verdict = run();
        }
        return verdict;
    }

    private GateVerdict run() {
        // Stored runs are checked before anything is built: a missing file should not cost a build.
        Optional<StoredRuns> storedRuns = plan.baselineJson().map(file -> {
            StoredRuns stored = StoredRuns.read(file, "@Gate(baselineJson) / -Daiopt.gate.baselineJson");
            requireDetectable(stored.opsPerSec().length, plan.settings().repeats(), file);
            return stored;
        });
        Path runDir = runDirectory();
        Evaluator evaluator = new Evaluator(plan.commands());
        BuiltProgram candidate = build(evaluator, "candidate", plan.candidate(), runDir);
        Path scratch = runDir.resolve("candidate").resolve("workspace").resolve("scratch");
        int repeats = plan.settings().repeats();
        double[] candidateOps;
        double[] candidateP99;
        double[] referenceOps;
        double[] referenceP99;
        String header;
        if (plan.reference().isPresent()) {
            BuiltProgram reference = build(evaluator, "reference", plan.reference().get(), runDir);
            Measurement m = measure(() -> evaluator.measure(candidate, reference, repeats, plan.warmups(),
                    runDir.resolve("bench"), scratch));
            candidateOps = m.candidate(StoredRuns.THROUGHPUT);
            candidateP99 = m.candidate(StoredRuns.P99);
            referenceOps = m.reference(StoredRuns.THROUGHPUT);
            referenceP99 = m.reference(StoredRuns.P99);
            plan.record().ifPresent(file -> new StoredRuns(referenceOps, referenceP99).write(file,
                    "reference runs of gate " + plan.name() + " (" + plan.reference().get().description() + ")"));
            header = String.format(Locale.ROOT, "Same-run comparison, interleaved A B A B: candidate = %s, reference = %s%s;"
                    + " %d runs each after %d warm-up pair(s); logs in %s", plan.candidate().description(),
                    plan.reference().get().description(), sameSource() ? " (the same source: an A/A check)" : "",
                    repeats, plan.warmups(), runDir.toAbsolutePath());
        } else {
            Path file = plan.baselineJson().get();
            StoredRuns stored = storedRuns.get();
            List<Map<String, Double>> runs = measure(() -> {
                if (plan.warmups() > 0) {
                    evaluator.measureAlone(candidate, plan.warmups(), runDir.resolve("warmup"), scratch);
                }
                return evaluator.measureAlone(candidate, repeats, runDir.resolve("bench"), scratch);
            });
            StoredRuns measured = StoredRuns.of(runs);
            candidateOps = measured.opsPerSec();
            candidateP99 = measured.p99Us();
            referenceOps = stored.opsPerSec();
            referenceP99 = stored.p99Us();
            plan.record().ifPresent(out -> measured.write(out, "candidate runs of gate " + plan.name() + " ("
                    + plan.candidate().description() + ")"));
            header = String.format(Locale.ROOT, "CROSS-RUN comparison against stored numbers from %s (not interleaved;"
                    + " machine drift is not controlled): candidate = %s, %d runs after %d warm-up(s), against %d"
                    + " stored runs; logs in %s", file, plan.candidate().description(), repeats, plan.warmups(),
                    referenceOps.length, runDir.toAbsolutePath());
        }
        GateVerdict raw = RegressionGate.evaluate(candidateOps, referenceOps, candidateP99, referenceP99, plan.settings());
        return new GateVerdict(raw.passed(), raw.throughputFailed(), raw.p99Failed(), raw.throughput(), raw.p99(),
                raw.throughputRuns(), raw.p99Runs(), raw.settings(),
                "Gate " + plan.name() + ": " + header + "\n" + raw.message());
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
        return String.format(Locale.ROOT, "Gate %s passed (%s, %d vs %d runs): throughput %s, p99 %s", plan.name(),
                mode, result.throughput().candidateRuns(), result.throughput().referenceRuns(),
                ratio(result.throughput()), ratio(result.p99()));
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
