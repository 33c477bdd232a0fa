package dev.aiopt.junit.internal.metrics;

import java.util.Locale;

/**
 * A named metric used as the throughput or the latency figure of a run, with the direction in which it
 * gets better. Written {@code name}, {@code name:higher} or {@code name:lower}.
 *
 * <p>Public because it is other packages receive it from calls and use its members;
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record MetricAxis(String metric, Direction direction) {

    /** Which way a metric improves. */
    public enum Direction {
        HIGHER_IS_BETTER("higher"),
        LOWER_IS_BETTER("lower");

        private final String word;

        Direction(String word) {
            this.word = word;
        }

        /** {@code higher} or {@code lower}, as written after the colon. */
        public String word() {
            return word;
        }
    }

    public MetricAxis {
        if (metric == null || metric.isBlank() || metric.strip().contains(" ") || metric.contains(":")) {
            throw new MetricsException("a metric axis needs a metric name without spaces or colons, not '" + metric
                    + "'");
        }
        if (direction == null) {
            throw new MetricsException("metric axis '" + metric + "' needs a direction");
        }
        metric = metric.strip();
    }

    /**
     * Parses {@code name}, {@code name:higher} or {@code name:lower}; a bare name takes {@code orElse}.
     *
     * @throws MetricsException if the text is blank or names another direction
     */
    public static MetricAxis parse(String text, Direction orElse) {
        String spec = text == null ? "" : text.strip();
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
            return new MetricAxis(spec, orElse);
        }
        String word = spec.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        for (Direction direction : Direction.values()) {
            if (direction.word.equals(word)) {
                return new MetricAxis(spec.substring(0, colon), direction);
            }
        }
        throw new MetricsException("metric axis '" + text + "': after the colon write 'higher' or 'lower' (the"
                + " direction in which the metric gets better), e.g. 'real_time_us:lower'");
    }

    @Override
    public String toString() {
        return metric + ":" + direction.word;
    }
}
