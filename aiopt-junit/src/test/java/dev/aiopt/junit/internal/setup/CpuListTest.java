package dev.aiopt.junit.internal.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.config.ConfigurationException;
import org.junit.jupiter.api.Test;

/** {@code aiopt.bench.cpus} is checked against the CPUs this process may run on before anything runs. */
class CpuListTest {

    @Test
    void parsesListsAndRanges() {
        assertThat(CpuList.parse("0,2-4").toString()).isEqualTo("{0, 2, 3, 4}");
        assertThatThrownBy(() -> CpuList.parse("3-1")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("runs backwards");
    }

    @Test
    void aCpuThisProcessMayNotUseIsAConfigurationErrorNamingTheAllowedOnes() {
        assertThat(CpuList.allowed().cardinality()).isPositive();
        assertThatThrownBy(() -> CpuList.requireUsable("4095", "@Bench(cpus)"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("aiopt.bench.cpus=4095 (from @Bench(cpus))")
                .hasMessageContaining("allowed: " + CpuList.allowed());
    }

    @Test
    void anAllowedCpuPasses() {
        int first = CpuList.allowed().nextSetBit(0);
        CpuList.requireUsable(String.valueOf(first), "test");
    }
}
