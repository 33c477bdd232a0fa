package dev.aiopt.junit.internal.extension;

import dev.aiopt.junit.Evolution;
import dev.aiopt.junit.Track;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.evolution.EvolutionRun;
import dev.aiopt.junit.internal.evolution.Tournament;
import dev.aiopt.junit.internal.model.Secrets;
import dev.aiopt.junit.internal.report.ReportWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension behind {@code @Experiment}: skips experiments whose track or target is not available
 * (with the reason), injects the {@link Evolution} into the {@code @Evolve} method, and lets each candidate
 * publish report entries from its own dynamic test. Registered by {@code @Experiment}; not used directly.
 *
 * <p>Public because it is used by {@code the API package};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class AiOptExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver,
        InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AiOptExtension.class);

    static {
        // Surefire copies system properties into its XML reports: no key may be among them.
        Secrets.scrubSystemProperties();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not an experiment class");
        }
        Resolved resolved = resolved(context);
        if (resolved.fault() != null) {
            // Jupiter would wrap it in "Failed to evaluate condition ..."; beforeAll reports it as it is.
            return ConditionEvaluationResult.enabled("configuration fault, reported by beforeAll");
        }
        Optional<String> skip = resolved.factory().skipReason();
        return skip.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("experiment runs"));
    }

    /** Fails the class once, with the configuration fault itself (no wrapper, no preamble). */
    @Override
    public void beforeAll(ExtensionContext context) {
        RuntimeException fault = resolved(context).fault();
        if (fault != null) {
            throw fault;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Evolution.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        ExperimentFactory factory = resolved(context).factory();
        List<Track> tracks = factory.runnableTracks();
        if (tracks.size() == 1) {
            EvolutionRun run;
            try {
                run = new EvolutionRun(factory.plan(tracks.get(0)), ExperimentTree.LISTENER);
            } catch (RuntimeException e) {
                // Thrown from here, Jupiter would prefix "Failed to resolve parameter [...] in method [...]".
                return (Evolution) () -> Stream.of(DynamicTest.dynamicTest("set-up of " + factory.name(),
                        factory.outputDirectory().toUri(), () -> {
                            throw e;
                        }));
            }
            return (Evolution) () -> ExperimentTree.of(run);
        }
        int replicates = factory.replicates();
        List<EvolutionRun> runs = new ArrayList<>();
        // A source of their own keeps Surefire from prefixing "evolve(Evolution)" (see ExperimentTree.source).
        URI output = factory.outputDirectory().toUri();
        return (Evolution) () -> Stream.concat(tracks.stream().map(track -> (DynamicNode) DynamicContainer.dynamicContainer(
                "track " + track.id(), output, replicates == 1 ? trackGenerations(factory, track, 0, runs)
                        : IntStream.range(0, replicates).mapToObj(r -> (DynamicNode) DynamicContainer.dynamicContainer(
                                "replicate " + (r + 1) + " of " + replicates, output,
                                trackGenerations(factory, track, r, runs))))),
                Stream.of(DynamicTest.dynamicTest("tournament of the champions, interleaved with the baseline", output, () -> {
                    List<EvolutionRun> finished = runs.stream().filter(r -> r.championResult().isPresent()).toList();
                    if (finished.isEmpty()) {
                        throw new AssertionFailedError("no run named a champion: nothing to put in the tournament");
                    }
                    Path experimentDir = finished.get(0).runDirectory().getParent().getParent();
                    Tournament.play(finished, experimentDir.resolve("tournament-" + finished.get(0).runDirectory()
                            .getFileName()), ExperimentTree.LISTENER);
                }), DynamicTest.dynamicTest("comparison of the tracks", output, () -> {
                    List<Path> runDirectories = runs.stream().map(EvolutionRun::runDirectory).toList();
                    Path page = ReportWriter.writeComparison(runDirectories.get(0).getParent().getParent(), runDirectories);
                    System.out.println("[aiopt] comparison of " + runDirectories.size() + " runs: "
                            + page.toAbsolutePath());
                })));
    }

    // A track whose model or target cannot be set up fails on its own; the other tracks still run.
    private static Stream<DynamicNode> trackGenerations(ExperimentFactory factory, Track track, int replicate,
            List<EvolutionRun> runs) {
        EvolutionRun run;
        try {
            run = new EvolutionRun(factory.plan(track, replicate), ExperimentTree.LISTENER);
        } catch (RuntimeException e) {
            return Stream.of(DynamicTest.dynamicTest("track " + track.id() + " set-up", factory.outputDirectory().toUri(), () -> {
                throw e;
            }));
        }
        runs.add(run);
        return ExperimentTree.of(run);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        ReportEntries.with(extensionContext::publishReportEntry, invocation::proceed);
    }

    /** The class's factory, or the configuration fault that kept it from being made (resolved once per class). */
    private record Resolved(ExperimentFactory factory, RuntimeException fault) {
    }

    private static Resolved resolved(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass, type -> {
            try {
                ExperimentFactory factory = new ExperimentFactory(type, context::getConfigurationParameter);
                factory.tracks();
                return new Resolved(factory, null);
            } catch (ConfigurationException e) {
                return new Resolved(null, e);
            }
        }, Resolved.class);
    }
}
