package dev.aiopt.junit.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.process.CommandResult;
import dev.aiopt.junit.internal.process.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path temp;

    Path source;

    @BeforeEach
    void makeSourceTree() throws IOException {
        source = temp.resolve("rocksdb");
        Files.createDirectories(source.resolve("db/db_impl"));
        Files.writeString(source.resolve("db/db_impl/db_impl_write.cc"), "Status DBImpl::WriteImpl() {\n  return s;\n}\n");
        Files.writeString(source.resolve("Makefile"), "db_bench:\n\tcc -o db_bench db/db_impl/db_impl_write.cc\n");
        Files.createDirectories(source.resolve(".git/objects"));
        Files.writeString(source.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(source.resolve("target"));
        Files.writeString(source.resolve("target/old.o"), "stale");
        Files.createSymbolicLink(source.resolve("include-link"), Path.of("db"));
        Files.setLastModifiedTime(source.resolve("Makefile"), java.nio.file.attribute.FileTime.fromMillis(1_000_000_000L));
    }

    /** Every file and directory of the tree (links not followed) with the SHA-256 of its bytes or link target. */
    static Map<String, String> fingerprint(Path tree) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : paths.toList()) {
                String name = tree.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    result.put(name, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    result.put(name, "dir");
                } else {
                    result.put(name, sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p));
                }
            }
        }
        return result;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void copiesTheTreeWithFileTimesButNotGitOrTarget() throws IOException {
        Workspace workspace = Workspace.create(source, temp.resolve("run/w0"));

        Path copy = workspace.root();
        assertThat(copy).isEqualTo(temp.resolve("run/w0/tree"));
        assertThat(copy.resolve("db/db_impl/db_impl_write.cc")).hasSameTextualContentAs(source.resolve("db/db_impl/db_impl_write.cc"));
        assertThat(Files.getLastModifiedTime(copy.resolve("Makefile"))).isEqualTo(Files.getLastModifiedTime(source.resolve("Makefile")));
        assertThat(Files.isSymbolicLink(copy.resolve("include-link"))).isTrue();
        assertThat(Files.readSymbolicLink(copy.resolve("include-link"))).isEqualTo(Path.of("db"));
        assertThat(copy.resolve(".git")).doesNotExist();
        assertThat(copy.resolve("target")).doesNotExist();
        assertThat(workspace.scratch()).isEmptyDirectory();
        assertThat(workspace.source()).isEqualTo(source.toAbsolutePath().normalize());
        assertThat(workspace.read("Makefile")).startsWith("db_bench:");
    }

    @Test
    void writesAndCommandsTouchOnlyTheCopy() throws IOException {
        Map<String, String> before = fingerprint(source);

        Workspace workspace = Workspace.create(source, temp.resolve("run/w0"));
        workspace.write("db/db_impl/db_impl_write.cc", "Status DBImpl::WriteImpl() {\n  return Status::OK();\n}\n");
        workspace.write("db/new_file.cc", "int x;\n");
        CommandResult build = CommandRunner.run("echo built > db_bench && echo more >> Makefile && touch include-link/x.h",
                workspace.root(), Map.of(), Duration.ofSeconds(10), temp.resolve("logs/build"));
        Files.writeString(workspace.scratch().resolve("db.log"), "data");

        assertThat(build.succeeded()).as(build.stderr()).isTrue();
        assertThat(workspace.read("db/db_impl/db_impl_write.cc")).contains("Status::OK()");
        assertThat(workspace.root().resolve("db_bench")).exists();
        assertThat(fingerprint(source)).isEqualTo(before);
    }

    @Test
    void aWriteReplacesTheFileInsteadOfWritingThroughAHardLink() throws IOException {
        Workspace workspace = Workspace.create(source, temp.resolve("run/w0"));
        Path copied = workspace.root().resolve("Makefile");
        Path alias = temp.resolve("alias-of-copy");
        Files.createLink(alias, copied);

        workspace.write("Makefile", "changed\n");

        assertThat(workspace.read("Makefile")).isEqualTo("changed\n");
        assertThat(alias).content().startsWith("db_bench:");
    }

    @Test
    void aSecondCreateKeepsTheCopyAndEmptiesTheScratchDirectory() throws IOException {
        Workspace first = Workspace.create(source, temp.resolve("run/w0"));
        first.write("Makefile", "edited\n");
        Files.writeString(first.scratch().resolve("leftover"), "x");

        Workspace second = Workspace.create(source, temp.resolve("run/w0"));

        assertThat(second.read("Makefile")).isEqualTo("edited\n");
        assertThat(second.scratch()).isEmptyDirectory();
    }

    @Test
    void refusesAWorkspaceInsideTheSourceTree() throws IOException {
        Map<String, String> before = fingerprint(source);

        assertThatThrownBy(() -> Workspace.create(source, source.resolve("target/aiopt/w0")))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("lies inside the target tree " + source.toAbsolutePath().normalize())
                .hasMessageContaining("-Daiopt.outputDir");
        assertThatThrownBy(() -> Workspace.create(source, source.resolve("db/../w0")))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("lies inside the target tree");
        assertThat(fingerprint(source)).isEqualTo(before);
    }

    @Test
    void aMissingSourceTreeSaysWhereToSetIt() {
        assertThatThrownBy(() -> Workspace.create(temp.resolve("nope"), temp.resolve("w0")))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("target tree " + temp.resolve("nope") + " does not exist")
                .hasMessageContaining("AI_OPT_ROCKSDB_PATH");
    }

    @Test
    void refusesPathsOutsideTheCopy() {
        Workspace workspace = Workspace.create(source, temp.resolve("run/w0"));

        assertThatThrownBy(() -> workspace.write("../../rocksdb/Makefile", "overwritten"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("points outside the workspace");
        assertThatThrownBy(() -> workspace.read("/etc/passwd"))
                .isInstanceOf(WorkspaceException.class);
        assertThat(source.resolve("Makefile")).content(StandardCharsets.UTF_8).startsWith("db_bench:");
    }
}
