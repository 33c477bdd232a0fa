package dev.aiopt.junit.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.model.MissingAnswerException;
import dev.aiopt.junit.internal.model.Model;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.model.ModelRequest;
import dev.aiopt.junit.internal.model.ReplayKey;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineVersionsTest {
    static final String BASELINE = """
            int Find(const std::vector<int>& v, int key) {
              for (size_t i = 0; i < v.size(); i++) {
                if (v[i] == key) return static_cast<int>(i);
              }
              return -1;
            }
            """;
    static final String SORTED = """
            int Find(const std::vector<int>& v, int key) {
              auto it = std::lower_bound(v.begin(), v.end(), key);
              return it != v.end() && *it == key ? static_cast<int>(it - v.begin()) : -1;
            }
            """;
    static final String SORTED_BRANCHLESS = SORTED.replace("auto it", "const auto it");
    static final String NO_MATCH = "<<<<<<< SEARCH\n  while (true) {\n=======\n  for (;;) {\n>>>>>>> REPLACE\n";

    @TempDir
    Path dir;

    static Map<String, String> files(String... nameAndContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            files.put(nameAndContent[i], nameAndContent[i + 1]);
        }
        return files;
    }

    static String ask(Model model, String parent, int ordinal) {
        return model.complete(new ModelRequest("system", "user", new ReplayKey(Program.sha256(parent), ordinal)))
                .content();
    }

    @Test
    void completeVersionsBecomeRepliesThatProduceThemKeyedByParentTextAndPosition() {
        OfflineVersions versions = OfflineVersions.resolve("lookup/versions", files(
                "02-no-match.diff", NO_MATCH,
                "01-sorted.cc", SORTED,
                "01-sorted--01-const.cc", SORTED_BRANCHLESS), BASELINE);
        Model model = new OfflineVersionsModel(versions, 3);

        String first = ask(model, BASELINE, 0);
        assertThat(DiffApplier.apply(BASELINE, first)).isEqualTo(SORTED);
        assertThat(first).startsWith("<<<<<<< SEARCH\n");
        assertThat(ask(model, BASELINE, 3)).as("the second file by name answers the second candidate (ordinal 1 x 3)")
                .isEqualTo(NO_MATCH);
        String child = ask(model, SORTED, 0);
        assertThat(DiffApplier.apply(SORTED, child)).isEqualTo(SORTED_BRANCHLESS);
        assertThat(child).as("only the changed line is quoted").doesNotContain("int Find").doesNotContain("return");
        assertThat(model.describe()).isEqualTo("offline versions in lookup/versions (3 answers)");
    }

    @Test
    void aCandidateBeyondTheFilesIsToldWhichFileToAddAndTheFullKey() {
        Model model = new OfflineVersionsModel(OfflineVersions.resolve("lookup/versions",
                files("01-sorted.cc", SORTED), BASELINE), 2);
        String sha = Program.sha256(BASELINE);

        assertThatThrownBy(() -> ask(model, BASELINE, 2)).isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("have no answer for candidate 2 drawn on the baseline")
                .hasMessageContaining("(key {\"parent\":\"" + sha + "\",\"ordinal\":2})")
                .hasMessageContaining("the files for it, in the order they answer, are [01-sorted.cc]")
                .hasMessageContaining("add a file lookup/versions/<name>.cc holding the complete new slice")
                .hasMessageContaining("sorts after 01-sorted.cc");
        assertThatThrownBy(() -> ask(model, SORTED, 0)).isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("candidate 1 drawn on version '01-sorted' (01-sorted.cc)")
                .hasMessageContaining("no file applies to it yet")
                .hasMessageContaining("add a file lookup/versions/01-sorted--<name>.cc");
        assertThatThrownBy(() -> ask(model, BASELINE, 1)).isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("answer only a candidate's first request; this is request 2 of candidate 1");
    }

    @Test
    void aReaskAfterADuplicatingReplyIsAClearMissNotTheNextFile() {
        Model model = new OfflineVersionsModel(OfflineVersions.resolve("lookup/versions",
                files("01-sorted.cc", SORTED, "02-no-match.diff", NO_MATCH), BASELINE), 1);
        ReplayKey reask = new ReplayKey(Program.sha256(BASELINE), 0).reasked(1);

        assertThatThrownBy(() -> model.complete(new ModelRequest("system", "user", reask)))
                .isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("this is re-ask 1 of candidate 1 drawn on the baseline")
                .hasMessageContaining("\"ordinal\":0,\"reask\":1}")
                .hasMessageContaining("the candidate stays a duplicate");
        assertThat(ask(model, BASELINE, 1)).as("the files still answer the candidates after it").isEqualTo(NO_MATCH);
    }

    @Test
    void aParentNoVersionProducesIsAnsweredOnlyByARecordingLineThatCanBePasted() {
        Model model = new OfflineVersionsModel(OfflineVersions.resolve("v", files("01-sorted.cc", SORTED), BASELINE), 1);
        String other = "int Find() { return 0; }\n";
        assertThatThrownBy(() -> ask(model, other, 4))
                .hasMessageContaining("neither the baseline nor any version (slice SHA-256 " + Program.sha256(other))
                .hasMessageContaining("{\"key\":{\"parent\":\"" + Program.sha256(other)
                        + "\",\"ordinal\":4},\"response\":{\"content\":\"...\"}}");
    }

    @Test
    void aWholeSourceFileWithMarkersCountsAsTheTextBetweenThem() {
        String file = "#include <vector>\n// EVOLVE-BLOCK-START\n" + SORTED + "// EVOLVE-BLOCK-END\nint main() {}\n";
        Model model = new OfflineVersionsModel(OfflineVersions.resolve("v", files("01-sorted.cc", file), BASELINE), 1);
        assertThat(DiffApplier.apply(BASELINE, ask(model, BASELINE, 0))).isEqualTo(SORTED);
    }

    @Test
    void anUnchangedVersionIsAReplyThatChangesNothing() {
        Model model = new OfflineVersionsModel(OfflineVersions.resolve("v", files("01-same.cc", BASELINE), BASELINE), 1);
        String reply = ask(model, BASELINE, 0);
        assertThat(reply).contains("<<<<<<< SEARCH");
        assertThat(DiffApplier.apply(BASELINE, reply)).isEqualTo(BASELINE);
    }

    @Test
    void badDirectoriesAreRejectedWithTheFileAndTheFix() {
        assertThatThrownBy(() -> OfflineVersions.resolve("v", files("01-a--x--b.cc", SORTED), BASELINE))
                .isInstanceOf(ModelException.class).hasMessageContaining("file name 01-a--x--b.cc does not parse");
        assertThatThrownBy(() -> OfflineVersions.resolve("v", files("nope--01-a.cc", SORTED), BASELINE))
                .hasMessageContaining("01-a.cc applies to 'nope', which no file is named; known names: baseline, 01-a");
        assertThatThrownBy(() -> OfflineVersions.resolve("v", files("01-a.cc", SORTED, "01-a.diff", NO_MATCH), BASELINE))
                .hasMessageContaining("01-a.cc and 01-a.diff are both named '01-a'");
        assertThatThrownBy(() -> OfflineVersions.resolve("v", files("02-bad.diff", NO_MATCH,
                "02-bad--03-x.cc", SORTED), BASELINE))
                .hasMessageContaining("02-bad--03-x.cc applies to '02-bad', whose reply does not apply");
        assertThatThrownBy(() -> OfflineVersions.resolve("v", files("b--a.cc", SORTED, "a--b.cc", BASELINE), BASELINE))
                .hasMessageContaining("form a cycle");
        assertThatThrownBy(() -> OfflineVersions.resolve("v", files(), BASELINE))
                .hasMessageContaining("holds no version files");
    }

    @Test
    void theDirectoryIsReadFromTheClassPathInADirectoryOrAJar() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/lookup/versions"));
        Files.writeString(classes.resolve("01-sorted.cc"), SORTED);
        Files.writeString(classes.resolve("README.md"), "not a version");
        Path jar = dir.resolve("versions.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("lookup/"));
            out.putNextEntry(new JarEntry("lookup/versions/"));
            out.putNextEntry(new JarEntry("lookup/versions/01-sorted.cc"));
            ((OutputStream) out).write(SORTED.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        for (URL root : new URL[] {dir.resolve("classes").toUri().toURL(), jar.toUri().toURL()}) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, null)) {
                Model model = new OfflineAnswers("", "lookup/versions").open(loader, BASELINE, 2);
                assertThat(model.describe()).as(root.toString()).endsWith("(1 answers)");
                assertThat(DiffApplier.apply(BASELINE, ask(model, BASELINE, 0))).isEqualTo(SORTED);
                assertThatThrownBy(() -> new OfflineAnswers("", "lookup/missing").open(loader, BASELINE, 2))
                        .hasMessageContaining("@Experiment(offlineVersions = \"lookup/missing\") is not on the test"
                                + " class path; put the directory under src/test/resources");
            }
        }
        assertThatThrownBy(() -> new OfflineAnswers("a.jsonl", "v")).hasMessageContaining("keep one");
    }
}
