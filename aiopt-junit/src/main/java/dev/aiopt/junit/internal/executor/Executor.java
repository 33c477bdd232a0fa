package dev.aiopt.junit.internal.executor;

import java.util.List;

/**
 * Runs evaluation units somewhere and hands back their outcomes in the order the units were given, whatever
 * order they finished in. Implementations never throw for a unit that failed: that is in its outcome.
 */
interface Executor extends AutoCloseable {

    /**
     * Runs every unit and waits for all of them.
     *
     * @return one outcome per unit, in the units' order
     */
    List<UnitOutcome> runAll(List<Unit> units);

    /** Releases what the executor holds (threads, leases); jobs still running are not waited for. */
    @Override
    void close();
}
