package dev.aiopt.junit.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.aiopt.junit.internal.process.CommandRunner;

/** The benchmark command at a run length, and pinned with taskset: what actually runs. */
class BenchCommandTest {

    @Test
    void aLengthIsAppendedAndTheFirstIsTheInitialCommand() {
        BenchCommand bench = new BenchCommand("./db_bench --threads=2", List.of("--num=1", " --num=2 "),
                Optional.empty());
        assertThat(bench.calibrates()).isTrue();
        assertThat(bench.initial()).isEqualTo("./db_bench --threads=2 --num=1");
        assertThat(bench.at("--num=2")).isEqualTo("./db_bench --threads=2 --num=2");
        assertThatThrownBy(() -> bench.at("--num=3")).hasMessageContaining("not one of the run lengths");
        assertThat(BenchCommand.of("./x").initial()).isEqualTo("./x");
        assertThat(new BenchCommand("./x", List.of("--a"), Optional.empty()).calibrates()).isFalse();
    }

    @Test
    void refusesEmptyOrRepeatedLengthsAndAMalformedCpuList() {
        assertThatThrownBy(() -> new BenchCommand("./x", List.of("--a", " "), Optional.empty()))
                .hasMessageContaining("empty one");
        assertThatThrownBy(() -> new BenchCommand("./x", List.of("--a", "--a"), Optional.empty()))
                .hasMessageContaining("repeat one");
        assertThatThrownBy(() -> new BenchCommand("./x", List.of(), Optional.of("one")))
                .hasMessageContaining("taskset CPU list");
    }

    @Test
    void aPinnedCommandRunsOnThatCpuWithItsQuotesIntact(@TempDir Path dir) throws Exception {
        String command = new BenchCommand("echo 'it''s' \"$((1+1))\"; grep Cpus_allowed_list /proc/self/status",
                List.of(), Optional.of("0")).initial();
        assertThat(command).startsWith("taskset -c 0 bash -c '");
        var result = CommandRunner.run(command, dir, Map.of(), Duration.ofSeconds(20), dir.resolve("pinned"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("its 2").containsPattern("Cpus_allowed_list:\\s+0\\n");
    }
}
