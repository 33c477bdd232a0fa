package dev.aiopt.junit.internal.profile;

/**
 * Which coz viewer's speedup computation to reproduce. Both compute the same curves; the current upstream
 * viewer additionally drops aggregated measurements with fewer than five progress-point visits (delta, or
 * arrivals for latency points) and ignores experiments that selected a line of {@code coz.h} itself.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public enum ViewerVariant {
    /** {@code viewer/js/profile.js} as shipped in coz 0.2.2 (Debian {@code coz-profiler}). */
    COZ_0_2_2(0, false),
    /** Current upstream {@code viewer/ts/profile.ts}: {@code MIN_DELTA = 5} and {@code /coz.h:} skipped. */
    HEAD(5, true);

    private final int minDelta;
    private final boolean skipCozHeader;

    ViewerVariant(int minDelta, boolean skipCozHeader) {
        this.minDelta = minDelta;
        this.skipCozHeader = skipCozHeader;
    }

    int minDelta() {
        return minDelta;
    }

    boolean skipsCozHeader() {
        return skipCozHeader;
    }
}
