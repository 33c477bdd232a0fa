package dev.aiopt.junit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleModelTest {
    private final FakeModel qwen = new FakeModel("qwen2.5-coder", 1, 1);
    private final FakeModel deepseek = new FakeModel("deepseek-coder", 1, 1);

    private EnsembleModel ensemble(long seed) {
        return new EnsembleModel(List.of(new EnsembleModel.Member(qwen, 0.7),
                new EnsembleModel.Member(deepseek, 0.3)), seed);
    }

    @Test
    void sameSeedAndKeyPickTheSameModelWhateverTheOrder() {
        EnsembleModel first = ensemble(42);
        EnsembleModel second = ensemble(42);
        for (int i = 0; i < 200; i++) {
            ReplayKey key = new ReplayKey(Fixtures.sha(i), i % 3);
            ReplayKey reversed = new ReplayKey(Fixtures.sha(199 - i), (199 - i) % 3);
            assertThat(first.pick(key)).isSameAs(second.pick(key));
            assertThat(first.pick(reversed)).isSameAs(second.pick(reversed));
        }
    }

    @Test
    void anotherSeedPicksOtherwise() {
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            ReplayKey key = new ReplayKey(Fixtures.sha(i), 0);
            if (ensemble(1).pick(key) != ensemble(2).pick(key)) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(20);
    }

    @Test
    void weightsDecideTheShares() {
        EnsembleModel ensemble = ensemble(7);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            ensemble.complete(Fixtures.request("x", Fixtures.sha(i), i % 5));
        }
        assertThat(qwen.calls.get() + deepseek.calls.get()).isEqualTo(n);
        // deterministic for this seed; 0.7 +- 3 standard deviations (0.0032 each)
        assertThat(qwen.calls.get() / (double) n).isBetween(0.69, 0.71);
    }

    @Test
    void uniformStaysInTheUnitInterval() {
        for (int i = 0; i < 1000; i++) {
            assertThat(EnsembleModel.uniform(i * 31L, new ReplayKey(Fixtures.sha(i), i))).isBetween(0.0, 0.9999999999);
        }
    }

    @Test
    void describeListsMembersWithNormalisedWeights() {
        assertThat(ensemble(1).describe())
                .isEqualTo("ensemble of qwen2.5-coder (fake) (weight 0.70), deepseek-coder (fake) (weight 0.30)");
        assertThat(ensemble(1).offline()).isFalse();
    }
}
