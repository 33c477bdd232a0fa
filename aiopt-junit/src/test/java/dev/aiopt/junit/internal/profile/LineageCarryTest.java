package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SliceMapping#carry}: the baseline's hotspot line through every diff of a lineage. */
class LineageCarryTest {
    private static final String FILE = "src/writepath.cc";
    private static final List<String> PREFIX = List.of("#include <vector>", "namespace writepath {", "");
    private static final List<String> SUFFIX = List.of("}  // namespace writepath");
    private static final List<String> SLICE = List.of(
            "Status DB::Write(const WriteBatch& batch) {",
            "  std::lock_guard<std::mutex> guard(mu_);",
            "  std::string record;",
            "  EncodeBatch(batch, &record);",
            "  log_.Append(record);",
            "  for (const auto& op : batch.ops()) {",
            "    memtable_.Insert(op.key, op.value);",
            "  }",
            "  return Status::OK();",
            "}");
    // Slice line 4, EncodeBatch, sits at file line 7.
    private static final SliceMapping BASELINE = new SliceMapping(FILE, PREFIX.size() + 1, SLICE.size());

    @Test
    void anEditAboveTheHotspotShiftsIt() {
        List<String> child = new ArrayList<>(SLICE);
        child.add(2, "  // reserve once");
        child.add(3, "  record.reserve(batch.ByteSize());");
        CarriedLine carried = BASELINE.carry(4, List.of(diff(SLICE, child)));
        assertThat(carried.sliceLine()).hasValue(6);
        assertThat(carried.fileLine()).hasValue(9);
        assertThat(child.get(5)).contains("EncodeBatch");
        assertThat(carried.trail()).contains("diff 1: 7 -> 9");
    }

    @Test
    void anEditBelowLeavesItAndAnEmptyDiffChangesNothing() {
        List<String> child = new ArrayList<>(SLICE);
        child.set(6, "    memtable_.InsertUnlocked(op.key, op.value);");
        assertThat(BASELINE.carry(4, List.of(diff(SLICE, child), "")).sliceLine()).hasValue(4);
    }

    @Test
    void aRecognisableRewriteOfTheLineIsStillTheLine() {
        List<String> child = new ArrayList<>(SLICE);
        child.set(3, "  EncodeBatchInto(batch, &record, /*hint=*/batch.ByteSize());");
        child.add(3, "  record.clear();");
        child.add(3, "  thread_local std::string scratch;");
        CarriedLine carried = BASELINE.carry(4, List.of(diff(SLICE, child)));
        assertThat(child.get(carried.sliceLine().getAsInt() - 1)).contains("EncodeBatchInto");
    }

    @Test
    void aLineForLineEditKeepsThePositionEvenWhenUnrecognisable() {
        List<String> child = new ArrayList<>(SLICE);
        child.set(3, "  x();");
        assertThat(BASELINE.carry(4, List.of(diff(SLICE, child))).sliceLine()).hasValue(4);
    }

    @Test
    void aDeletedLineIsGoneAndTheTrailSaysWhere() {
        List<String> first = new ArrayList<>(SLICE);
        first.add(1, "  // first edit");
        List<String> second = new ArrayList<>(first);
        second.remove(4);
        second.remove(4);
        CarriedLine carried = BASELINE.carry(4, List.of(diff(SLICE, first), diff(first, second)));
        assertThat(carried.gone()).isTrue();
        assertThat(carried.sliceLine()).isEmpty();
        assertThat(carried.trail()).contains("diff 1: 7 -> 8", "diff 2: file line 8 deleted");
    }

    @Test
    void randomLineagesThatNeverTouchTheLineAlwaysFindItsText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            List<String> current = new ArrayList<>(SLICE);
            int hotspot = 3;
            List<String> diffs = new ArrayList<>();
            for (int generation = 0; generation < 1 + random.nextInt(5); generation++) {
                List<String> next = new ArrayList<>(current);
                for (int edit = 0; edit < 1 + random.nextInt(4); edit++) {
                    int at = random.nextInt(next.size() + 1);
                    if (random.nextBoolean() || next.size() < 4) {
                        next.add(at, "  step" + trial + "_" + generation + "_" + edit + "();");
                        hotspot += at <= hotspot ? 1 : 0;
                    } else if (at < next.size() && at != hotspot) {
                        next.remove(at);
                        hotspot -= at < hotspot ? 1 : 0;
                    }
                }
                diffs.add(diff(current, next));
                current = next;
            }
            CarriedLine carried = BASELINE.carry(4, diffs);
            assertThat(carried.sliceLine()).as("trial %d: %s", trial, carried.trail()).hasValue(hotspot + 1);
            assertThat(current.get(carried.sliceLine().getAsInt() - 1)).contains("EncodeBatch");
        }
    }

    @Test
    void refusesDiffsOfAnotherFileOrGarbage() {
        String other = diff(SLICE, List.of("int main() {}")).replace(FILE, "src/other.cc");
        assertThatThrownBy(() -> BASELINE.carry(4, List.of(other)))
                .hasMessageContaining("lineage diff 1").hasMessageContaining("edits src/other.cc");
        assertThatThrownBy(() -> BASELINE.carry(4, List.of("sure! here is the code:\nint x;\n")))
                .hasMessageContaining("expected a hunk header");
        assertThatThrownBy(() -> BASELINE.carry(4, List.of("@@ -1,3 +1,3 @@\n a\n")))
                .hasMessageContaining("promises 3 old and 3 new lines but has 1 and 1");
    }

    /** A whole-file diff, as the loop records it (java-diff-utils, 3 lines of context, a/ and b/ prefixes). */
    private static String diff(List<String> beforeSlice, List<String> afterSlice) {
        List<String> before = file(beforeSlice);
        List<String> after = file(afterSlice);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + FILE, "b/" + FILE, before,
                DiffUtils.diff(before, after), 3);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static List<String> file(List<String> slice) {
        List<String> out = new ArrayList<>(PREFIX);
        out.addAll(slice);
        out.addAll(SUFFIX);
        return out;
    }
}
