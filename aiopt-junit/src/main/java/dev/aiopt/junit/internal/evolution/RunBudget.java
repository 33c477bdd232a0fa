package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.model.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The run's budget as part of its persisted state: every model call the ledger records becomes a journal line,
 * each landing the run's wall clock, and a resumed run restores both, so that what earlier sessions spent still
 * counts. A candidate begins only while the budget lasts; one that began (journalled) finishes after a resume.
 */
final class RunBudget {
    private final Ledger ledger;
    private final RunState state;
    private final RunJournal journal;

    RunBudget(Ledger ledger, RunState state, RunJournal journal, boolean resumed) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.state = Objects.requireNonNull(state, "state");
        this.journal = Objects.requireNonNull(journal, "journal");
        if (resumed) {
            restore(RunJournal.read(journal.file().getParent()));
        }
        ledger.observe(call -> journal.append(new RunJournal.Spent(call, ledger.elapsedMillis())));
    }

    // The wall clock of earlier sessions is known up to the last line they journalled; the time between that and
    // a kill is not, so not counted.
    private void restore(List<RunJournal.Entry> entries) {
        List<Ledger.Call> calls = new ArrayList<>();
        long wallClock = 0;
        for (RunJournal.Entry entry : entries) {
            if (entry instanceof RunJournal.Spent spent) {
                calls.add(spent.call());
                wallClock = Math.max(wallClock, spent.wallClockMillis());
            } else if (entry instanceof RunJournal.Clock clock) {
                wallClock = Math.max(wallClock, clock.wallClockMillis());
            }
        }
        ledger.restore(calls, wallClock);
    }

    /** Whether a candidate may begin: it began before (a resume), or the budget is not spent; journalled. */
    boolean begin(String candidate) {
        if (state.wasStarted(candidate)) {
            return true;
        }
        if (ledger.exhausted().isPresent()) {
            return false;
        }
        state.started(candidate);
        journal.append(new RunJournal.Started(candidate));
        return true;
    }

    /** Journals the run's wall clock (after a landing). */
    void clock() {
        journal.append(new RunJournal.Clock(ledger.elapsedMillis()));
    }

    /** The console line: the limits of this run and, resumed, what earlier sessions spent. */
    String describe(boolean resumed) {
        Ledger.Snapshot spent = ledger.snapshot();
        return "budget of this run: " + ledger.budget().describe() + (resumed ? String.format(Locale.ROOT,
                "; spent before this session: %d tokens, $%.4f, %.1f s wall clock in %d model call(s)",
                spent.tokensIn() + spent.tokensOut(), spent.costUsd(), spent.wallClockMillis() / 1000.0,
                spent.calls().size()) : "");
    }
}
