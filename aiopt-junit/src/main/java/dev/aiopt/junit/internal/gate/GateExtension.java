package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.GateRun;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension behind {@code @Gate}: skips a gate whose target tree is not configured (with the reason)
 * and injects the {@link GateRun} into its test methods. One gate class measures once: every method of the
 * class receives the same run, and each publishes the verdict's report entries. Registered by {@code @Gate};
 * not used directly.
 *
 * <p>Public because it is used by {@code the API package};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class GateExtension implements ExecutionCondition, ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GateExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a gate class");
        }
        Optional<String> skip = factory(context).skipReason();
        return skip.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("gate runs"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == GateRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).computeIfAbsent(GateRun.class,
                type -> new GateRunner(factory(context).plan(), System.out), GateRun.class);
    }

    /** Publishes the verdict's report entries (outcome, detectable regressions, runs, machine) on each gate method. */
    @Override
    public void afterEach(ExtensionContext context) {
        Object run = classContext(context).getStore(NAMESPACE).get(GateRun.class);
        if (run instanceof GateRunner runner) {
            runner.verdictIfRun().ifPresent(verdict -> context.publishReportEntry(
                    GateReport.entries(verdict, runner.machineState().orElse(null))));
        }
    }

    private static GateFactory factory(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).computeIfAbsent(testClass,
                type -> new GateFactory(type, context::getConfigurationParameter), GateFactory.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext;
    }
}
