package dev.aiopt.examples.writepath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.profile.CausalProfile;
import dev.aiopt.junit.internal.profile.CozRunOptions;
import dev.aiopt.junit.internal.profile.CozRunResult;
import dev.aiopt.junit.internal.profile.CozRunner;
import dev.aiopt.junit.internal.profile.Hotspot;
import dev.aiopt.junit.internal.profile.ProfilerException;
import dev.aiopt.junit.internal.profile.SliceMapping;
import dev.aiopt.junit.internal.profile.ViewerVariant;
import dev.aiopt.junit.internal.slice.Slice;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real coz on the embedded benchmark: the critical section's lines inside DB::Write are the top hotspots. */
@Tag("coz")
class WritePathCausalProfileTest {
    private static final Path SOURCES = Path.of("src/test/cpp/writepath");

    @Test
    void criticalSectionLinesOfTheSliceAreAmongTheTopHotspots(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(CozRunner.onPath("coz").isPresent(), "coz is not installed: apt-get install coz-profiler");
        for (String file : List.of("writepath.cc", "writepath.h")) {
            Files.copy(SOURCES.resolve(file), dir.resolve(file));
        }
        Process build = new ProcessBuilder("g++", "-std=c++17", "-O2", "-fno-inline", "-g", "-gdwarf-4",
                "-gno-variable-location-views", "-fno-omit-frame-pointer", "-pthread", "writepath.cc", "-o", "writebench")
                .directory(dir.toFile()).inheritIO().start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS) && build.exitValue() == 0).as("g++ builds writepath").isTrue();

        CozRunOptions options = CozRunOptions.of(List.of("./writebench", "--benchmarks=fillrandom", "--num=3000000",
                "--threads=4", "--db=" + dir.resolve("db")), dir.resolve("profile.coz"))
                .withWorkingDirectory(dir).withDurationCap(Duration.ofSeconds(20)).withSourceScope("%/writepath.cc");
        CozRunResult result;
        try {
            result = CozRunner.using("coz").run(options);
        } catch (ProfilerException e) {
            Assumptions.assumeTrue(!e.getMessage().contains("perf_event_open"),
                    "perf_event_open is refused here: " + e.getMessage());
            throw e;
        }

        String source = Files.readString(dir.resolve("writepath.cc"), StandardCharsets.UTF_8);
        Slice slice = SliceLocator.locate("writepath.cc", source, SliceSpec.markers());
        SliceMapping mapping = new SliceMapping("writepath.cc", slice.firstLine(), slice.length());
        CausalProfile profile = result.profile().analyze(ViewerVariant.HEAD, 0);
        List<Hotspot> top = profile.hotspots(mapping).stream().limit(3).toList();
        List<String> sliceLines = slice.text().lines().toList();
        List<String> topCode = top.stream().filter(Hotspot::inSlice)
                .map(h -> sliceLines.get(h.sliceLine().getAsInt() - 1).strip()).toList();
        System.out.println("top hotspots: " + top + "\nin-slice code: " + topCode);
        assertThat(topCode).as("the top hotspots inside DB::Write").isNotEmpty()
                .anyMatch(code -> code.contains("InsertIntoMemTable") || code.contains("EncodeBatch")
                        || code.contains("AppendToLog") || code.contains("lock_guard"));
    }
}
