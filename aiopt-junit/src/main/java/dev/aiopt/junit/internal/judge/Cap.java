package dev.aiopt.junit.internal.judge;

import java.util.Locale;

/**
 * The bound on one ratio term of fitness. A goodness {@code g} (a ratio turned so that above 1 is better, 1 being
 * the baseline) counts as itself up to the knee {@code k = (1 + limit) / 2}; above it the credit saturates towards
 * {@code limit} and never reaches it:
 * <pre>   capped(g) = g                                       for g &lt;= k
 *   capped(g) = k + s·(g − k) / (s + g − k),  s = limit − k   for g &gt; k</pre>
 * The function is continuous with slope 1 at the knee and strictly increasing everywhere, so a candidate
 * significantly better on an axis always gains a little, even past the knee, and no axis can buy more than
 * {@code limit} times its weight. The tail falls off as {@code 1/g}, so two capped values stay distinct in
 * double precision up to ratios of about 10^12.
 *
 * @param limit the least upper bound of the capped value; above 1
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Cap(double limit) {

    /**
     * Default for throughput: a 4x program is worth at most 4 weights, exactly credited up to x2.5. A larger gain on
     * a fixed benchmark deserves a look at the oracle before it deserves more credit.
     */
    public static final Cap THROUGHPUT_DEFAULT = new Cap(4.0);

    /**
     * Default for p99: halving p99 is worth at most 2 weights, exactly credited up to a 1.5x shorter p99. A 5-run
     * p99 is the noisiest figure we score (issue 11: g1-c3's p99 ratio had the interval [0.168, 1.376]), and with an
     * unbounded {@code 1/p99} a p99 of x0.4 alone scored the baseline's 0.5 at zero throughput, and the README's
     * champion drew 88% of its fitness gain from p99.
     */
    public static final Cap LATENCY_DEFAULT = new Cap(2.0);

    public Cap {
        if (!(limit > 1.0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("a fitness cap must be a finite ratio above 1 (e.g. 2 for 'at most "
                    + "twice the baseline's credit'), got " + limit);
        }
    }

    /** Where the exact credit ends and saturation begins. */
    public double knee() {
        return (1.0 + limit) / 2.0;
    }

    /** The capped goodness; {@code goodness} must be finite and non-negative. */
    public double apply(double goodness) {
        if (!(goodness >= 0.0) || !Double.isFinite(goodness)) {
            throw new IllegalArgumentException("goodness must be a finite ratio >= 0, got " + goodness);
        }
        double k = knee();
        if (goodness <= k) {
            return goodness;
        }
        double s = limit - k;
        double over = goodness - k;
        return k + s * over / (s + over);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cap %.3g (exact up to %.3g)", limit, knee());
    }
}
