package dev.aiopt.junit.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    @TempDir
    Path temp;

    @Test
    void modesParse() {
        assertThat(SandboxMode.parse("auto")).isEqualTo(SandboxMode.AUTO);
        assertThat(SandboxMode.parse(" BWRAP ")).isEqualTo(SandboxMode.BWRAP);
        assertThat(SandboxMode.parse("off")).isEqualTo(SandboxMode.OFF);
        assertThat(SandboxMode.parse(null)).isEqualTo(SandboxMode.AUTO);
        assertThatThrownBy(() -> SandboxMode.parse("docker")).isInstanceOf(SandboxException.class)
                .hasMessage("aiopt.sandbox is 'docker', which is not a sandbox mode: use auto, bwrap or off");
    }

    @Test
    void bwrapWithoutBubblewrapIsAConfigurationErrorNamingThePackage() {
        assertThatThrownBy(() -> Sandbox.resolve(SandboxMode.BWRAP, temp.toString(), temp))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("bwrap is not on the PATH").hasMessageContaining("apt-get install bubblewrap");
        Sandbox auto = Sandbox.resolve(SandboxMode.AUTO, temp.toString(), temp);
        assertThat(auto.enabled()).isFalse();
        assertThat(auto.describe()).startsWith("WARNING: no sandbox");
        assertThat(Sandbox.resolve(SandboxMode.OFF, System.getenv("PATH"), temp).enabled()).isFalse();
    }

    @Test
    void bubblewrapIsAnnouncedOnceAndNoSandboxOnEveryRun() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.createFile(bin.resolve("bwrap")).toFile().setExecutable(true);
        Sandbox bwrap = Sandbox.resolve(SandboxMode.AUTO, bin.toString(), temp);
        Sandbox none = Sandbox.none();

        bwrap.runNotice(); // whoever ran first in this JVM may have taken the announcement
        assertThat(bwrap.runNotice()).isEmpty();
        assertThat(none.runNotice()).hasValueSatisfying(n -> assertThat(n).startsWith("WARNING: no sandbox"));
        assertThat(none.runNotice()).isPresent();
    }

    @Test
    void theWrappedCommandLineHidesHomeAndKeyFilesAndHasNoNetwork() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path bwrap = Files.createFile(bin.resolve("bwrap"));
        bwrap.toFile().setExecutable(true);
        Path home = Files.createDirectories(temp.resolve("home/me"));
        Path key = Files.writeString(temp.resolve("key.txt"), "k");
        Sandbox sandbox = Sandbox.resolve(SandboxMode.AUTO, bin.toString(), home);

        List<String> argv = sandbox.wrap(List.of("bash", "-c", "make"), new SandboxPaths(Set.of(temp.resolve("ws")),
                Set.of(home.resolve("project")), Set.of(key)));

        String line = String.join(" ", argv);
        assertThat(argv.get(0)).isEqualTo(bwrap.toString());
        assertThat(line).contains("--ro-bind / /", "--tmpfs /tmp", "--tmpfs " + home, "--unshare-net",
                "--unshare-pid", "--die-with-parent", "--new-session", "--cap-drop ALL",
                "--ro-bind " + home.resolve("project") + " " + home.resolve("project"),
                "--bind " + temp.resolve("ws") + " " + temp.resolve("ws"), "--ro-bind /dev/null " + key);
        assertThat(line.indexOf("--tmpfs " + home)).as("home hidden before the project is bound into it")
                .isLessThan(line.indexOf("--ro-bind " + home.resolve("project")));
        assertThat(argv.subList(argv.size() - 4, argv.size())).containsExactly("--", "bash", "-c", "make");
    }
}
