package dev.aiopt.junit.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.internal.config.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate's policy keys ({@code aiopt.gate.maxLooks}, {@code .inconclusive}, {@code .busyMachine},
 * {@code .maxLoadPerCore}): the catalogue's defaults when the annotation leaves them unset, the annotation
 * over those, the configuration parameters over the annotation, and system properties over all.
 */
class GatePolicyKeysTest {

    @Gate(candidateSlice = "src/test/resources/gate/same.txt")
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Unset {
    }

    @Gate(candidateSlice = "src/test/resources/gate/same.txt", maxLooks = 2, inconclusive = Gate.Inconclusive.FAIL,
            busyMachine = Gate.BusyMachine.REFUSE)
    @EvolveBlock(root = "src/test/resources/gate/faketree", file = "bench.sh")
    @Build("cp bench.sh fakebench && chmod +x fakebench")
    @Bench(value = "fillrandom", command = "./fakebench")
    static class Annotated {
    }

    @Test
    void unsetAttributesTakeTheCataloguesDefaults() {
        assertThat(policy(Unset.class, Map.of()))
                .isEqualTo(new GatePlan.Policy(3, Gate.Inconclusive.WARN, Gate.BusyMachine.WARN, 1.0));
    }

    @Test
    void theAnnotationSetsThemAndConfigurationParametersWin() {
        assertThat(policy(Annotated.class, Map.of()))
                .isEqualTo(new GatePlan.Policy(2, Gate.Inconclusive.FAIL, Gate.BusyMachine.REFUSE, 1.0));
        assertThat(policy(Annotated.class, Map.of("aiopt.gate.maxLooks", "4", "aiopt.gate.inconclusive", "warn",
                "aiopt.gate.busyMachine", "Warn", "aiopt.gate.maxLoadPerCore", "2.5")))
                .isEqualTo(new GatePlan.Policy(4, Gate.Inconclusive.WARN, Gate.BusyMachine.WARN, 2.5));
    }

    @Test
    void systemPropertiesWinOverConfigurationParameters() {
        String before = System.getProperty("aiopt.gate.maxLooks");
        System.setProperty("aiopt.gate.maxLooks", "1");
        try {
            assertThat(policy(Annotated.class, Map.of("aiopt.gate.maxLooks", "4")).maxLooks()).isEqualTo(1);
        } finally {
            if (before == null) {
                System.clearProperty("aiopt.gate.maxLooks");
            } else {
                System.setProperty("aiopt.gate.maxLooks", before);
            }
        }
    }

    @Test
    void aWrongValueIsAConfigurationErrorNamingTheChoices() {
        assertThatThrownBy(() -> policy(Unset.class, Map.of("aiopt.gate.inconclusive", "maybe")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("aiopt.gate.inconclusive is 'maybe'").hasMessageContaining("use one of FAIL, WARN");
        assertThatThrownBy(() -> policy(Unset.class, Map.of("aiopt.gate.busyMachine", "DEFAULT")))
                .hasMessageContaining("use one of WARN, REFUSE");
        assertThatThrownBy(() -> policy(Unset.class, Map.of("aiopt.gate.maxLoadPerCore", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxLoadPerCore must be a number above 0");
    }

    private static GatePlan.Policy policy(Class<?> gateClass, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("aiopt.outputDir", "target/gate-policy-keys");
        return new GateFactory(gateClass, key -> Optional.ofNullable(all.get(key))).plan().policy();
    }
}
