package dev.aiopt.junit.internal.evolution;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where a long run is: the time spent in this session and an estimate of the time left, printed when each
 * generation starts. Completed generations of this session give the pace; before the first one completes, the
 * baseline's time per candidate does (a candidate builds and benchmarks once like the baseline, plus the model's
 * time, so that first estimate is low).
 */
final class RunProgress {
    private final LongSupplier nanos;
    private final long started;
    private long baselineNanos = -1;
    private int firstGeneration = -1;
    private long firstGenerationStart;

    RunProgress(LongSupplier nanos) {
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    static RunProgress wallClock() {
        return new RunProgress(System::nanoTime);
    }

    /** The baseline has been measured (or restored). */
    void baselineDone() {
        if (baselineNanos < 0) {
            baselineNanos = nanos.getAsLong() - started;
        }
    }

    /**
     * The line for generation {@code number} of {@code generations} starting now, with {@code candidates} per
     * generation evaluated {@code parallelism} at a time.
     */
    String generationStarts(int number, int generations, int candidates, int parallelism) {
        long now = nanos.getAsLong();
        if (firstGeneration < 0) {
            firstGeneration = number;
            firstGenerationStart = now;
        }
        int done = number - firstGeneration;
        int left = generations - number + 1;
        long perGeneration;
        String pace;
        if (done > 0) {
            perGeneration = (now - firstGenerationStart) / done;
            pace = "at the pace of the " + done + " generation" + (done == 1 ? "" : "s") + " so far";
        } else {
            long baseline = Math.max(0, baselineNanos);
            perGeneration = baseline * ((candidates + parallelism - 1) / Math.max(1, parallelism));
            pace = "from the baseline's time per candidate, before the model's time";
        }
        // The champion's re-measurement benchmarks two programs twice as often as the baseline did.
        long remaining = perGeneration * left + 2 * Math.max(0, baselineNanos);
        return "generation " + number + " of " + generations + ": " + format(now - started) + " spent, about "
                + format(remaining) + " left (" + left + " generation" + (left == 1 ? "" : "s")
                + " and the champion, " + pace + ")";
    }

    static String format(long nanos) {
        long seconds = Math.round(Duration.ofNanos(nanos).toMillis() / 1000.0);
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        return minutes < 60 ? minutes + "m" + String.format("%02d", seconds % 60) + "s"
                : minutes / 60 + "h" + String.format("%02d", minutes % 60) + "m";
    }
}
