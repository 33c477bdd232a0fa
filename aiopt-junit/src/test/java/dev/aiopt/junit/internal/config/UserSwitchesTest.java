package dev.aiopt.junit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserSwitchesTest {
    @Test
    void theUsersExperimentSwitchesAreRemovedAndTheTestsOwnRemembered() {
        String check = UserSwitches.testProperty("aiopt.report.check");
        System.setProperty("track", "profiler");
        System.setProperty("aiopt.resume", "latest");
        System.setProperty("aiopt.report.check", "/some/runs");
        try {
            assertThat(UserSwitches.clear()).contains("track", "aiopt.resume").doesNotContain("aiopt.report.check");
            assertThat(System.getProperty("track")).isNull();
            assertThat(System.getProperty("aiopt.resume")).isNull();
            // Not left in the system properties, where every experiment would refuse it as an unknown key.
            assertThat(System.getProperty("aiopt.report.check")).isNull();
            assertThat(UserSwitches.testProperty("aiopt.report.check")).isEqualTo("/some/runs");
        } finally {
            System.setProperty("aiopt.report.check", check == null ? "" : check);
            UserSwitches.clear();
        }
    }

    @Test
    void theOuterSessionAlreadyRemovedThem() {
        // Fails only under ./mvnw test -Dtrack=... -Daiopt.resume=... when the listener is not registered.
        assertThat(System.getProperty("track")).isNull();
        assertThat(System.getProperty("aiopt.resume")).isNull();
        assertThat(System.getProperty("aiopt.report.check")).isNull();
    }
}
