package dev.aiopt.junit.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiffApplierTest {
    static final String SLICE = """
            void DB::Write(int v) {
              std::lock_guard<std::mutex> guard(mu_);
              AppendToLog(v);
              table_.Insert(v);
              AppendToLog(v);
              ++sequence_;
            }
            """;

    static String block(String search, String replace) {
        return "<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
    }

    @Nested
    class Application {
        @Test
        void replacesTheOneMatch() {
            String reply = block("  table_.Insert(v);\n", "  table_.InsertConcurrently(v);\n");

            assertThat(DiffApplier.apply(SLICE, reply))
                    .isEqualTo(SLICE.replace("table_.Insert(v)", "table_.InsertConcurrently(v)"));
        }

        @Test
        void anEmptyReplaceDeletesTheLines() {
            String reply = block("  ++sequence_;\n", "");

            assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("  ++sequence_;\n", ""));
        }

        @Test
        void multipleBlocksApplyIndependentlyToTheOriginalSlice() {
            String reply = block("  std::lock_guard<std::mutex> guard(mu_);\n", "  std::unique_lock<std::mutex> guard(mu_);\n")
                    + block("  ++sequence_;\n", "  sequence_ += 1;\n");

            assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE
                    .replace("std::lock_guard", "std::unique_lock").replace("++sequence_;", "sequence_ += 1;"));
        }

        @Test
        void aBlockSeesTheEditOfAnEarlierBlock() {
            String reply = block("  ++sequence_;\n", "  sequence_ += 1;\n") + block("  sequence_ += 1;\n", "  sequence_ += 2;\n");

            assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("++sequence_;", "sequence_ += 2;"));
        }

        @Test
        void blocksFencedAndSurroundedByProseApply() {
            String reply = "The insert does not need the lock. Here is the change:\n\n```cpp\n"
                    + block("  table_.Insert(v);\n", "  table_.InsertConcurrently(v);\n")
                    + "```\n\nThis shortens the critical section.\n";

            assertThat(DiffApplier.apply(SLICE, reply))
                    .isEqualTo(SLICE.replace("table_.Insert(v)", "table_.InsertConcurrently(v)"));
        }

        @Test
        void aCrlfReplyAppliesToAnLfSlice() {
            String reply = ("Shorter:\n" + block("  table_.Insert(v);\n  AppendToLog(v);\n", "  table_.Insert(v);\n"))
                    .replace("\n", "\r\n");

            String applied = DiffApplier.apply(SLICE, reply);

            assertThat(applied).doesNotContain("\r").isEqualTo(SLICE.replace("  table_.Insert(v);\n  AppendToLog(v);\n",
                    "  table_.Insert(v);\n"));
        }

        @Test
        void searchLinesWithListingLineNumbersAreAccepted() {
            String reply = block("    2|   std::lock_guard<std::mutex> guard(mu_);\n    3|   AppendToLog(v);\n",
                    "    2|   std::unique_lock<std::mutex> guard(mu_);\n    3|   AppendToLog(v);\n");

            assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("std::lock_guard", "std::unique_lock"));
        }

        @Test
        void numberedSearchLinesKeepAnUnnumberedReplace() {
            String reply = block("  6|   ++sequence_;\n", "  sequence_ += 1;\n");

            assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("++sequence_;", "sequence_ += 1;"));
        }

        @Test
        void parsedBlocksCarryTheirReplyLine() {
            List<SearchReplace> blocks = DiffParser.parse("prose\n\n" + block("a\n", "b\n") + "\n" + block("c\n", "d\n"));

            assertThat(blocks).containsExactly(new SearchReplace("a\n", "b\n", 3), new SearchReplace("c\n", "d\n", 9));
        }
    }

    @Nested
    class Rejection {
        @Test
        void noMatchShowsTheNearestLinesWithTheirNumbers() {
            String reply = block("  std::lock_guard<std::mutex> lock(mu_);\n  AppendToLog(v);\n", "  AppendToLog(v);\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("block 1 of 1 (reply line 1): the SEARCH text matches nothing in the slice")
                    .hasMessageContaining("in the slice.\nNearest: slice lines 2-3, line by line")
                    .hasMessageContaining("\n  - 2: ··std::lock_guard<std::mutex>·guard(mu_);¶"
                            + "\n  + 2: ··std::lock_guard<std::mutex>·lock(mu_);¶"
                            + "\n    first difference at column 31"
                            + "\n  = 3:   AppendToLog(v);\n")
                    .hasMessageEndingWith("\nCopy the old lines exactly, whitespace included, without line numbers.");
        }

        @Test
        void aSearchWithATrailingSpaceAndAnotherIndentationIsShownAsNearestWhenItAlsoDiffers() {
            String reply = block("    ++sequence_; \n    return;\n", "  sequence_ += 1;\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("matches nothing")
                    .hasMessageContaining("\n  - 6: ··++sequence_;¶\n  + 6: ····++sequence_;·¶\n");
        }

        @Test
        void aSearchWithNoLineInTheSliceSaysSo() {
            String reply = block("return Status::OK();\n", "return s;\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("No line of it occurs in the slice, nor anything close")
                    .hasMessageNotContaining("Nearest");
        }

        @Test
        void twoMatchesNameBothLines() {
            String reply = block("  AppendToLog(v);\n", "  AppendToLogBatched(v);\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("the SEARCH text matches 2 places in the slice (lines 3, 5)")
                    .hasMessageContaining("quote more surrounding lines");
        }

        @Test
        void aBlockQuotingLinesAnEarlierBlockChangedNamesThatBlock() {
            String reply = block("  std::lock_guard<std::mutex> guard(mu_);\n  AppendToLog(v);\n  table_.Insert(v);\n", "")
                    + block("  table_.Insert(v);\n  AppendToLog(v);\n", "");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("block 2 of 2 (reply line 7): the SEARCH text quotes lines that block 1 of 2"
                            + " already changed.\n" + DiffApplier.CONVENTION + "\nMerge the blocks");
        }

        @Test
        void markersInTheSearchAreRejected() {
            String reply = block("// EVOLVE-BLOCK-START\nvoid DB::Write(int v) {\n", "void DB::Write(int v) {\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("contains the EVOLVE-BLOCK-START marker")
                    .hasMessageContaining("change only the code between them");
        }

        @Test
        void markersInTheReplaceAreRejected() {
            String reply = block("  ++sequence_;\n", "  ++sequence_;\n}\n// EVOLVE-BLOCK-END\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("block 1 of 1 (reply line 1) contains the EVOLVE-BLOCK-END marker");
        }

        @Test
        void aBlockWithoutDividerIsMalformed() {
            String reply = "<<<<<<< SEARCH\n  ++sequence_;\n  sequence_ += 1;\n>>>>>>> REPLACE\n";

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("malformed diff: the block at reply line 1 has no '=======' line before line 4");
        }

        @Test
        void aBlockWithoutReplaceLineIsMalformed() {
            String reply = "text\n<<<<<<< SEARCH\n  ++sequence_;\n=======\n  sequence_ += 1;\n";

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("malformed diff: the block at reply line 2 has no '>>>>>>> REPLACE' line");
        }

        @Test
        void aNewBlockBeforeTheReplaceLineIsMalformed() {
            String reply = block("a\n", "b\n").replace(">>>>>>> REPLACE\n", "") + block("c\n", "d\n");

            assertThatThrownBy(() -> DiffParser.parse(reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("the block at reply line 1 has no '>>>>>>> REPLACE' line before line 5");
        }

        @Test
        void anEmptySearchIsMalformed() {
            String reply = block("\n", "  int x = 0;\n");

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("has an empty SEARCH part; quote the exact lines to replace");
        }

        @Test
        void aBlockWithoutItsSearchLineIsMalformed() {
            String reply = "Here:\n=======\n  sequence_ += 1;\n>>>>>>> REPLACE\n";

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("reply lines 2-4 are a block without its '<<<<<<< SEARCH' line");
        }

        @Test
        void aReplyWithoutBlocksIsRejected() {
            String reply = "```cpp\nvoid DB::Write(int v) { AppendToLog(v); }\n```\n";

            assertThatThrownBy(() -> DiffApplier.apply(SLICE, reply))
                    .isInstanceOf(DiffException.class)
                    .hasMessageContaining("the reply holds no SEARCH/REPLACE block")
                    .hasMessageContaining("'<<<<<<< SEARCH'");
        }
    }
}
