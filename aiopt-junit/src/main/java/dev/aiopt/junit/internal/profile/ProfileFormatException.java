package dev.aiopt.junit.internal.profile;

/**
 * A profile or profiler report that cannot be read: names the source, the line number, what was expected and
 * what was found. Thrown by the coz and perf parsers of this package instead of silently skipping garbage, so
 * that a truncated or foreign file shows up as an error and not as an empty profile.
 */
final class ProfileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;

    ProfileFormatException(String source, int lineNumber, String problem, String line) {
        super(source + " line " + lineNumber + ": " + problem + " (line was: \"" + abbreviate(line) + "\")");
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /** The kind of input that failed, for example {@code "coz profile"} or {@code "perf report"}. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
