package dev.aiopt.junit.internal.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final RunProgress progress = new RunProgress(now::get);

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void beforeAnyGenerationCompletesTheBaselineGivesThePace() {
        advance(10);
        progress.baselineDone();
        // 4 candidates, 2 at a time: two baseline-times per generation; 3 generations + the champion (2 baselines).
        assertThat(progress.generationStarts(1, 3, 4, 2)).isEqualTo("generation 1 of 3: 10s spent, about 1m20s left"
                + " (3 generations and the champion, from the baseline's time per candidate, before the model's time)");
    }

    @Test
    void completedGenerationsGiveThePaceAfterwards() {
        advance(10);
        progress.baselineDone();
        progress.generationStarts(1, 3, 4, 2);
        advance(100);
        progress.generationStarts(2, 3, 4, 2);
        advance(140);

        assertThat(progress.generationStarts(3, 3, 4, 2)).isEqualTo("generation 3 of 3: 4m10s spent, about 2m20s left"
                + " (1 generation and the champion, at the pace of the 2 generations so far)");
    }

    @Test
    void longDurationsReadAsHoursAndMinutes() {
        assertThat(RunProgress.format(TimeUnit.MINUTES.toNanos(135))).isEqualTo("2h15m");
        assertThat(RunProgress.format(TimeUnit.SECONDS.toNanos(59))).isEqualTo("59s");
    }
}
