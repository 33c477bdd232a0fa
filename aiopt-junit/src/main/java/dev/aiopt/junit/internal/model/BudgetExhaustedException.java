package dev.aiopt.junit.internal.model;

import java.util.Objects;

/**
 * A model call refused because the run's budget is spent; the loop stops after the candidate in flight and
 * still writes its reports. {@link #exhaustion()} says which limit was reached.
 */
final class BudgetExhaustedException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final transient Ledger.Exhaustion exhaustion;

    public BudgetExhaustedException(Ledger.Exhaustion exhaustion) {
        super(Objects.requireNonNull(exhaustion, "exhaustion").message());
        this.exhaustion = exhaustion;
    }

    /** Which limit was reached, and by how much. */
    public Ledger.Exhaustion exhaustion() {
        return exhaustion;
    }
}
