package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.profile.CausalProfile.PointKind;
import dev.aiopt.junit.internal.profile.CozLocation.BcozScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CozProfileTest {

    @Test
    void readsEveryRecordKindOfCoz022() {
        CozProfile profile = CozProfile.parse("""
                startup\ttime=1795494933311698372
                experiment\tselected=toy.c:22\tspeedup=0.00\tduration=502423552\tselected-samples=125
                throughput-point\tname=txn\tdelta=113
                latency-point\tname=lat\tarrivals=126\tdepartures=125\tdifference=4
                runtime\ttime=4670532192
                samples\tlocation=toy.c:16\tcount=1871
                shutdown\ttime=1415880356165907817\tsamples=348580
                """);

        assertThat(profile.records()).containsExactly(
                new CozRecord.Startup(1795494933311698372L),
                new CozRecord.Experiment("toy.c:22", 0.0, 502423552, 125, java.util.OptionalLong.empty()),
                new CozRecord.ThroughputPoint("txn", 113, false),
                new CozRecord.LatencyPoint("lat", 126, 125, 4),
                new CozRecord.Runtime(4670532192L),
                new CozRecord.Samples("toy.c:16", 1871),
                new CozRecord.Shutdown(1415880356165907817L));
    }

    @Test
    void readsLegacyProgressPointsAsThroughput() {
        CozProfile profile = CozProfile.read(TestResources.path("coz/ferret.coz"));

        assertThat(profile.records()).filteredOn(r -> r instanceof CozRecord.ThroughputPoint)
                .allMatch(r -> ((CozRecord.ThroughputPoint) r).legacy());
        assertThat(profile.experimentCount()).isEqualTo(335);
        assertThat(profile.analyze(ViewerVariant.COZ_0_2_2, 0).lines().get(0).curves())
                .allMatch(c -> c.kind() == PointKind.THROUGHPUT);
    }

    @Test
    void jsonLinesAndTsvOfTheSameRunGiveTheSameAnalysis() {
        CausalProfile tsv = CozProfile.read(TestResources.path("coz/toy_lat.coz")).analyze(ViewerVariant.HEAD, 10);
        CausalProfile json = CozProfile.read(TestResources.path("coz/toy_lat.jsonl")).analyze(ViewerVariant.HEAD, 10);

        assertThat(json).isEqualTo(tsv);
        assertThat(json.lines()).isNotEmpty();
        assertThat(json.lines().get(0).curves()).extracting(CausalProfile.SpeedupCurve::kind)
                .containsExactly(PointKind.THROUGHPUT, PointKind.LATENCY);
    }

    @Test
    void readsBcozDelayPseudoLocationsAndRelationalSelections() {
        CozProfile profile = CozProfile.parse("""
                startup\ttime=1
                experiment\tselected=IO\tspeedup=0.50\tduration=1000\tselected-samples=7\tdelay=250
                throughput-point\tname=ops\tdelta=10
                experiment\tselected=/src/db/db_impl_write.cc:1241(IO,0.50%|)\tspeedup=0.00\tduration=1000\tselected-samples=3\tdelay=0
                throughput-point\tname=ops\tdelta=10
                """);

        CozRecord.Experiment io = (CozRecord.Experiment) profile.records().get(1);
        assertThat(io.delay()).hasValue(250);
        assertThat(io.location().pseudo()).contains(BcozScope.IO);
        assertThat(io.location().isSourceLine()).isFalse();

        CozLocation relational = ((CozRecord.Experiment) profile.records().get(3)).location();
        assertThat(relational.file()).isEqualTo("/src/db/db_impl_write.cc");
        assertThat(relational.line()).isEqualTo(1241);
        assertThat(relational.relation()).contains("IO,0.50%|");
        assertThat(CozLocation.parse("OFF_CPU").pseudo()).contains(BcozScope.OFF_CPU);
        assertThat(CozLocation.parse("SCHEDULING(LOCK,0.25%|)").pseudo()).contains(BcozScope.SCHEDULING);
    }

    @Test
    void garbledLinesNameTheLineAndWhatWasExpected() {
        assertThatThrownBy(() -> CozProfile.parse("startup\ttime=1\nexperiment\tselected=a.c:1\tspeedup=abc"
                + "\tduration=5\tselected-samples=1\n"))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("expected speedup= with a decimal number")
                .hasMessageContaining("\"abc\"");
        assertThatThrownBy(() -> CozProfile.parse("startup\ttime=1\nthroughput-point\tname=txn\n"))
                .hasMessageContaining("line 2").hasMessageContaining("expected delta=").hasMessageContaining("nothing");
        assertThatThrownBy(() -> CozProfile.parse("\n\n<html>oops</html>\n"))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("expected a record type (startup, experiment");
        assertThatThrownBy(() -> CozProfile.parse("{\"type\":\"experiment\",\"selected\":\"a.c:1\""))
                .hasMessageContaining("line 1").hasMessageContaining("expected one JSON object per line");
        assertThatThrownBy(() -> CozProfile.parse("experiment\tselected=a.c:1\tspeedup=0.1\tduration"))
                .hasMessageContaining("expected tab-separated key=value fields");
    }

    @Test
    void anEmptyProfileCarriesTheViewersWarning() {
        CausalProfile analysis = CozProfile.parse("startup\ttime=1\nruntime\ttime=2\n").analyze(ViewerVariant.HEAD, 0);

        assertThat(analysis.lines()).isEmpty();
        assertThat(analysis.warnings()).singleElement().asString().startsWith("Empty Profile");
    }

    @Test
    void headSkipsCozHeaderExperimentsAndSmallDeltas() {
        String text = """
                experiment\tselected=/usr/include/coz.h:50\tspeedup=0.00\tduration=100\tselected-samples=1
                throughput-point\tname=p\tdelta=10
                experiment\tselected=/usr/include/coz.h:50\tspeedup=0.50\tduration=100\tselected-samples=1
                throughput-point\tname=p\tdelta=20
                experiment\tselected=a.c:3\tspeedup=0.00\tduration=100\tselected-samples=1
                throughput-point\tname=p\tdelta=10
                experiment\tselected=a.c:3\tspeedup=0.25\tduration=50\tselected-samples=1
                throughput-point\tname=p\tdelta=4
                experiment\tselected=a.c:3\tspeedup=0.50\tduration=100\tselected-samples=1
                throughput-point\tname=p\tdelta=20
                """;
        CozProfile profile = CozProfile.parse(text);

        CausalProfile old = profile.analyze(ViewerVariant.COZ_0_2_2, 0);
        CausalProfile head = profile.analyze(ViewerVariant.HEAD, 0);

        assertThat(old.lines()).extracting(CausalProfile.LineProfile::location)
                .containsExactly("/usr/include/coz.h:50", "a.c:3");
        assertThat(old.line("a.c:3").orElseThrow().curves().get(0).points()).hasSize(3);
        assertThat(head.lines()).extracting(CausalProfile.LineProfile::location).containsExactly("a.c:3");
        assertThat(head.line("a.c:3").orElseThrow().curves().get(0).points())
                .containsExactly(new CausalProfile.SpeedupPoint(0, 0), new CausalProfile.SpeedupPoint(0.5, 0.5));
    }

    @Test
    void ranksLinesByTheLastSampleCountOfEachRun() {
        CozProfile profile = CozProfile.read(TestResources.path("coz/e2e.coz"));

        List<Map.Entry<String, Long>> ranked = profile.rankedBySamples();

        assertThat(ranked).containsExactly(Map.entry("toy.c:16", 1871L + 1861L), Map.entry("toy.c:22", 621L + 636L));
    }
}
