package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.model.Model;
import java.util.Objects;

/**
 * Who writes candidates and what they may spend.
 *
 * @param model the (recording) model of the track
 * @param ledger model calls, tokens and cost against the run's budgets
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ModelSetup(Model model, Ledger ledger) {
    public ModelSetup {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(ledger, "ledger");
    }
}
