package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiopt.junit.internal.profile.PerfReport.Row;
import dev.aiopt.junit.internal.profile.PerfReport.SampleTag;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PerfReportTest {

    @Test
    void readsStockPerfRows() {
        PerfReport report = PerfReport.read(TestResources.path("perf/toy-perf-report-stdio.txt"));

        assertThat(report.hasSourceLines()).isFalse();
        assertThat(report.rows()).hasSize(7);
        assertThat(report.rows().get(0))
                .isEqualTo(new Row(99.46, "toy", "toy", SampleTag.USER, "worker", Optional.empty()));
        assertThat(report.rows().get(1).tag()).isEqualTo(SampleTag.KERNEL);
        assertThat(report.rows().get(1).object()).isEqualTo("[kernel.kallsyms]");
        assertThat(report.cpuShare().hasOffCpu()).isFalse();
        assertThat(report.cpuShare().onCpuPercent()).isCloseTo(100.0, within(0.01));
    }

    @Test
    void readsSourceLinesAndRanksThem() {
        PerfReport report = PerfReport.read(TestResources.path("perf/toy-perf-report-srcline.txt"));

        assertThat(report.hasSourceLines()).isTrue();
        assertThat(report.rows().get(0).srcline()).contains("toy.c:16");
        assertThat(report.rows().get(0).symbol()).isEqualTo("worker");
        assertThat(report.rows().get(2).srcline()).contains("_raw_spin_unlock_irqrestore+25");
        assertThat(report.rows().get(2).sourceLocation()).isEmpty();
        assertThat(report.rankedSourceLines()).containsExactly(Map.entry("toy.c:16", 74.81), Map.entry("toy.c:22", 24.66));
    }

    @Test
    void splitsBperfOffCpuTimeBySubclass() {
        PerfReport report = PerfReport.read(TestResources.path("perf/bperf-report-transcribed.txt"));

        assertThat(report.rows()).extracting(Row::tag).containsExactly(SampleTag.LOCK, SampleTag.BLOCKED,
                SampleTag.IO, SampleTag.KERNEL, SampleTag.USER);
        PerfReport.CpuShare share = report.cpuShare();
        assertThat(share.lockPercent()).isCloseTo(50.19, within(1e-9));
        assertThat(share.otherOffCpuPercent()).isCloseTo(13.20, within(1e-9));
        assertThat(share.ioPercent()).isCloseTo(9.06, within(1e-9));
        assertThat(share.schedulingPercent()).isZero();
        assertThat(share.onCpuPercent()).isCloseTo(2.44 + 1.69, within(1e-9));
        assertThat(share.offCpuPercent()).isCloseTo(50.19 + 13.20 + 9.06, within(1e-9));
    }

    @Test
    void rejectsRowsWithoutTheExpectedColumns() {
        assertThatThrownBy(() -> PerfReport.parse("# Overhead  Command\n    12.5%  toy  worker\n"))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("perf report line 2")
                .hasMessageContaining("--sort comm,dso,sym");
        assertThatThrownBy(() -> PerfReport.parse("    12.5%  toy  toy  [Z] worker\n"))
                .hasMessageContaining("line 1").hasMessageContaining("found [Z]");
    }
}
