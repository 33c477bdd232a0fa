package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfilingSettingsTest {

    private static ProfilingSettings settings(ProfilingSettings.When when) {
        return new ProfilingSettings(when, Duration.ofSeconds(1), List.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void autoProfilesEveryTrackWhileTheCausalTermCounts() {
        assertThat(settings(ProfilingSettings.When.AUTO).enabledFor(0.3)).isTrue();
        assertThat(settings(ProfilingSettings.When.AUTO).enabledFor(0.0)).isFalse();
    }

    @Test
    void onAndOffOverrideTheWeight() {
        assertThat(settings(ProfilingSettings.When.ON).enabledFor(0.0)).isTrue();
        assertThat(settings(ProfilingSettings.When.OFF).enabledFor(0.3)).isFalse();
    }
}
