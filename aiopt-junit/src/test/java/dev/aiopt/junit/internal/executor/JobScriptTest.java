package dev.aiopt.junit.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch script, squeue's output and the settings, without a cluster. */
class JobScriptTest {
    @TempDir
    Path dir;

    @Test
    void theScriptExportsOnlyTheAllowlistAndQuotesEveryArgument() throws Exception {
        SlurmSettings settings = SlurmSettings.builder(dir).classpath("/a b/x.jar:/it's/y.jar")
                .jvmOptions(List.of("-Xmx64m")).scratch("/local/scratch").build();
        String script = JobScript.render(settings, dir.resolve("u1"), 2);
        assertThat(script).startsWith("#!/bin/bash\n").contains("export PATH='")
                .contains("export AIOPT_SCRATCH='/local/scratch'")
                .contains("'-cp' '/a b/x.jar:/it'\\''s/y.jar' 'dev.aiopt.junit.internal.executor.UnitJob' '"
                        + dir.resolve("u1") + "' '2' '60000'");
        Map<String, String> exported = new HashMap<>();
        script.lines().filter(l -> l.startsWith("export ")).forEach(l -> exported.put(
                l.substring(7, l.indexOf('=')), l));
        assertThat(SlurmSettings.BASE_ENVIRONMENT).containsAll(exported.keySet().stream()
                .filter(n -> !n.equals("AIOPT_SCRATCH")).toList());

        // The script really runs: bash parses the quoting back into the arguments.
        Path echo = dir.resolve("fake-java");
        Files.writeString(echo, "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        echo.toFile().setExecutable(true);
        String rendered = JobScript.render(settings.toBuilder().java(echo).build(), dir.resolve("u1"), 2);
        Process run = new ProcessBuilder("bash", "-c", rendered).start();
        String out = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).isZero();
        assertThat(out).contains("[/a b/x.jar:/it's/y.jar]\n[dev.aiopt.junit.internal.executor.UnitJob]\n");
    }

    @Test
    void squeueLinesBecomeStatesAndEndsInTheExecutorsTerms() {
        Map<String, JobState> states = new HashMap<>();
        SlurmCli.parse("12|RUNNING|n2|None\n13|PENDING||Resources\n14|NODE_FAIL|n1|NodeDown\nnoise\n", states);
        assertThat(states).containsOnlyKeys("12", "13", "14");
        assertThat(states.get("12").running()).isTrue();
        assertThat(states.get("13").active()).isTrue();
        assertThat(states.get("13").node()).isEmpty();
        assertThat(states.get("14").active()).isFalse();
        assertThat(states.get("14").end()).isEqualTo(AttemptEnd.NODE_LOST);
        assertThat(states.get("14").describe()).isEqualTo("NODE_FAIL NodeDown on n1");
        assertThat(new JobState("9", "PREEMPTED", "n3", "None").end()).isEqualTo(AttemptEnd.PREEMPTED);
        assertThat(new JobState("9", "FAILED", "n3", "NonZeroExitCode").end()).isEqualTo(AttemptEnd.FAILED);
    }

    @Test
    void settingsRefuseSecretsAndMemoryWithoutAUnit() {
        assertThatThrownBy(() -> SlurmSettings.builder(dir).environment(List.of("OPENAI_API_KEY")).build())
                .hasMessageContaining("'OPENAI_API_KEY' looks like a secret");
        assertThatThrownBy(() -> SlurmSettings.builder(dir).memory("lots").build())
                .hasMessageContaining("sbatch --mem such as 2G");
    }
}
