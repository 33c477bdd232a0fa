package dev.aiopt.junit.internal.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A location as coz names it in {@code selected=} and {@code samples location=}: either a source line
 * ({@code path/file.cc:LINE}, the path absolute or relative as DWARF gave it) or one of BCOZ's pseudo-locations
 * ({@code ON_CPU}, {@code OFF_CPU}, {@code BLOCKED}, {@code IO}, {@code LOCK}, {@code SCHEDULING}). BCOZ's
 * relational form {@code file.cc:1241(IO,0.50%|)} (the experiment ran while also virtually speeding up another
 * scope) keeps that suffix in {@link #relation()}. Anything else is kept as {@link #text()} only.
 *
 * @param text the location exactly as written in the profile
 * @param file the source file, empty for pseudo-locations and unrecognised text
 * @param line the 1-based source line, 0 when {@code file} is empty
 * @param pseudo the BCOZ pseudo-location, if this is one
 * @param relation BCOZ's relational suffix without parentheses (for example {@code IO,0.50%|}), if present
 */
record CozLocation(String text, String file, int line, Optional<BcozScope> pseudo, Optional<String> relation) {

    private static final Pattern RELATION = Pattern.compile("^(.*)\\(([^()]*)\\)$");
    private static final Pattern FILE_LINE = Pattern.compile("^(.+):(\\d+)$");

    public CozLocation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pseudo, "pseudo");
        Objects.requireNonNull(relation, "relation");
        if (file.isEmpty() != (line == 0) || line < 0) {
            throw new IllegalArgumentException("a source location needs a file and a line >= 1: " + text);
        }
        if (pseudo.isPresent() && !file.isEmpty()) {
            throw new IllegalArgumentException("a pseudo-location has no file: " + text);
        }
    }

    /** BCOZ's off-CPU (and on-CPU) scopes that it writes as pseudo-locations. */
    public enum BcozScope {
        ON_CPU, OFF_CPU, BLOCKED, IO, LOCK, SCHEDULING
    }

    /** Parses a location string from a coz profile; never fails (unknown forms keep only their text). */
    public static CozLocation parse(String text) {
        String body = text.trim();
        Optional<String> relation = Optional.empty();
        Matcher rel = RELATION.matcher(body);
        if (rel.matches()) {
            body = rel.group(1);
            relation = Optional.of(rel.group(2));
        }
        for (BcozScope scope : BcozScope.values()) {
            if (scope.name().equals(body)) {
                return new CozLocation(text, "", 0, Optional.of(scope), relation);
            }
        }
        Matcher fl = FILE_LINE.matcher(body);
        if (fl.matches()) {
            try {
                int line = Integer.parseInt(fl.group(2));
                if (line > 0) {
                    return new CozLocation(text, fl.group(1), line, Optional.empty(), relation);
                }
            } catch (NumberFormatException tooLong) {
                // falls through to an opaque location
            }
        }
        return new CozLocation(text, "", 0, Optional.empty(), relation);
    }

    /** True for {@code file:line} locations. */
    public boolean isSourceLine() {
        return !file.isEmpty();
    }

    /** The source line number, if this is a source location. */
    public OptionalInt sourceLine() {
        return isSourceLine() ? OptionalInt.of(line) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
