package dev.aiopt.junit.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The native launcher's limits, started directly (as CommandRunner does) but as an unprivileged user. */
class LauncherTest {

    @Test
    void forANonRootUserTheProcessLimitIsRlimitNproc() throws Exception {
        Path launcher = Launcher.binary().orElseThrow(() -> new AssertionError(Launcher.problem()));
        // 40 background sleeps asked for, 20 allowed beyond what uid 65534 already runs. The forking happens in a
        // subshell: when bash gives up on a fork (after retrying for about 15 s, or at once on EINTR) it ends the
        // shell that forked, and the outer one must still report. The sleeps outlast that retry window, so no slot
        // frees while it runs, and each writes its pid first, so the count needs no fork.
        String spawn = "f=/tmp/aiopt-launcher-test-$$; : > $f; "
                + "( for i in {1..40}; do (echo $BASHPID >> $f; exec sleep 30) 2>/dev/null & done ); "
                + "mapfile -t running < $f; echo running=${#running[@]}; kill ${running[@]} 2>/dev/null; rm -f $f; true";
        long allowed = UserProcesses.count(65534) + 20;
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        command.addAll(Launcher.wrap(launcher, null, allowed, 0, List.of("bash", "-c", spawn)));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("fork: retry: Resource temporarily unavailable");
        int running = Integer.parseInt(output.replaceAll("(?s).*running=(\\d+).*", "$1"));
        assertThat(running).isBetween(1, 20);
    }

    @Test
    void theLauncherRefusesToStartWhenItsParentIsNotTheJvm() throws Exception {
        Path launcher = Launcher.binary().orElseThrow();
        // The launcher's parent is this JVM, but it is told another pid: it must not run the command.
        Process process = new ProcessBuilder(launcher.toString(), "1", "-", "0", "0", "--", "echo", "ran")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(137);
        assertThat(output).doesNotContain("ran");
    }
}
