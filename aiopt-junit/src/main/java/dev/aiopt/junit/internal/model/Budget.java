package dev.aiopt.junit.internal.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Hard limits of one run: tokens (in + out), money in USD, wall-clock time. Each is optional; an absent limit
 * does not apply. When one is reached the {@link Ledger} says so and refuses further model calls. When several
 * runs share one configured budget ({@code -Dtrack=all}), each gets an equal {@linkplain #share(int) share}.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Budget {
    private static final Budget UNLIMITED = new Budget(null, null, null, 1);

    private final Long maxTokens;
    private final Double maxUsd;
    private final Duration maxWallClock;
    private final int parts;

    private Budget(Long maxTokens, Double maxUsd, Duration maxWallClock, int parts) {
        this.maxTokens = maxTokens;
        this.maxUsd = maxUsd;
        this.maxWallClock = maxWallClock;
        this.parts = parts;
    }

    /** No limits. */
    public static Budget unlimited() {
        return UNLIMITED;
    }

    /** Limits from {@code aiopt.budget.tokens}, {@code aiopt.budget.usd} and {@code aiopt.budget.wallClock}. */
    public static Budget fromConfig(Function<String, Optional<String>> config) {
        Budget budget = unlimited();
        Optional<String> tokens = Values.lookup(config, ModelKeys.BUDGET_TOKENS);
        if (tokens.isPresent()) {
            budget = budget.withMaxTokens(Values.nonNegativeLong(ModelKeys.BUDGET_TOKENS, tokens.get()));
        }
        Optional<String> usd = Values.lookup(config, ModelKeys.BUDGET_USD);
        if (usd.isPresent()) {
            budget = budget.withMaxUsd(Values.nonNegativeDouble(ModelKeys.BUDGET_USD, usd.get().replace("$", "")));
        }
        Optional<String> wall = Values.lookup(config, ModelKeys.BUDGET_WALL_CLOCK);
        if (wall.isPresent()) {
            budget = budget.withMaxWallClock(Values.duration(ModelKeys.BUDGET_WALL_CLOCK, wall.get()));
        }
        return budget;
    }

    public Budget withMaxTokens(long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("token budget must be >= 0: " + tokens);
        }
        return new Budget(tokens, maxUsd, maxWallClock, parts);
    }

    public Budget withMaxUsd(double usd) {
        if (!(usd >= 0 && Double.isFinite(usd))) {
            throw new IllegalArgumentException("money budget must be finite and >= 0: " + usd);
        }
        return new Budget(maxTokens, usd, maxWallClock, parts);
    }

    public Budget withMaxWallClock(Duration wallClock) {
        if (wallClock.isNegative() || wallClock.isZero()) {
            throw new IllegalArgumentException("wall-clock budget must be positive: " + wallClock);
        }
        return new Budget(maxTokens, maxUsd, wallClock, parts);
    }

    /**
     * One of {@code parts} equal shares of this budget: each limit divided by {@code parts} (tokens and
     * milliseconds rounded down), for runs that together may spend this budget once.
     */
    public Budget share(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a budget is shared by at least 1 run: " + parts);
        }
        if (parts == 1) {
            return this;
        }
        return new Budget(maxTokens == null ? null : maxTokens / parts, maxUsd == null ? null : maxUsd / parts,
                maxWallClock == null ? null : Duration.ofMillis(Math.max(1, maxWallClock.toMillis() / parts)),
                this.parts * parts);
    }

    /** How many runs share the configured budget this one is a share of; 1 when it is the whole. */
    public int parts() {
        return parts;
    }

    /** The limits for the console, e.g. {@code 250 tokens, $0.5000, 45.0 s (1/4 of the configured budget)}. */
    public String describe() {
        if (maxTokens == null && maxUsd == null && maxWallClock == null) {
            return "unlimited (set " + ModelKeys.BUDGET_TOKENS + ", " + ModelKeys.BUDGET_USD + " or "
                    + ModelKeys.BUDGET_WALL_CLOCK + ")";
        }
        List<String> limits = new ArrayList<>();
        if (maxTokens != null) {
            limits.add(maxTokens + " tokens");
        }
        if (maxUsd != null) {
            limits.add(String.format(Locale.ROOT, "$%.4f (counted where the model has a price)", maxUsd));
        }
        if (maxWallClock != null) {
            limits.add(String.format(Locale.ROOT, "%.1f s wall clock", maxWallClock.toMillis() / 1000.0));
        }
        return String.join(", ", limits) + (parts == 1 ? "" : " (1/" + parts + " of the configured budget: "
                + parts + " runs share it equally)");
    }

    public OptionalLong maxTokens() {
        return maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens);
    }

    public OptionalDouble maxUsd() {
        return maxUsd == null ? OptionalDouble.empty() : OptionalDouble.of(maxUsd);
    }

    public Optional<Duration> maxWallClock() {
        return Optional.ofNullable(maxWallClock);
    }

    @Override
    public String toString() {
        return "Budget[tokens=" + (maxTokens == null ? "unlimited" : maxTokens)
                + ", usd=" + (maxUsd == null ? "unlimited" : maxUsd)
                + ", wallClock=" + (maxWallClock == null ? "unlimited" : maxWallClock)
                + (parts == 1 ? "" : ", share 1/" + parts) + "]";
    }
}
