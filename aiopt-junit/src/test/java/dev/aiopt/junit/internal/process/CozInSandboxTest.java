package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.sandbox.Sandbox;
import dev.aiopt.junit.internal.sandbox.SandboxMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real g++ and real {@code coz run} work inside the sandbox, with no capability left. Needs coz-profiler. */
class CozInSandboxTest {
    private static final String TOY = """
            #include <coz.h>
            #include <cstdio>
            static volatile double sink;
            static void slow() { for (int i = 0; i < 200000; i++) sink += i * 0.5; }
            static void fast() { for (int i = 0; i < 50000; i++) sink += i * 0.25; }
            int main() {
                for (int n = 0; n < 2500; n++) { slow(); fast(); COZ_PROGRESS; }
                std::printf("%f\\n", (double) sink);
            }
            """;

    @TempDir
    Path temp;

    @Test
    void cozProfilesAToyProgramInsideBubblewrap() throws IOException {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(workspace.resolve("toy.cc"), TOY);
        CommandRunner runner = CommandRunner.using(CommandPolicy.defaults().withSandbox(Sandbox.resolve(SandboxMode.BWRAP)));
        Map<String, String> env = Map.of("AIOPT_WORKSPACE", workspace.toString());

        CommandResult build = runner.shell("g++ -g -O1 -gdwarf-3 toy.cc -o toy -ldl", workspace, env,
                Duration.ofSeconds(120), temp.resolve("logs/build"));
        assertThat(build.succeeded()).as(build.reason()).isTrue();
        CommandResult coz = runner.merged(List.of("coz", "run", "---", "./toy"), workspace, env,
                Duration.ofSeconds(120), temp.resolve("logs/coz.log"));

        assertThat(coz.succeeded()).as(coz.reason()).isTrue();
        List<String> profile = Files.readAllLines(workspace.resolve("profile.coz"));
        String source = workspace.toRealPath().resolve("toy.cc").toString();
        assertThat(profile).anyMatch(line -> line.startsWith("experiment\tselected=" + source + ":"))
                .anyMatch(line -> line.startsWith("throughput-point\tname=toy.cc:7"));
    }
}
