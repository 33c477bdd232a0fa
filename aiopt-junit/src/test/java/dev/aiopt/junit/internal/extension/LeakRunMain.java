package dev.aiopt.junit.internal.extension;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The second JVM of {@link NoKeyLeakEndToEndTest}: runs one fixture class with secrets in its environment and
 * prints every event message and report entry, as surefire would keep them. Arguments: fixture class, output
 * directory.
 */
public final class LeakRunMain {
    private LeakRunMain() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Class.forName(args[0])))
                .configurationParameter("aiopt.outputDir", args[1])
                .configurationParameter("aiopt.islands", "1")
                .execute();
        results.allEvents().stream().forEach(event -> {
            event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .ifPresent(t -> System.out.println("event: " + t.getMessage()));
            event.getPayload(ReportEntry.class).ifPresent(e -> System.out.println("entry: " + e.getKeyValuePairs()));
        });
        System.out.println("finished " + results.allEvents().finished().count() + " events");
    }
}
