package dev.aiopt.junit.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tournament's round-robin: real benchmark processes, every program in every position, runs kept apart. */
class RoundRobinTest {

    @Test
    void eachRoundStartsOneProgramLaterAndEachProgramKeepsItsOwnRuns(@TempDir Path temp) throws IOException {
        Path order = temp.resolve("order.log");
        // Each kit's benchmark reports its own throughput (from a file in the kit) and logs who ran.
        String bench = "echo \"$AIOPT_PROGRAM\" >> " + order + "; echo \"fillrandom : 1.000 micros/op $(cat speed)"
                + " ops/sec;\"; echo 'Microseconds per write:'; echo 'Percentiles: P50: 1.00 P75: 2.00 P99: 10.00'";
        Commands commands = new Commands("true", Duration.ofSeconds(10), Optional.empty(), Duration.ofSeconds(10),
                bench, "fillrandom", List.of("speed"), Duration.ofSeconds(10), Optional.empty(), "auto", "ops_per_sec",
                "p99_us");
        List<BuiltProgram> programs = new ArrayList<>();
        for (String id : List.of("base", "a", "b")) {
            Path kit = Files.createDirectories(temp.resolve("kits").resolve(id));
            Files.writeString(kit.resolve("speed"), String.valueOf(100 + id.length() * 10 + id.charAt(0)));
            programs.add(new BuiltProgram(id, kit, Duration.ZERO, Duration.ZERO));
        }
        Path scratch = Files.createDirectories(temp.resolve("scratch"));

        List<List<Map<String, Double>>> runs = new Evaluator(commands, Isolation.off()).measureRoundRobin(programs, 3, 1,
                temp.resolve("logs"), scratch);

        assertThat(Files.readAllLines(order)).containsExactly(
                "base", "a", "b", // warm-up round, discarded
                "a", "b", "base", "b", "base", "a", "base", "a", "b");
        assertThat(runs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String id = programs.get(i).id();
            double speed = 100 + id.length() * 10 + id.charAt(0);
            assertThat(runs.get(i)).hasSize(3).allSatisfy(r -> assertThat(r.get("ops_per_sec")).isEqualTo(speed));
        }
    }
}
