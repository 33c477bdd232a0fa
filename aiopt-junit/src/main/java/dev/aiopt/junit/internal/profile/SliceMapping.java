package dev.aiopt.junit.internal.profile;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the evolved slice sits in the reassembled source file: template line {@code firstTemplateLine} is slice
 * line 1, and the slice has {@code length} lines. Maps profile locations ({@code path/file.cc:LINE}, absolute or
 * relative) to slice line numbers; anything in another file or outside the slice is context, not a target.
 *
 * @param targetFile path of the file that holds the slice, as the build sees it (relative or absolute)
 * @param firstTemplateLine 1-based line of the reassembled file where the slice starts
 * @param length number of slice lines
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SliceMapping(String targetFile, int firstTemplateLine, int length) {

    public SliceMapping {
        Objects.requireNonNull(targetFile, "targetFile");
        if (normalize(targetFile).isEmpty()) {
            throw new IllegalArgumentException("targetFile must name a file");
        }
        if (firstTemplateLine < 1 || length < 1) {
            throw new IllegalArgumentException("a slice starts at line >= 1 and has at least one line: first="
                    + firstTemplateLine + ", length=" + length);
        }
    }

    /** The slice line (1-based) of a profile location, or empty when it is outside the slice or another file. */
    public OptionalInt sliceLine(String location) {
        return sliceLine(CozLocation.parse(location));
    }

    /** As {@link #sliceLine(String)}, for a parsed location. */
    public OptionalInt sliceLine(CozLocation location) {
        if (!location.isSourceLine() || !sameFile(location.file())) {
            return OptionalInt.empty();
        }
        int sliceLine = location.line() - firstTemplateLine + 1;
        return sliceLine >= 1 && sliceLine <= length ? OptionalInt.of(sliceLine) : OptionalInt.empty();
    }

    /** The template (reassembled file) line of a slice line. */
    public int templateLine(int sliceLine) {
        if (sliceLine < 1 || sliceLine > length) {
            throw new IllegalArgumentException("slice line " + sliceLine + " is outside 1.." + length);
        }
        return firstTemplateLine + sliceLine - 1;
    }

    /**
     * Where a slice line of this (the baseline's) mapping is in a descendant program: carried through every diff of
     * the lineage, oldest first, each a unified diff of the slice's file against the program's parent (what the
     * loop records as a program's {@code diff}; an empty string for a program with no change). Lines shift with
     * edits above them, survive a rewrite that keeps them recognisable, and are gone when deleted
     * ({@link LineCarrier} has the rule). The program's slice starts where this one does: only the slice changes.
     *
     * @param baselineSliceLine the line in this mapping's slice, e.g. the baseline's top hotspot
     * @param lineageDiffs the diffs from the baseline to the program, oldest first
     * @throws IllegalArgumentException when a diff is not a unified diff of this slice's file
     */
    public CarriedLine carry(int baselineSliceLine, List<String> lineageDiffs) {
        Objects.requireNonNull(lineageDiffs, "lineageDiffs");
        int line = templateLine(baselineSliceLine);
        StringBuilder trail = new StringBuilder("slice line " + baselineSliceLine + " (file line " + line + ")");
        for (int i = 0; i < lineageDiffs.size(); i++) {
            String diff = Objects.requireNonNull(lineageDiffs.get(i), "lineage diff " + (i + 1));
            OptionalInt next = LineCarrier.carry(line, diff, this, i);
            if (next.isEmpty()) {
                trail.append("; diff ").append(i + 1).append(": file line ").append(line).append(" deleted");
                return new CarriedLine(OptionalInt.empty(), OptionalInt.empty(), trail.toString());
            }
            if (next.getAsInt() != line) {
                trail.append("; diff ").append(i + 1).append(": ").append(line).append(" -> ").append(next.getAsInt());
            }
            line = next.getAsInt();
        }
        int sliceLine = line - firstTemplateLine + 1;
        if (sliceLine < 1) {
            throw new IllegalArgumentException("the lineage diffs moved slice line " + baselineSliceLine
                    + " above the slice (file line " + line + "); they edit lines outside the evolved slice");
        }
        return new CarriedLine(OptionalInt.of(line), OptionalInt.of(sliceLine), trail.toString());
    }

    /**
     * Same file when one path is a suffix of the other at a path-component boundary: coz writes whatever DWARF
     * recorded (often absolute, sometimes a bare file name), the caller usually knows a tree-relative path.
     */
    boolean sameFile(String file) {
        String a = normalize(file);
        String b = normalize(targetFile);
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.replaceAll("/\\./", "/").replaceAll("/+", "/");
    }
}
