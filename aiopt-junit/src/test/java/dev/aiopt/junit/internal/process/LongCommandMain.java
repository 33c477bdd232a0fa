package dev.aiopt.junit.internal.process;

import dev.aiopt.junit.internal.sandbox.Sandbox;
import dev.aiopt.junit.internal.sandbox.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The second JVM of {@link NoOrphansTest}: runs one long command that ignores SIGTERM and starts children,
 * until it is killed. Arguments: sandbox mode, working directory, marker.
 */
public final class LongCommandMain {
    private LongCommandMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        CommandRunner runner = CommandRunner.using(CommandPolicy.defaults()
                .withSandbox(Sandbox.resolve(SandboxMode.parse(args[0]))));
        String marker = args[2];
        runner.shell("trap '' TERM; bash -c \"trap '' TERM; sleep " + marker + "\" & sleep " + marker + " & wait",
                dir, Map.of(), Duration.ofSeconds(600), dir.resolve("logs/long"));
    }
}
