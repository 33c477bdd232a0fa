package dev.aiopt.junit.internal.profile;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One record of a coz profile, in either of coz's two output formats (tab-separated {@code key=value} lines of
 * coz 0.2.2 and BCOZ, or the JSON Lines of current coz). The variants mirror the record types coz writes.
 */
sealed interface CozRecord {

    /** {@code startup}: a profiled run begins; runs are appended to the same file. */
    record Startup(long time) implements CozRecord {
    }

    /** {@code shutdown} (older coz): a profiled run ends. */
    record Shutdown(long time) implements CozRecord {
    }

    /** {@code runtime}: elapsed nanoseconds since startup, written with each sample dump. */
    record Runtime(long time) implements CozRecord {
    }

    /**
     * {@code samples}: cumulative on-CPU sample count of one in-scope source line since the run's startup.
     */
    record Samples(String location, long count) implements CozRecord {
        public Samples {
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * {@code experiment}: one virtual speedup experiment on the {@code selected} location. {@code delay} is
     * BCOZ's extra field (total inserted delay, nanoseconds); {@code selected} may be a BCOZ pseudo-location
     * (see {@link CozLocation}). {@code duration} is in nanoseconds and a double because that is how the viewer
     * reads it: coz 0.2.2 wrote unsigned wrap-arounds of negative durations (18446744073705875774), which the
     * viewer keeps as huge positive numbers.
     */
    record Experiment(String selected, double speedup, double duration, long selectedSamples, OptionalLong delay)
            implements CozRecord {
        public Experiment {
            Objects.requireNonNull(selected, "selected");
            Objects.requireNonNull(delay, "delay");
            if (!Double.isFinite(speedup)) {
                throw new IllegalArgumentException("speedup must be finite: " + speedup);
            }
        }

        /** The selected location, parsed. */
        public CozLocation location() {
            return CozLocation.parse(selected);
        }
    }

    /**
     * {@code throughput-point} (or the legacy {@code progress-point ... type=source}, then {@code legacy} is
     * true): how often the named progress point was reached during the preceding experiment.
     */
    record ThroughputPoint(String name, long delta, boolean legacy) implements CozRecord {
        public ThroughputPoint {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code latency-point}: arrivals and departures of a begin/end progress point pair. */
    record LatencyPoint(String name, long arrivals, long departures, long difference) implements CozRecord {
        public LatencyPoint {
            Objects.requireNonNull(name, "name");
        }
    }
}
