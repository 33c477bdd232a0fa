package dev.aiopt.junit.internal.model;

import dev.aiopt.junit.internal.config.ConfigurationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The cost account of one run, safe to share between threads: every model call with its model, tokens in and
 * out, cost and latency, checked against the run's {@link Budget}. Wrap the run's model with
 * {@link #meter(Model)}; ask {@link #exhausted()} between candidates and stop cleanly when it answers; write
 * {@link #snapshot()} (or {@link #toJson()}) into {@code run.json}. Calls already in flight when a limit is
 * reached still complete and are counted, so a limit can be overshot by at most those calls. A run persists
 * every call as it is {@linkplain #observe(Consumer) observed} and, resumed, {@linkplain #restore restores}
 * them, so that what earlier sessions spent (tokens, money and wall clock) still counts.
 *
 * <p>Public because it is used by {@code evolution}, {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Budget budget;
    private final PriceTable prices;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final List<Call> calls = new ArrayList<>();
    private long tokensIn;
    private long tokensOut;
    private double costUsd;
    private int unpricedCalls;
    private volatile long earlierMillis;
    private Consumer<Call> observer = call -> { };

    /**
     * One model call as the ledger saw it.
     *
     * @param index 0-based call number in this run
     * @param model the model that answered (or was asked, when it failed before answering)
     * @param tokensIn prompt tokens
     * @param tokensOut completion tokens, reasoning included
     * @param costUsd cost in USD, or null when the price table has no price for the model
     * @param latencyMillis wall time of the call, retries included
     * @param outcome {@code ok}, or why the call failed
     */
    public record Call(int index, String model, long tokensIn, long tokensOut, Double costUsd, long latencyMillis,
            String outcome) {
        public Call {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A budget limit that was reached.
     *
     * @param limit {@code tokens}, {@code usd} or {@code wallClock}
     * @param message what was used against what was allowed, and the key that sets the limit
     */
    public record Exhaustion(String limit, String message) {
        public Exhaustion {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Everything the ledger knows, for {@code run.json}; limits are null when unlimited.
     *
     * @param calls every call, in order
     * @param tokensIn total prompt tokens
     * @param tokensOut total completion tokens
     * @param costUsd total cost of priced calls
     * @param unpricedCalls calls whose model has no price (their cost is unknown, not zero)
     * @param wallClockMillis time since the ledger was opened
     * @param maxTokens the token limit
     * @param maxUsd the money limit
     * @param maxWallClockMillis the wall-clock limit
     * @param exhausted why the budget is spent, or null
     */
    public record Snapshot(List<Call> calls, long tokensIn, long tokensOut, double costUsd, int unpricedCalls,
            long wallClockMillis, Long maxTokens, Double maxUsd, Long maxWallClockMillis, Exhaustion exhausted) {
        public Snapshot {
            calls = List.copyOf(calls);
        }
    }

    public Ledger(Budget budget, PriceTable prices) {
        this(budget, prices, System::nanoTime);
    }

    Ledger(Budget budget, PriceTable prices, LongSupplier nanoTime) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.startNanos = nanoTime.getAsLong();
    }

    /** A ledger with the budget and prices the configuration asks for; the wall clock starts now. */
    public static Ledger fromConfig(Function<String, Optional<String>> config) {
        return new Ledger(Budget.fromConfig(config), PriceTable.fromConfig(config));
    }

    /**
     * Hands every call recorded from now on to {@code observer}, in order, as it is recorded (a run appends it to
     * its journal).
     */
    public synchronized void observe(Consumer<Call> observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Counts what earlier sessions of a resumed run spent: their calls, and the wall clock they used.
     *
     * @throws IllegalStateException when this ledger has recorded a call already
     */
    public synchronized void restore(List<Call> earlier, long earlierWallClockMillis) {
        if (!calls.isEmpty()) {
            throw new IllegalStateException("restore a ledger before its first call");
        }
        for (Call call : earlier) {
            calls.add(new Call(calls.size(), call.model(), call.tokensIn(), call.tokensOut(), call.costUsd(),
                    call.latencyMillis(), call.outcome()));
            tokensIn += call.tokensIn();
            tokensOut += call.tokensOut();
            if (call.costUsd() == null) {
                unpricedCalls++;
            } else {
                costUsd += call.costUsd();
            }
        }
        this.earlierMillis = Math.max(0, earlierWallClockMillis);
    }

    public Budget budget() {
        return budget;
    }

    public PriceTable prices() {
        return prices;
    }

    /**
     * The model, with every call recorded here; once the budget is spent, calls fail with
     * {@link BudgetExhaustedException} before reaching the model.
     */
    public Model meter(Model model) {
        return new Metered(model);
    }

    /** Records a call made outside {@link #meter(Model)}. */
    public void record(String model, long tokensIn, long tokensOut, long latencyMillis, String outcome) {
        Double cost = prices.priceOf(model).map(p -> p.cost(tokensIn, tokensOut)).orElse(null);
        synchronized (this) {
            Call call = new Call(calls.size(), model, tokensIn, tokensOut, cost, latencyMillis,
                    Secrets.redact(outcome));
            calls.add(call);
            this.tokensIn += tokensIn;
            this.tokensOut += tokensOut;
            if (cost == null) {
                unpricedCalls++;
            } else {
                costUsd += cost;
            }
            observer.accept(call);
        }
    }

    /**
     * Fails unless a model that bills money has a price, when a money budget is set: a budget that cannot see
     * the cost would not be a limit.
     */
    public void requirePriced(String model) {
        if (budget.maxUsd().isPresent() && prices.priceOf(model).isEmpty()) {
            throw new ConfigurationException("the money budget (" + ModelKeys.BUDGET_USD + ") needs a price for"
                    + " model '" + model + "': add it to " + ModelKeys.howToSet(ModelKeys.PRICES) + " as " + model
                    + "=<USD per million input tokens>/<USD per million output tokens>");
        }
    }

    /** The first limit reached, if any: wall clock, then tokens, then money. */
    public Optional<Exhaustion> exhausted() {
        long elapsed = elapsedMillis();
        Optional<Duration> wall = budget.maxWallClock();
        if (wall.isPresent() && elapsed >= wall.get().toMillis()) {
            return Optional.of(new Exhaustion("wallClock", "wall-clock budget reached: " + seconds(elapsed)
                    + " of " + seconds(wall.get().toMillis()) + " used (" + ModelKeys.BUDGET_WALL_CLOCK + ")"));
        }
        synchronized (this) {
            long tokens = tokensIn + tokensOut;
            if (budget.maxTokens().isPresent() && tokens >= budget.maxTokens().getAsLong()) {
                return Optional.of(new Exhaustion("tokens", "token budget reached: " + tokens + " of "
                        + budget.maxTokens().getAsLong() + " tokens used (" + ModelKeys.BUDGET_TOKENS + ")"));
            }
            if (budget.maxUsd().isPresent() && costUsd >= budget.maxUsd().getAsDouble()) {
                return Optional.of(new Exhaustion("usd", String.format(java.util.Locale.ROOT,
                        "money budget reached: $%.4f of $%.4f used (%s)", costUsd, budget.maxUsd().getAsDouble(),
                        ModelKeys.BUDGET_USD)));
            }
        }
        return Optional.empty();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(calls, tokensIn, tokensOut, costUsd, unpricedCalls, elapsedMillis(),
                budget.maxTokens().isPresent() ? budget.maxTokens().getAsLong() : null,
                budget.maxUsd().isPresent() ? budget.maxUsd().getAsDouble() : null,
                budget.maxWallClock().map(Duration::toMillis).orElse(null),
                exhausted().orElse(null));
    }

    /** {@link #snapshot()} as a JSON tree, for {@code run.json}. */
    public JsonNode toJson() {
        return JSON.valueToTree(snapshot());
    }

    /** Wall clock used by this run: earlier sessions' (when {@linkplain #restore restored}) plus this one's. */
    public long elapsedMillis() {
        return earlierMillis + TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - startNanos);
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A model metered by a ledger; {@link RecordingModel} records inside it, so that it records before billing. */
    final class Metered implements Model {
        private final Model delegate;

        private Metered(Model delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** The same metering around {@code inside} applied to the metered model: it acts before the bill. */
        Model around(UnaryOperator<Model> inside) {
            return new Metered(inside.apply(delegate));
        }

        @Override
        public ModelReply complete(ModelRequest request) {
            Optional<Exhaustion> spent = exhausted();
            if (spent.isPresent()) {
                throw new BudgetExhaustedException(spent.get());
            }
            long start = nanoTime.getAsLong();
            try {
                ModelReply reply = delegate.complete(request);
                record(reply.model(), reply.tokensIn(), reply.tokensOut(), since(start),
                        reply.truncated() ? "truncated at the output token limit" : "ok");
                return reply;
            } catch (SpentModelException e) {
                record(e.model(), e.tokensIn(), e.tokensOut(), since(start), "failed: " + e.getMessage());
                throw e;
            } catch (ModelException e) {
                record(delegate.describe(), 0, 0, since(start), "failed: " + e.getMessage());
                throw e;
            }
        }

        private long since(long start) {
            return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start));
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public boolean offline() {
            return delegate.offline();
        }
    }
}
