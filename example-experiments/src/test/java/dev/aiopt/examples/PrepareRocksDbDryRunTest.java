package dev.aiopt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare-rocksdb.sh --dry-run}, run for real: portable by default, {@code -march=native} only with
 * {@code --native}, nothing written, and an unknown option refused.
 */
class PrepareRocksDbDryRunTest {
    @Test
    void buildsPortableUnlessToldNativeAndChangesNothing(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("rocksdb");

        Result portable = run(List.of("--dry-run", target.toString()));
        assertThat(portable.exit()).isZero();
        assertThat(portable.output()).contains("build (portable): make DEBUG_LEVEL=0 DISABLE_WARNING_AS_ERROR=1 PORTABLE=1 ")
                .contains("aiopt-prepared.env (AI_OPT_ROCKSDB_PATH only)");

        Result nativeBuild = run(List.of("--native", "--dry-run", target.toString()));
        assertThat(nativeBuild.exit()).isZero();
        assertThat(nativeBuild.output()).contains("build (native): make ").doesNotContain("PORTABLE=1");

        assertThat(target).as("a dry run creates nothing").doesNotExist();

        Result unknown = run(List.of("--yes", target.toString()));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown option --yes (known: --native, --add-apt-source, --dry-run)");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/prepare-rocksdb.sh"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("AI_OPT_ROCKSDB_PATH");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
