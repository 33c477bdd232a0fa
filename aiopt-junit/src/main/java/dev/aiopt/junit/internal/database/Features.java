package dev.aiopt.junit.internal.database;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a program's position in the feature space from its code alone. Measurements are noisy (several per cent
 * run to run), so binning on them would move a program between cells by chance; the code does not change.
 */
final class Features {
    private final List<String> dimensions;
    private final Map<String, Integer> referenceLines;
    private final int referenceLineTotal;

    /** @param referenceCode the code distances are measured from (the initial program) */
    Features(List<String> dimensions, String referenceCode) {
        this.dimensions = List.copyOf(dimensions);
        this.referenceLines = lineBag(referenceCode);
        this.referenceLineTotal = referenceLines.values().stream().mapToInt(Integer::intValue).sum();
    }

    double[] of(String code) {
        double[] values = new double[dimensions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dimensions.get(i)) {
                case "code_size" -> code.length();
                case "line_count" -> code.lines().count();
                case "diversity" -> distanceFromReference(code);
                default -> throw new IllegalStateException("unknown feature dimension " + dimensions.get(i));
            };
        }
        return values;
    }

    /**
     * Share of lines (trimmed, blank lines ignored, counted as a multiset) that differ from the reference: 0 for
     * the same lines in any order, 1 for nothing in common. Linear in the code size, unlike an edit distance.
     */
    double distanceFromReference(String code) {
        Map<String, Integer> lines = lineBag(code);
        int total = 0;
        int common = 0;
        for (Map.Entry<String, Integer> line : lines.entrySet()) {
            total += line.getValue();
            common += Math.min(line.getValue(), referenceLines.getOrDefault(line.getKey(), 0));
        }
        int all = total + referenceLineTotal;
        return all == 0 ? 0.0 : (all - 2.0 * common) / all;
    }

    private static Map<String, Integer> lineBag(String code) {
        Map<String, Integer> bag = new HashMap<>();
        code.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> bag.merge(line, 1, Integer::sum));
        return bag;
    }
}
