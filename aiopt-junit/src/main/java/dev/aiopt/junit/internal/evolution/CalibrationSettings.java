package dev.aiopt.junit.internal.evolution;

/**
 * What the calibration before generation 1 aims for ({@code aiopt.calibration.*}).
 *
 * @param runsPerLength measured baseline runs at each run length, after one discarded warm-up; taken as back-to-back
 *     A/A pairs, one pair of each length a round, so an even number, at least 6
 * @param effect the throughput drop to detect, a fraction such as {@code 0.05}
 * @param power the chance of detecting it that a choice must reach, simulated from the calibration's runs
 * @param maxRepeats the most runs a side of a first look a choice may have (the sequential looks go to 3x)
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record CalibrationSettings(int runsPerLength, double effect, double power, int maxRepeats) {
    public CalibrationSettings {
        SearchSettings.requireAtLeast("aiopt.calibration.runs", runsPerLength, 6);
        if (runsPerLength % 2 != 0) {
            throw new IllegalArgumentException("aiopt.calibration.runs must be even (the calibration runs each length in"
                    + " back-to-back pairs), but was " + runsPerLength + "; use " + (runsPerLength + 1));
        }
        SearchSettings.requireAtLeast("aiopt.calibration.maxRepeats", maxRepeats, 2);
        if (!(effect > 0 && effect < 1)) {
            throw new IllegalArgumentException("aiopt.calibration.effect is a fraction in (0, 1), e.g. 0.05 for 5%,"
                    + " but was " + effect);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("aiopt.calibration.power is a probability in (0, 1), e.g. 0.8, but was "
                    + power);
        }
    }

    /** 16 runs (8 pairs) a length, a 5% drop at 80% power, first looks of at most 12 runs a side. */
    public static CalibrationSettings defaults() {
        return new CalibrationSettings(16, 0.05, 0.8, 12);
    }
}
