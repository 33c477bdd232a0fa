package dev.aiopt.junit.internal.offline;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.diff.DiffException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SEARCH/REPLACE reply a model would write to turn one slice into another: one block per changed region,
 * each widened with context lines until its SEARCH text occurs once in the parent, overlapping regions merged.
 * The reply is checked by applying it; when the minimal blocks do not reproduce the target (e.g. a slice
 * without a final newline), one block replacing the whole slice is used instead.
 */
final class ReplyBlocks {
    private ReplyBlocks() {
    }

    static String between(String parent, String target) {
        String from = parent.replace("\r\n", "\n");
        String to = target.replace("\r\n", "\n");
        String minimal = minimal(from, to);
        if (reproduces(from, minimal, to)) {
            return minimal;
        }
        String whole = block(from, to);
        if (reproduces(from, whole, to)) {
            return whole;
        }
        throw new IllegalArgumentException("no SEARCH/REPLACE reply turns the parent into this version");
    }

    private static String minimal(String parent, String target) {
        List<String> a = parent.lines().toList();
        List<String> b = target.lines().toList();
        List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
        if (deltas.isEmpty()) {
            // The same program: quote one unique line unchanged, as a model that changes nothing does.
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isBlank() && unique(parent, a, i, i + 1)) {
                    String line = a.get(i) + "\n";
                    return block(line, line);
                }
            }
            return block(parent, parent);
        }
        // Merged source regions [start, end) and, per region, the deltas inside it.
        List<int[]> regions = new ArrayList<>();
        List<Integer> shifts = new ArrayList<>(); // target minus source lines, per region
        for (AbstractDelta<String> delta : deltas) {
            int start = delta.getSource().getPosition();
            int end = start + delta.getSource().size();
            while (!unique(parent, a, start, end) && (start > 0 || end < a.size())) {
                start = Math.max(0, start - 1);
                end = Math.min(a.size(), end + 1);
            }
            int shift = delta.getTarget().size() - delta.getSource().size();
            int last = regions.size() - 1;
            if (last >= 0 && start <= regions.get(last)[1]) {
                regions.get(last)[1] = Math.max(regions.get(last)[1], end);
                shifts.set(last, shifts.get(last) + shift);
            } else {
                regions.add(new int[] {start, end});
                shifts.add(shift);
            }
        }
        StringBuilder out = new StringBuilder();
        int offset = 0;
        for (int r = 0; r < regions.size(); r++) {
            int start = regions.get(r)[0];
            int end = regions.get(r)[1];
            String search = lines(a.subList(start, end));
            String replace = lines(b.subList(start + offset, end + offset + shifts.get(r)));
            out.append(block(search, replace));
            offset += shifts.get(r);
        }
        return out.toString();
    }

    private static String block(String search, String replace) {
        return "<<<<<<< SEARCH\n" + withNewline(search) + "=======\n" + withNewline(replace) + ">>>>>>> REPLACE\n";
    }

    private static boolean reproduces(String parent, String reply, String target) {
        try {
            return DiffApplier.apply(parent, reply).equals(target);
        } catch (DiffException e) {
            return false;
        }
    }

    private static boolean unique(String parent, List<String> a, int start, int end) {
        if (end <= start) {
            return false;
        }
        String search = lines(a.subList(start, end));
        if (search.isBlank()) {
            return false;
        }
        int first = parent.indexOf(search);
        return first >= 0 && parent.indexOf(search, first + 1) < 0;
    }

    private static String lines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static String withNewline(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }
}
