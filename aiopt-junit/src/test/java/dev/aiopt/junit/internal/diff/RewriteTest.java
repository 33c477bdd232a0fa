package dev.aiopt.junit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RewriteTest {
    private static final String SLICE = """
            Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
              std::lock_guard<std::mutex> guard(mu_);
              return AppendToLog(batch);
            }
            """;

    @Test
    void takesTheWholeSliceFromTheFencedBlock() {
        String reply = "Here it is:\n```cpp\nStatus DB::Write(const WriteOptions& options, const WriteBatch& batch) {\n"
                + "  return AppendToLog(batch);\n}\n```\n";
        assertThat(Rewrite.apply(SLICE, reply)).isEqualTo(
                "Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {\n  return AppendToLog(batch);\n}\n");
    }

    @Test
    void aRewriteThatDropsTheSignatureIsRejectedWithTheReason() {
        assertThatThrownBy(() -> Rewrite.apply(SLICE, "```cpp\nStatus Write2() {\n  return Status::OK();\n}\n```\n"))
                .isInstanceOf(DiffException.class).hasMessageContaining("drops the signature of DB::Write");
    }

    @Test
    void aRewriteThatKeepsOnlyOneMarkerIsRejected() {
        assertThatThrownBy(() -> Rewrite.apply(SLICE, "```\n// EVOLVE-BLOCK-START\nStatus DB::Write() {}\n```"))
                .isInstanceOf(DiffException.class).hasMessageContaining("drops the EVOLVE-BLOCK-END marker");
    }

    @Test
    void codeBetweenBothMarkersIsTheSlice() {
        String reply = "```cpp\n#include <x>\n// EVOLVE-BLOCK-START\nStatus DB::Write(int a) { return s; }\n"
                + "// EVOLVE-BLOCK-END\nint main() {}\n```";
        assertThat(Rewrite.apply(SLICE, reply)).isEqualTo("Status DB::Write(int a) { return s; }\n");
    }

    @Test
    void aReplyWithoutCodeIsRejected() {
        assertThatThrownBy(() -> Rewrite.apply(SLICE, "I would make it faster.")).isInstanceOf(DiffException.class)
                .hasMessageContaining("no fenced code block");
    }
}
