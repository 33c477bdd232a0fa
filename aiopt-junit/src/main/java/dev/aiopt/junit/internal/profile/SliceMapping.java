package dev.aiopt.junit.internal.profile;

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
