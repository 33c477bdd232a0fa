package dev.aiopt.junit.internal.diff;

import static dev.aiopt.junit.internal.diff.DiffApplierTest.SLICE;
import static dev.aiopt.junit.internal.diff.DiffApplierTest.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The whole-line anchoring, whitespace tolerance and parsing leniency that real replies need. */
class DiffToleranceTest {
    @Test
    void aSearchMatchesWholeLinesOnlyNeverTheTailOfALine() {
        String slice = "void F() {\n  size_t total_count = 0;\n  count = 0;\n}\n";

        AppliedEdit edit = DiffApplier.edit(slice, block("  count = 0;\n", "  count = 1;\n"));

        assertThat(edit.text()).isEqualTo("void F() {\n  size_t total_count = 0;\n  count = 1;\n}\n");
        assertThat(edit.withTolerance()).isFalse();
    }

    @Test
    void aPartialLineIsNoMatch() {
        String slice = "void F() {\n  size_t total_count = 0;\n}\n";

        assertThatThrownBy(() -> DiffApplier.apply(slice, block("count = 0;\n", "count = 1;\n")))
                .isInstanceOf(DiffException.class).hasMessageContaining("matches nothing in the slice");
    }

    @Test
    void aClosingBraceMatchesTheOneUnindentedBrace() {
        String slice = "void F() {\n  if (x) {\n    y();\n  }\n}\n";

        assertThat(DiffApplier.apply(slice, block("}\n", "}  // F\n")))
                .isEqualTo("void F() {\n  if (x) {\n    y();\n  }\n}  // F\n");
    }

    @Test
    void anUnindentedMultiLineSearchIsReindentedAndNoted() {
        AppliedEdit edit = DiffApplier.edit(SLICE, block("AppendToLog(v);\ntable_.Insert(v);\n",
                "if (log_) {\n  AppendToLog(v);\n}\ntable_.Insert(v);\n"));

        assertThat(edit.text()).isEqualTo(SLICE.replace("  AppendToLog(v);\n  table_.Insert(v);\n",
                "  if (log_) {\n    AppendToLog(v);\n  }\n  table_.Insert(v);\n"));
        assertThat(edit.toleranceNotes()).containsExactly("block 1 of 1 (reply line 1) applied with whitespace"
                + " tolerance: its SEARCH differs from slice lines 3-4 in indentation, trailing whitespace or blank"
                + " lines; quote lines exactly next time");
    }

    @Test
    void trailingSpacesAndTabsAndBlankLinesAreTolerated() {
        String slice = "void F() {\n\tint a = 1;\n\n\tint b = 2;\n}\n";

        AppliedEdit edit = DiffApplier.edit(slice, block("    int a = 1;   \n    int b = 2;\n", "    int c = 3;\n"));

        assertThat(edit.text()).isEqualTo("void F() {\n\tint c = 3;\n}\n");
        assertThat(edit.withTolerance()).isTrue();
    }

    @Test
    void aChangedRelativeIndentationIsNoMatch() {
        String slice = "void F() {\n  if (x) {\n    y();\n  }\n}\n";

        assertThatThrownBy(() -> DiffApplier.apply(slice, block("if (x) {\ny();\n", "if (z) {\ny();\n")))
                .isInstanceOf(DiffException.class).hasMessageContaining("matches nothing");
    }

    @Test
    void aToleratedMatchMustBeUnique() {
        assertThatThrownBy(() -> DiffApplier.apply(SLICE, block("AppendToLog(v);\n", "Log(v);\n")))
                .isInstanceOf(DiffException.class)
                .hasMessageContaining("matches nothing exactly, and 2 places (lines 3, 5) when whitespace is ignored");
    }

    @Test
    void evolveBlockMarkersAtTheEdgesOfBothPartsAreDropped() {
        String reply = block("// EVOLVE-BLOCK-START\nvoid DB::Write(int v) {\n",
                "// EVOLVE-BLOCK-START \nvoid DB::Write(int v) noexcept {\n");

        assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("(int v) {", "(int v) noexcept {"));
    }

    @Test
    void dividersInProseAndARepeatedReplaceLineAreIgnored() {
        String reply = "Plan\n=======\n\nOne change.\n\n" + block("  ++sequence_;\n", "  sequence_++;\n")
                + ">>>>>>> REPLACE\n\nWhy\n=======\nfewer loads\n";

        assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("++sequence_;", "sequence_++;"));
    }

    @Test
    void aDividerInsideReplaceIsCode() {
        String reply = "<<<<<<< SEARCH\n  ++sequence_;\n=======\n  // =======\n=======\n>>>>>>> REPLACE\n";

        assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("  ++sequence_;\n", "  // =======\n=======\n"));
    }

    @Test
    void aStrayReplaceLineAfterProseIsMalformed() {
        String reply = block("  ++sequence_;\n", "  sequence_++;\n") + "and then\n>>>>>>> REPLACE\n";

        assertThatThrownBy(() -> DiffParser.parse(reply)).isInstanceOf(DiffException.class)
                .hasMessageContaining("reply line 7 '>>>>>>> REPLACE' ends no block");
    }

    @Test
    void markersWithOtherBracketCountsAndTrailingSpacesParse() {
        String reply = "<<<<<<<< SEARCH \n  ++sequence_;\n=======  \n  sequence_++;\n>>>>>> REPLACE\t\n";

        assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("++sequence_;", "sequence_++;"));
    }

    @Test
    void aBlockWhoseLinesAnEarlierBlockCopiedAppliesAtTheSlicesOwnPlace() {
        String reply = block("  table_.Insert(v);\n", "  ++sequence_;\n  table_.Insert(v);\n")
                + block("  ++sequence_;\n", "  sequence_ += 1;\n");

        assertThat(DiffApplier.apply(SLICE, reply)).isEqualTo(SLICE.replace("  table_.Insert(v);\n",
                "  ++sequence_;\n  table_.Insert(v);\n").replace("  ++sequence_;\n}\n", "  sequence_ += 1;\n}\n"));
    }
}
