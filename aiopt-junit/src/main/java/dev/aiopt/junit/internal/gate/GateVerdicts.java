package dev.aiopt.junit.internal.gate;

import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.internal.stats.GateVerdict;

/**
 * The internal verdict behind a {@link GateRun}, with every run and setting, for the project's own campaigns
 * (scripts/gate-campaign.sh) that simulate the same gate from the measured noise; users get
 * {@link GateRun#verdict()}.
 *
 * <p>Public because it is used by the tests of {@code example-experiments};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class GateVerdicts {
    private GateVerdicts() {
    }

    /** The full verdict of a gate run handed out by this library's extension. */
    public static GateVerdict of(GateRun run) {
        if (!(run instanceof GateRunner runner)) {
            throw new IllegalArgumentException("not a gate run of this library: " + run.getClass().getName());
        }
        return runner.measuredVerdict();
    }
}
