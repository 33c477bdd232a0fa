package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.redact.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandEnvironmentTest {
    private static final Set<String> ADDED_BY_BASH = Set.of("PWD", "SHLVL", "_", "OLDPWD");

    @TempDir
    Path temp;

    /** What a real child process sees, from {@code env -0}. */
    Map<String, String> childEnvironment(CommandRunner runner, Map<String, String> extra) {
        CommandResult result = runner.shell("env -0 | tr '\\0' '\\036'", temp, extra, Duration.ofSeconds(20),
                temp.resolve("logs/env"));
        assertThat(result.succeeded()).as(result.reason()).isTrue();
        Map<String, String> seen = new TreeMap<>();
        for (String entry : result.stdout().split("\u001e")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                seen.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return seen;
    }

    @Test
    void aChildGetsTheAllowlistAndTheListedVariablesOnly() {
        Map<String, String> parent = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "LANG", "C.UTF-8",
                "LC_NUMERIC", "C", "AIOPT_FLAVOUR", "vanilla", "CXXFLAGS", "-O2", "JAVA_HOME", "/opt/jdk",
                "OPENAI_API_KEY", "sk-test-0123456789abcdef", "GITHUB_TOKEN", "ghp_abcdef123456",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "SSH_AUTH_SOCK", "/tmp/ssh-agent.sock"));
        parent.put("HOME", "/root");
        CommandEnvironment environment = CommandEnvironment.fromParent(parent, List.of("CXXFLAGS", "NOT_SET_ANYWHERE"));
        CommandRunner runner = CommandRunner.using(CommandPolicy.defaults().withEnvironment(environment));

        Map<String, String> seen = childEnvironment(runner, Map.of("AIOPT_SCRATCH", temp.toString()));

        assertThat(seen).containsEntry("PATH", System.getenv("PATH")).containsEntry("LANG", "C.UTF-8")
                .containsEntry("LC_NUMERIC", "C").containsEntry("AIOPT_FLAVOUR", "vanilla")
                .containsEntry("CXXFLAGS", "-O2").containsEntry("HOME", temp.resolve("home").toString())
                .containsEntry("AIOPT_SCRATCH", temp.toString()).containsKey("AIOPT_BASEDIR");
        assertThat(seen.keySet()).doesNotContain("JAVA_HOME", "OPENAI_API_KEY", "GITHUB_TOKEN",
                "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "NOT_SET_ANYWHERE");
        assertThat(String.join("\n", seen.values())).doesNotContain("sk-test-0123456789abcdef", "ghp_abcdef123456",
                "wJalrXUtnFEMI");
    }

    @Test
    void theDefaultRunnerNoLongerPassesThisJvmsWholeEnvironment() {
        Map<String, String> seen = childEnvironment(CommandRunner.defaults(), Map.of());

        Set<String> unexpected = seen.keySet().stream()
                .filter(name -> !(name.equals("PATH") || name.equals("LANG") || name.startsWith("LC_")
                        || name.equals("TMPDIR") || name.equals("HOME") || name.startsWith("AIOPT_")
                        || ADDED_BY_BASH.contains(name)))
                .collect(Collectors.toSet());
        assertThat(unexpected).as("variables inherited beyond the allowlist").isEmpty();
        assertThat(System.getenv().keySet()).as("this JVM has variables to leak, so the test can fail")
                .anyMatch(name -> !seen.containsKey(name));
        assertThat(seen.get("HOME")).isEqualTo(temp.resolve("logs/home").toString());
    }

    @Test
    void listingASecretNamedVariableIsAnErrorNamingIt() {
        for (String name : List.of("OPENAI_API_KEY", "GITHUB_TOKEN", "MY_SECRET", "DB_PASSWORD", "SIGNING_KEY_ID",
                "AWS_SESSION_TOKEN")) {
            assertThatThrownBy(() -> CommandEnvironment.fromParent(Map.of(name, "x"), List.of("CC", name)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("aiopt.env.pass lists " + name + ", which is named like a secret")
                    .hasMessageContaining("remove " + name);
        }
        assertThatThrownBy(() -> CommandEnvironment.fromParent(Map.of(), List.of("CC; rm -rf /")))
                .hasMessageContaining("not an environment variable name");
    }

    @Test
    void aListedVariableHoldingALoadedKeyIsRefused() {
        Redactor.register("registered-key-value-77");
        assertThatThrownBy(() -> CommandEnvironment.fromParent(Map.of("DEBUG_FLAGS", "-v registered-key-value-77"),
                List.of("DEBUG_FLAGS")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DEBUG_FLAGS holds a secret");
        assertThat(CommandEnvironment.fromParent(Map.of("AIOPT_X", "registered-key-value-77"), List.of()).variables())
                .as("an inherited AIOPT_ variable holding a key is dropped").doesNotContainKey("AIOPT_X");
    }

    @Test
    void thePassListIsSplitOnCommasAndSpaces() {
        assertThat(CommandEnvironment.names(" CC, CXX  CXXFLAGS,,")).containsExactly("CC", "CXX", "CXXFLAGS");
        assertThat(CommandEnvironment.names(null)).isEmpty();
    }

    @Test
    void whatAioptAddsIsCheckedToo() {
        CommandEnvironment environment = CommandEnvironment.fromParent(Map.of(), List.of());
        assertThatThrownBy(() -> environment.with("AIOPT_API_KEY", "x"))
                .hasMessageContaining("AIOPT_API_KEY is named like a secret");
        assertThat(Arrays.asList("AIOPT_WORKSPACE", "AIOPT_SCRATCH", "AIOPT_PROGRAM", "AIOPT_BASEDIR"))
                .noneMatch(CommandEnvironment::isSecretLike);
    }
}
