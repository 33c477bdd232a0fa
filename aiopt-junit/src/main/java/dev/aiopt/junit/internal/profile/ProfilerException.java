package dev.aiopt.junit.internal.profile;

/**
 * A profiler run that could not produce a usable profile: the profiler is missing, the kernel refuses
 * {@code perf_event_open}, the target lacks readable debug information, or no experiment was recorded. The
 * message says what happened and what to do (usually which compiler flags to build with).
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ProfilerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Compiler flags that coz 0.2.2 needs on this kind of machine (GCC 12). */
    public static final String BUILD_FLAGS = "-g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer";

    public ProfilerException(String message) {
        super(message);
    }

    ProfilerException(String message, Throwable cause) {
        super(message, cause);
    }
}
