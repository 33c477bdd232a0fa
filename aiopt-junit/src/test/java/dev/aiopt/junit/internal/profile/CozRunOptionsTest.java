package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CozRunOptionsTest {
    private final CozRunOptions options = CozRunOptions.of(List.of("./db_bench", "--benchmarks=fillrandom"),
            Path.of("/tmp/out/p.coz"));

    @Test
    void buildsCozRunArguments() {
        CozRunOptions o = options.withSourceScope("%/db/db_impl/db_impl_write.cc").withBinaryScope("MAIN")
                .withFixedLine("db/db_impl/db_impl_write.cc:1457").withFixedSpeedup(50)
                .withDurationCap(Duration.ofSeconds(60));

        assertThat(o.cozArguments()).containsExactly("run", "--source-scope", "%/db/db_impl/db_impl_write.cc",
                "--binary-scope", "MAIN", "--fixed-line", "db/db_impl/db_impl_write.cc:1457", "--fixed-speedup", "50",
                "-o", "/tmp/out/p.coz", "---", "./db_bench", "--benchmarks=fillrandom");
        assertThat(o.workingDirectory()).isEqualTo(Path.of("/tmp/out"));
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> options.withFixedSpeedup(101)).hasMessageContaining("0..100");
        assertThatThrownBy(() -> options.withFixedLine("IO")).hasMessageContaining("file:line");
        assertThatThrownBy(() -> options.withDurationCap(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> CozRunOptions.of(List.of(), Path.of("p.coz"))).hasMessageContaining("command");
    }

    @Test
    void turnsCozFailureMessagesIntoAdvice() {
        assertThat(CozRunner.fatalProblem("terminate called after throwing an instance of 'dwarf::format_error'\n"
                + "  what():  unknown compilation unit version 5", options))
                .hasValueSatisfying(m -> assertThat(m).contains("DWARF 5").contains(ProfilerException.BUILD_FLAGS));
        assertThat(CozRunner.fatalProblem("[libcoz.cpp:149] Fixed line \"toy.c:999\" was not found.", options))
                .hasValueSatisfying(m -> assertThat(m).contains("no line toy.c:999"));
        assertThat(CozRunner.fatalProblem("Failed to open perf event. Consider tweaking", options))
                .hasValueSatisfying(m -> assertThat(m).contains("perf_event_paranoid"));
        assertThat(CozRunner.fatalProblem("[profiler.cpp:75] Starting profiler thread", options)).isEmpty();
    }

    @Test
    void ranksByCozSamplesAndFallsBackToSelectedSamples() {
        assertThat(CozRunner.rankLines(CozProfile.read(TestResources.path("coz/e2e.coz"))))
                .containsExactly("toy.c:16", "toy.c:22");
        assertThat(CozRunner.rankLines(CozProfile.parse("""
                experiment\tselected=a.c:1\tspeedup=0.00\tduration=5\tselected-samples=3
                experiment\tselected=b.c:2\tspeedup=0.00\tduration=5\tselected-samples=10
                experiment\tselected=IO\tspeedup=0.00\tduration=5\tselected-samples=99
                """))).containsExactly("b.c:2", "a.c:1");
    }
}
