package dev.aiopt.junit.internal.extension;

import dev.aiopt.junit.internal.evolution.Candidate;
import dev.aiopt.junit.internal.evolution.ChampionResult;
import dev.aiopt.junit.internal.evolution.EvolutionRun;
import dev.aiopt.junit.internal.evolution.ExperimentPlan;
import dev.aiopt.junit.internal.evolution.Generation;
import dev.aiopt.junit.internal.evolution.InfrastructureFault;
import dev.aiopt.junit.internal.evolution.ProgramResult;
import dev.aiopt.junit.internal.evolution.RunListener;
import dev.aiopt.junit.internal.provenance.Manifest;
import dev.aiopt.junit.internal.provenance.ManifestCollector;
import dev.aiopt.junit.internal.redact.Redactor;
import dev.aiopt.junit.internal.report.ReportWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * An experiment run as a JUnit tree: a container per generation with a test per candidate, and a last test
 * for the champion. A candidate passes when measured, is aborted (with the reason) when it fails to apply,
 * build, verify or run, and fails only for infrastructure faults. Lazy: generation N+1 is planned only after
 * generation N's tests ran.
 */
final class ExperimentTree {
    /** Prints the engine's lines and publishes its entries on the test that is running. */
    static final RunListener LISTENER = new RunListener() {
        @Override
        public void line(String text) {
            System.out.println(Redactor.redact(text));
        }

        @Override
        public void entries(Map<String, String> entries) {
            Map<String, String> redacted = new java.util.LinkedHashMap<>();
            entries.forEach((key, value) -> redacted.put(key, Redactor.redact(value)));
            ReportEntries.publish(redacted);
        }
    };

    private ExperimentTree() {
    }

    static Stream<DynamicNode> of(EvolutionRun run) {
        ExperimentPlan plan = run.plan();
        URI source = source(plan);
        int generations = plan.search().generations();
        Iterator<DynamicNode> nodes = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return !run.stopped() && next <= generations + 1;
            }

            @Override
            public DynamicNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int generation = next++;
                if (generation == 0) {
                    return DynamicContainer.dynamicContainer("generation 0 (baseline)", source, Stream.of(
                            DynamicTest.dynamicTest("g0-baseline: the unmodified slice"
                                    + (run.baselineLanded() ? " (resumed)" : ""), source, () -> baseline(run))));
                }
                if (generation <= generations) {
                    return generation(run, run.planGeneration(generation), source);
                }
                return DynamicTest.dynamicTest(plan.search().hasMinFitness()
                        ? String.format("champion re-measured against the baseline, fitness >= %.4f",
                                plan.search().minFitness())
                        : "champion re-measured against the baseline", source, () -> champion(run));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(nodes, 0), false).onClose(run::close);
    }

    private static void baseline(EvolutionRun run) {
        try {
            run.baseline();
        } catch (InfrastructureFault e) {
            writeReports(run);
            throw new AssertionFailedError(Redactor.redact(e.getMessage()), e.getCause());
        } catch (RuntimeException e) {
            writeReports(run);
            throw e;
        }
    }

    // Every run gets its page, a run that stopped on a fault too (run.json then says why).
    private static void writeReports(EvolutionRun run) {
        ExperimentPlan plan = run.plan();
        Path report = ReportWriter.writeRunReport(run.runDirectory());
        Path index = ReportWriter.writeIndex(run.runDirectory().getParent().getParent().getParent());
        System.out.println((plan.model().model().offline() ? "[aiopt offline replay]" : "[aiopt]") + " report: "
                + report.toAbsolutePath() + " (all runs: " + index.toAbsolutePath() + ")");
    }

    /**
     * The evolved file at the slice's first line. Without a source of their own, dynamic tests inherit the
     * {@code @Evolve} method's, and Surefire then names them "generation 1 evolve(Evolution) g1-c2 ..." and
     * "evolve(Evolution)[1][1]" in failure summaries; with a file source it uses the display name alone, and an
     * IDE opens the slice.
     */
    private static URI source(ExperimentPlan plan) {
        Path file = plan.run().sourceRoot().resolve(plan.slice().file()).toAbsolutePath().normalize();
        return URI.create(file.toUri() + "?line=" + plan.slice().firstLine());
    }

    private static DynamicNode generation(EvolutionRun run, Generation generation, URI source) {
        String name = "generation " + generation.number();
        if (generation.stopped().isPresent()) {
            String reason = generation.stopped().get();
            return DynamicTest.dynamicTest(name + " not started: budget exhausted", source,
                    () -> Assumptions.abort("budget exhausted: " + reason));
        }
        boolean islands = run.plan().search().islands() > 1;
        List<DynamicTest> tests = generation.candidates().stream().map(c -> DynamicTest.dynamicTest(c.id() + " from "
                + c.parentId() + (islands && c.island().isPresent() ? " (island " + c.island().getAsInt() + ")" : "")
                + (c.resumed() ? " (resumed)" : ""), source, () -> candidate(run, c))).toList();
        return DynamicContainer.dynamicContainer(name, source, tests.stream());
    }

    private static void candidate(EvolutionRun run, Candidate candidate) throws Exception {
        Optional<ProgramResult> landed = run.evaluate(candidate);
        if (landed.isEmpty()) {
            Optional<String> stop = run.stopReason();
            Assumptions.abort(stop.isPresent() ? "not started, the run stopped: " + Redactor.redact(stop.get())
                    : "not started, the budget is exhausted: " + run.budgetStop().orElse("(budget)"));
        }
        ProgramResult result = landed.get();
        if (!result.status().measured()) {
            Assumptions.abort(result.status() + (candidate.resumed() ? " (resumed): " : ": ")
                    + Redactor.redact(result.reason()));
        }
    }

    private static void champion(EvolutionRun run) throws InterruptedException {
        ChampionResult champion;
        try {
            champion = run.champion();
        } catch (RuntimeException e) {
            writeReports(run);
            throw e;
        }
        ExperimentPlan plan = run.plan();
        writeReports(run);
        double min = plan.search().minFitness();
        if (plan.search().hasMinFitness() && !(champion.fitness() >= min)) {
            throw new AssertionFailedError(String.format("minFitness not reached: the champion %s scores %.4f "
                    + "after re-measurement against the baseline, below minFitness %.4f (baseline scores %.4f).%s "
                    + "See %s", champion.id(), champion.fitness(), min, champion.baselineFitness(), busyMachine(),
                    champion.runJson().toAbsolutePath()), min, champion.fitness());
        }
    }

    // A missed threshold on a busy machine is often noise, not the search: say so where the failure is read.
    private static String busyMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        Manifest.LoadAverage load = ManifestCollector.loadAverage();
        return load != null && load.one() > cores ? String.format(" The machine is busy (1-minute load %.1f on %d "
                + "cores): interleaved benchmarks may not decide a real improvement at that load; re-run on a quieter "
                + "machine.", load.one(), cores) : "";
    }
}
