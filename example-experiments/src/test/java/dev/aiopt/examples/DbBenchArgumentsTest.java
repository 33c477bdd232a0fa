package dev.aiopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.Bench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Experiment A's db_bench arguments exist once in effect: {@link ExperimentA}'s {@code @Bench} (command, args and
 * the run lengths its calibration chooses from), the noise script's default and the scripts README agree, and the prepared environment file sets nothing that would override the
 * annotations (only {@code AI_OPT_ROCKSDB_PATH}, which the README says to export).
 */
class DbBenchArgumentsTest {
    private static final Path SCRIPTS = Path.of("scripts");

    @Test
    void theExperimentTheNoiseScriptAndTheScriptsReadmeRunOneSetOfArguments() throws IOException {
        Bench bench = ExperimentA.class.getAnnotation(Bench.class);
        List<String> experiment = withoutDbDirectories(bench.command().replaceFirst("^\\./db_bench\\s+", "") + " "
                + bench.args());

        Matcher script = Pattern.compile("(?m)^EXPERIMENT_A_ARGS=\"([^\"]+)\"$")
                .matcher(Files.readString(SCRIPTS.resolve("rocksdb-bench-noise.sh")));
        assertThat(script.find()).as("EXPERIMENT_A_ARGS in rocksdb-bench-noise.sh").isTrue();
        assertThat(withoutDbDirectories(script.group(1))).isEqualTo(experiment);
        Matcher lengths = Pattern.compile("(?m)^EXPERIMENT_A_LENGTHS=\"([^\"]+)\"$")
                .matcher(Files.readString(SCRIPTS.resolve("rocksdb-bench-noise.sh")));
        assertThat(lengths.find()).as("EXPERIMENT_A_LENGTHS in rocksdb-bench-noise.sh").isTrue();
        assertThat(List.of(lengths.group(1).split(" "))).isEqualTo(List.of(bench.lengths()));

        Matcher readme = Pattern.compile("(?m)^db_bench (--benchmarks=[^\\n`]+)$")
                .matcher(Files.readString(SCRIPTS.resolve("README.md")));
        assertThat(readme.find()).as("a line 'db_bench --benchmarks=...' in scripts/README.md").isTrue();
        assertThat(withoutDbDirectories(readme.group(1))).isEqualTo(experiment);
        Matcher readmeLengths = Pattern.compile("(?m)^run lengths: (--num=[^\n`]+)$")
                .matcher(Files.readString(SCRIPTS.resolve("README.md")));
        assertThat(readmeLengths.find()).as("a line 'run lengths: --num=...' in scripts/README.md").isTrue();
        assertThat(List.of(readmeLengths.group(1).strip().split(" "))).isEqualTo(List.of(bench.lengths()));
    }

    @Test
    void thePreparedEnvironmentFileSetsOnlyTheTreePath() throws IOException {
        String prepare = Files.readString(SCRIPTS.resolve("prepare-rocksdb.sh"));
        Matcher env = Pattern.compile("cat >\"\\$TREE/aiopt-prepared\\.env\\.tmp\" <<EOF\\n(.*?)\\nEOF\\n",
                Pattern.DOTALL).matcher(prepare);
        assertThat(env.find()).as("the heredoc writing aiopt-prepared.env").isTrue();
        List<String> assignments = env.group(1).lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(assignments).containsExactly("AI_OPT_ROCKSDB_PATH=$TREE");
        assertThat(prepare).doesNotContain("AI_OPT_ORACLE_CMD");
    }

    private static List<String> withoutDbDirectories(String args) {
        return Arrays.stream(args.trim().split("\\s+")).filter(a -> !a.startsWith("--db=") && !a.startsWith("--wal_dir="))
                .toList();
    }
}
