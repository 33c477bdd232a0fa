package dev.aiopt.examples.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The loses-no-writes oracle passes the prepared tree's own WriteImpl and fails each deliberately broken one
 * (src/test/resources/rocksdb/broken), each in its own workspace, leaving the tree byte-identical. Needs a
 * tree prepared by scripts/prepare-rocksdb.sh in AI_OPT_ROCKSDB_PATH; run with {@code -Procksdb}.
 */
@Tag("rocksdb")
class OracleSelfTest {
  @Test
  void catchesBrokenWriteImplsAndLeavesTheTreeUnchanged() throws Exception {
    String tree = System.getenv("AI_OPT_ROCKSDB_PATH");
    assumeTrue(
        tree != null && Files.isRegularFile(Path.of(tree, "aiopt-prepared.env")),
        "set AI_OPT_ROCKSDB_PATH to a tree prepared by scripts/prepare-rocksdb.sh");

    Scripts.Result result = Scripts.run(Map.of(), 1800, "oracle-selftest.sh", tree);

    assertThat(result.stdout())
        .contains("ok   baseline: oracle PASS as expected")
        .contains("ok   broken-skip-wal-unless-sync: oracle FAIL as expected")
        .contains("ok   broken-drop-one-batch-in-5000: oracle FAIL as expected")
        .contains(tree + " unchanged")
        .contains("SELFTEST PASS");
    assertThat(result.exitCode()).isZero();
  }
}
