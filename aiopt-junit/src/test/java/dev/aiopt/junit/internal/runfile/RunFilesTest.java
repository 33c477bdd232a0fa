package dev.aiopt.junit.internal.runfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run file survives a write and a read with every field, the islands of a multi-island run included. */
class RunFilesTest {
    @TempDir
    Path dir;

    private static RunFile.Ratio ratio(double r, String reference) {
        return new RunFile.Ratio(r, r * 0.98, r * 1.02, 0.003, "BETTER", reference);
    }

    private static CandidateEntry candidate(String id, int generation, String parent, int island, String status) {
        List<Map<String, Double>> runs = List.of(Map.of("ops_per_sec", 1000.0 + island, "p99_us", 12.5));
        return new CandidateEntry(id, generation, parent, island, status, "vs " + parent + ": throughput x1.1",
                0.55 + island / 100.0, "sha-" + id, Map.of("ops_per_sec", 1000.0 + island, "p99_us", 12.5), runs,
                new RunFile.Comparison(ratio(1.1, "g0-baseline"), ratio(0.9, "g0-baseline"),
                        new RunFile.VsParent(ratio(1.05, parent), ratio(0.95, parent)), "direct",
                        new RunFile.VsParent(ratio(1.12, "g0-baseline"), ratio(0.91, "g0-baseline")), 6, 0.56),
                new RunFile.Causal(0.4, "removed 40% of the parent's top predicted speedup", "line 3: +12% at 20%",
                        List.of(new RunFile.Hotspot("db/write.cc:42", "writes", 3, 0.12, 0.3, 0.08, 7)), 4100L),
                "--- a/db/write.cc\n+++ b/db/write.cc\n", Map.of("model_ms", 1200L, "build_ms", 30000L),
                List.of(new RunFile.Attempt("reply 1: block 1 of 1 did not apply")),
                island == 1 ? new RunFile.Placement("n2", "149", 854, 2) : null);
    }

    private static RunFile run() {
        return new RunFile(RunFiles.SCHEMA, "E", "profiler", "run-1-seed42", 42L, true, "offline replay", "2026-12-01T21:00:00Z",
                "2026-12-01T21:30:00Z", Map.of("throughput", 0.3, "latency", 0.2, "causal", 0.3),
                new RunFile.SliceInfo("db/write.cc", "function WriteImpl", 40, 80),
                List.of(new RunFile.ConfigEntry("aiopt.islands", "3", "system property -Daiopt.islands")),
                new RunFile.Baseline("g0-baseline", Map.of("ops_per_sec", 1000.0), List.of(Map.of("ops_per_sec", 999.0))),
                List.of(candidate("g1-c1", 1, "g0-baseline", 0, "IMPROVED"), candidate("g1-c2", 1, "g0-baseline", 1,
                        "NO_CHANGE"), candidate("g1-c3", 1, "g0-baseline", 2, "REGRESSED")),
                new RunFile.Best("g1-c1", 0.55, "best-slice.txt", "best.diff", "diff"),
                new RunFile.Champion("g1-c1", ratio(1.09, "g0-baseline"), ratio(0.93, "g0-baseline"), 6, 0.54),
                new ObjectMapper().createObjectNode().put("totalCostUsd", 0.0), null, List.of("a note"), null,
                new ObjectMapper().createObjectNode().put("startedAt", "2026-12-01T21:00:00Z"),
                new RunFile.Tournament("g1-c1", ratio(1.08, "g0-baseline"), ratio(0.94, "g0-baseline"), 6, 5, "block"));
    }

    @Test
    void everyFieldSurvivesTheRoundTripIslandsIncluded() {
        RunFile written = run();

        RunFiles.write(dir, written);
        RunFile read = RunFiles.read(dir);

        assertThat(read).isEqualTo(written);
        assertThat(read.candidates()).extracting(CandidateEntry::island).containsExactly(0, 1, 2);
        assertThat(read.candidates()).extracting(CandidateEntry::placement)
                .containsExactly(null, new RunFile.Placement("n2", "149", 854, 2), null);
    }

    @Test
    void anotherSchemaIsRefusedNamingBoth() throws IOException {
        RunFiles.write(dir, run());
        Path file = dir.resolve(RunFiles.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"schema\" : 1", "\"schema\" : 7"));

        assertThatThrownBy(() -> RunFiles.read(dir)).hasMessageContaining("$.schema is 7, but this report writer "
                + "reads schema 1");
    }
}
