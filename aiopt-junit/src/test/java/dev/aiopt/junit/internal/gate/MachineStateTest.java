package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reading load, steal and governor, and when the machine counts as busy. */
class MachineStateTest {

    // user nice system idle iowait irq softirq steal guest guest_nice
    private static final String STAT_BEFORE = "cpu  1000 0 500 8000 100 0 0 400 0 0\ncpu0 500 0 250 4000 50 0 0 200 0 0\n";
    private static final String STAT_AFTER = "cpu  1300 0 600 8500 100 0 0 500 0 0\ncpu0 650 0 300 4250 50 0 0 250 0 0\n";

    @Test
    void stealIsTheShareOfAllTicksStolenBetweenTheReadings() {
        MachineState.Snapshot before = MachineState.Snapshot.of(1.0, 2, "performance", STAT_BEFORE);
        MachineState.Snapshot after = MachineState.Snapshot.of(1.5, 2, "performance", STAT_AFTER);

        MachineState state = MachineState.between(before, after, 1.0);

        assertThat(before.totalTicks()).isEqualTo(10_000);
        assertThat(state.stealFraction()).isCloseTo(100.0 / 1000, within(1e-12));
        assertThat(state.describe()).isEqualTo(
                "load 1.00 -> 1.50 (1-minute average) on 2 cores, steal 10.0%, governor performance");
        assertThat(state.busy()).as("10% steal is the threshold, not above it").isFalse();
    }

    @Test
    void loadAboveTheCoresIsBusyAndSaysSo() {
        MachineState state = new MachineState(1.1, 3.2, 2, "unknown", Double.NaN, 1.0);

        assertThat(state.busy()).isTrue();
        assertThat(state.busyReason()).isEqualTo("the machine was busy: load 3.2 on 2 cores");
        assertThat(new MachineState(1.9, 2.0, 2, "unknown", Double.NaN, 1.0).busy()).as("load = cores").isFalse();
    }

    @Test
    void maxLoadPerCoreMovesTheThreshold() {
        assertThat(new MachineState(1.1, 3.2, 2, "unknown", Double.NaN, 2.0).busy()).as("3.2 <= 2 cores x 2.0")
                .isFalse();
        assertThat(new MachineState(1.1, 3.2, 2, "unknown", Double.NaN, 1.5).busy()).as("3.2 > 2 cores x 1.5")
                .isTrue();
    }

    @Test
    void heavyStealIsBusyToo() {
        MachineState state = new MachineState(0.5, 0.5, 4, "schedutil", 0.25, 1.0);

        assertThat(state.busyReason()).isEqualTo("the machine was busy: 25% of CPU time stolen by the hypervisor");
    }

    @Test
    void missingProcFilesGiveAnUnknownSteal() {
        MachineState.Snapshot none = MachineState.Snapshot.of(0.3, 1, "unknown", "");

        MachineState state = MachineState.between(none, none, 1.0);

        assertThat(state.stealFraction()).isNaN();
        assertThat(state.describe()).contains("on 1 core,", "steal unknown");
        assertThat(MachineState.Snapshot.parseLoad("3.21 2.00 1.00 4/159 11310\n")).isEqualTo(3.21);
    }

    @Test
    void thisMachineCanBeRead() {
        MachineState.Snapshot now = MachineState.Snapshot.now();

        assertThat(now.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(now.governor()).isNotBlank();
    }
}
