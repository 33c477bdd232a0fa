package dev.aiopt.junit.internal.evolution;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** Unified diffs of whole files, applicable with {@code patch -p1} in the target tree. */
final class UnifiedDiff {
    private UnifiedDiff() {
    }

    static String of(String file, String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + file, "b/" + file, a, patch, 3);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
