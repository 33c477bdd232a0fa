package dev.aiopt.junit.internal.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CapTest {

    @Test
    void exactUpToTheKneeThenSaturatingBelowTheLimit() {
        Cap cap = new Cap(2.0);
        assertThat(cap.knee()).isEqualTo(1.5);
        assertThat(cap.apply(0.0)).isEqualTo(0.0);
        assertThat(cap.apply(1.0)).isEqualTo(1.0);
        assertThat(cap.apply(1.5)).isEqualTo(1.5);
        // 1.5 + 0.5 * 2.5 / 3.0
        assertThat(cap.apply(4.0)).isCloseTo(1.5 + 0.5 * 2.5 / 3.0, within(1e-12));
        assertThat(cap.apply(1e9)).isLessThan(2.0).isGreaterThan(1.9999);
    }

    @Test
    void continuousWithSlopeOneAtTheKnee() {
        Cap cap = new Cap(4.0);
        double h = 1e-6;
        double slopeAbove = (cap.apply(cap.knee() + h) - cap.apply(cap.knee())) / h;
        assertThat(slopeAbove).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void strictlyIncreasingFarPastTheLimit() {
        Cap cap = Cap.LATENCY_DEFAULT;
        double previous = -1;
        for (double g = 0.01; g < 1e11; g *= 1.01) {
            double value = cap.apply(g);
            assertThat(value).isGreaterThan(previous).isLessThan(cap.limit());
            previous = value;
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Cap(1.0)).hasMessageContaining("above 1");
        assertThatThrownBy(() -> new Cap(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Cap.THROUGHPUT_DEFAULT.apply(Double.NaN)).hasMessageContaining("goodness");
    }
}
