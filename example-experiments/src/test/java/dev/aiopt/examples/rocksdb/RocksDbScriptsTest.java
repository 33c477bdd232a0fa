package dev.aiopt.examples.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the RocksDB scripts fails fast with a message that names the thing and says what to do. */
class RocksDbScriptsTest {
  @TempDir Path temp;

  @Test
  void prepareRejectsAPathThatIsNotARocksDbTree() throws Exception {
    Files.writeString(temp.resolve("README"), "not rocksdb");

    Scripts.Result result =
        Scripts.run(Map.of("AI_OPT_ROCKSDB_PATH", temp.toString()), 60, "prepare-rocksdb.sh");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("AI_OPT_ROCKSDB_PATH=" + temp)
        .contains("no db/db_impl/db_impl_write.cc")
        .contains("point it at the top of a RocksDB checkout");
  }

  @Test
  void prepareRejectsAMissingDirectory() throws Exception {
    Path missing = temp.resolve("nowhere");

    Scripts.Result result =
        Scripts.run(Map.of("AI_OPT_ROCKSDB_PATH", missing.toString()), 60, "prepare-rocksdb.sh");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(missing + " is not a directory");
  }

  @Test
  void workspaceRefusesASourceThatIsNotARocksDbTree() throws Exception {
    Scripts.Result result =
        Scripts.run(Map.of(), 60, "rocksdb-workspace.sh", "create", temp.toString(), temp.resolve("ws").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(temp + " is not a RocksDB tree");
    assertThat(temp.resolve("ws")).doesNotExist();
  }

  @Test
  void workspaceRefusesATreeThatWasNotBuilt() throws Exception {
    Path tree = fakeUnbuiltTree();

    Scripts.Result result =
        Scripts.run(Map.of(), 60, "rocksdb-workspace.sh", "create", tree.toString(), temp.resolve("ws").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(tree + " has no built db_bench").contains("run prepare-rocksdb.sh first");
  }

  @Test
  void hashChangesWhenAFileChanges() throws Exception {
    Path tree = fakeUnbuiltTree();
    String before = Scripts.run(Map.of(), 60, "rocksdb-workspace.sh", "hash", tree.toString()).stdout();

    Files.writeString(tree.resolve("db/db_impl/db_impl_write.cc"), "// changed\n");
    String after = Scripts.run(Map.of(), 60, "rocksdb-workspace.sh", "hash", tree.toString()).stdout();

    assertThat(before).matches("[0-9a-f]{64}\\n");
    assertThat(after).matches("[0-9a-f]{64}\\n").isNotEqualTo(before);
  }

  @Test
  void oracleNeedsABuiltTree() throws Exception {
    Path tree = fakeUnbuiltTree();

    Scripts.Result result = Scripts.run(Map.of(), 60, "rocksdb-oracle.sh", "run", tree.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains(tree + " has no librocksdb.a").contains("run prepare-rocksdb.sh first");
  }

  private Path fakeUnbuiltTree() throws Exception {
    Path tree = temp.resolve("rocksdb");
    Files.createDirectories(tree.resolve("db/db_impl"));
    Files.writeString(tree.resolve("db/db_impl/db_impl_write.cc"), "// WriteImpl\n");
    Files.writeString(tree.resolve("Makefile"), "all:\n");
    return tree;
  }
}
