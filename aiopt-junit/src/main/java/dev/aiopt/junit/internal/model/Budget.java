package dev.aiopt.junit.internal.model;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Hard limits of one run: tokens (in + out), money in USD, wall-clock time. Each is optional; an absent limit
 * does not apply. When one is reached the {@link Ledger} says so and refuses further model calls.
 */
public final class Budget {
    private static final Budget UNLIMITED = new Budget(null, null, null);

    private final Long maxTokens;
    private final Double maxUsd;
    private final Duration maxWallClock;

    private Budget(Long maxTokens, Double maxUsd, Duration maxWallClock) {
        this.maxTokens = maxTokens;
        this.maxUsd = maxUsd;
        this.maxWallClock = maxWallClock;
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
        return new Budget(tokens, maxUsd, maxWallClock);
    }

    public Budget withMaxUsd(double usd) {
        if (!(usd >= 0 && Double.isFinite(usd))) {
            throw new IllegalArgumentException("money budget must be finite and >= 0: " + usd);
        }
        return new Budget(maxTokens, usd, maxWallClock);
    }

    public Budget withMaxWallClock(Duration wallClock) {
        if (wallClock.isNegative() || wallClock.isZero()) {
            throw new IllegalArgumentException("wall-clock budget must be positive: " + wallClock);
        }
        return new Budget(maxTokens, maxUsd, wallClock);
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
                + ", wallClock=" + (maxWallClock == null ? "unlimited" : maxWallClock) + "]";
    }
}
