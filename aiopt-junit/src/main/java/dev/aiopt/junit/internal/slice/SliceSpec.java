package dev.aiopt.junit.internal.slice;

import java.util.Objects;

/**
 * How to find the slice in a file: a line range {@code "a-b"}, a function name {@code "Class::Method"},
 * or (when both are empty) the {@code EVOLVE-BLOCK-START} / {@code EVOLVE-BLOCK-END} marker lines. When both a
 * range and a function are given, the range must cover exactly that function.
 *
 * @param lines a range like {@code "370-971"}, or empty
 * @param function a qualified function name like {@code "DBImpl::WriteImpl"}, or empty
 *
 * <p>Public because it is used by {@code offline}, {@code setup};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record SliceSpec(String lines, String function) {
    public SliceSpec {
        lines = Objects.requireNonNullElse(lines, "").trim();
        function = Objects.requireNonNullElse(function, "").trim();
    }

    public static SliceSpec markers() {
        return new SliceSpec("", "");
    }

    public boolean byMarkers() {
        return lines.isEmpty() && function.isEmpty();
    }
}
