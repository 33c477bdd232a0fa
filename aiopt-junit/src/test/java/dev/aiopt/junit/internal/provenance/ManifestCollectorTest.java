package dev.aiopt.junit.internal.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.provenance.Manifest.LoadAverage;
import dev.aiopt.junit.internal.provenance.Manifest.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collects a real manifest on this machine and checks each fact against an independent probe. */
class ManifestCollectorTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path WRITEPATH = REPO.resolve("example-experiments/src/test/cpp/writepath");

    @Test
    void describesThisMachineAndThisTree() throws Exception {
        Manifest manifest = ManifestCollector.collect("g++ -std=c++17 -O2 -g writepath.cc -o writebench", WRITEPATH,
                List.of(new Model("gpt5", "gpt-5-mini", "https://api.openai.com/v1/")), List.of(42L, 43L));

        assertThat(manifest.machine().kernel()).isEqualTo(run(REPO, "uname", "-r"));
        assertThat(manifest.machine().cpus()).isEqualTo(Integer.parseInt(run(REPO, "nproc")));
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        cpuinfo.lines().filter(l -> l.startsWith("model name")).findFirst().ifPresent(l ->
                assertThat(manifest.machine().cpuModel()).isEqualTo(l.substring(l.indexOf(':') + 1).trim()));
        Path governor = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
        assertThat(manifest.machine().governor())
                .isEqualTo(Files.isReadable(governor) ? Files.readString(governor).trim() : null);
        assertThat(manifest.machine().loadAtStart()).isNotNull();
        assertThat(manifest.machine().loadAtStart().one()).isGreaterThanOrEqualTo(0);
        assertThat(manifest.jvm().version()).isEqualTo(System.getProperty("java.version"));
        assertThat(manifest.build().compiler()).isEqualTo("g++");
        assertThat(manifest.build().compilerVersion()).isEqualTo(run(REPO, "g++", "--version").lines().findFirst()
                .orElseThrow());
        String head = run(REPO, "git", "rev-parse", "HEAD");
        assertThat(manifest.target().revision()).startsWith(head);
        assertThat(manifest.target().contentSha256()).isNull();
        assertThat(manifest.library().revision()).startsWith(head);
        assertThat(manifest.seeds()).containsExactly(42L, 43L);
    }

    @Test
    void carriesTheFlagsAPrepareScriptRecordedInTheTree(@TempDir Path tree) throws Exception {
        assertThat(ManifestCollector.collect("make", tree, List.of(), List.of(1L)).build().preparedFlags())
                .as("no file, no flags").isNull();
        Files.writeString(tree.resolve(ManifestCollector.BUILD_FLAGS_FILE), "# written by prepare-rocksdb.sh\n"
                + "mode: portable\nmake: PORTABLE=1 OPTIMIZE_LEVEL=\"-O2 -g\"\n\ncompile: g++ -O2 -g -c x.cc\n");

        Manifest manifest = ManifestCollector.collect("make", tree, List.of(), List.of(1L));

        assertThat(manifest.build().preparedFlags()).isEqualTo("mode: portable\nmake: PORTABLE=1 OPTIMIZE_LEVEL="
                + "\"-O2 -g\"\ncompile: g++ -O2 -g -c x.cc");
        assertThat(new ObjectMapper().writeValueAsString(manifest)).contains("\"preparedFlags\":\"mode: portable");
    }

    @Test
    void roundTripsThroughJacksonWithoutSecrets() throws Exception {
        Manifest manifest = ManifestCollector.collect("make -j2", WRITEPATH, List.of(
                new Model("gpt5", "gpt-5", "https://user:sk-live-123@api.example.com:8443/v1?api-key=sk-query#frag"),
                new Model("baseline", "replay", "offline replay")), List.of(1L))
                .withLoadAtEnd(new LoadAverage(1.5, 1.25, 1.0));
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(manifest);

        assertThat(text).doesNotContain("sk-live", "sk-query", "frag", "user:")
                .contains("\"endpoint\":\"https://api.example.com:8443/v1\"")
                .contains("\"endpoint\":\"offline replay\"")
                .contains("\"loadAtEnd\":{\"one\":1.5,\"five\":1.25,\"fifteen\":1.0}");
        assertThat(json.readValue(text, Manifest.class)).isEqualTo(manifest);
        assertThat(manifest.build().compiler()).isNull();
        assertThat(text).doesNotContain("\"compiler\"");
    }

    @Test
    void aTreeOutsideGitIsIdentifiedByItsContent(@TempDir Path tree) throws IOException {
        Files.writeString(tree.resolve("a.cc"), "int main() { return 0; }\n", StandardCharsets.UTF_8);
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("sub/b.h"), "#pragma once\n", StandardCharsets.UTF_8);

        Manifest.Target first = ManifestCollector.target(tree);
        Manifest.Target again = ManifestCollector.target(tree);
        Files.writeString(tree.resolve("sub/b.h"), "#pragma once // edited\n", StandardCharsets.UTF_8);
        Manifest.Target edited = ManifestCollector.target(tree);

        assertThat(first.revision()).isNull();
        assertThat(first.contentSha256()).hasSize(64).isEqualTo(again.contentSha256());
        assertThat(edited.contentSha256()).isNotEqualTo(first.contentSha256());
    }

    @Test
    void namesTheCompilerOnlyWhenTheCommandDoes() {
        assertThat(ManifestCollector.compiler("/usr/bin/clang++-16 -O3 x.cc", null)).hasValue("/usr/bin/clang++-16");
        assertThat(ManifestCollector.compiler("cmake --build build", "g++-12")).hasValue("g++-12");
        assertThat(ManifestCollector.compiler("cmake --build build", null)).isEmpty();
        assertThat(ManifestCollector.sanitizedEndpoint("recordings/gpt5.jsonl")).isEqualTo("recordings/gpt5.jsonl");
        assertThat(ManifestCollector.sanitizedEndpoint("key=sk-1@host?x")).isEqualTo("(unprintable endpoint)");
        assertThat(ManifestCollector.sanitizedEndpoint("http://[bad")).isEqualTo("(unprintable endpoint)");
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
