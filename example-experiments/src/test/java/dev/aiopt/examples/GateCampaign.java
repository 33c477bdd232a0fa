package dev.aiopt.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.EvolveBlock;
import dev.aiopt.junit.Gate;
import dev.aiopt.junit.GateRun;
import dev.aiopt.junit.Verify;
import dev.aiopt.junit.internal.stats.GateSettings;
import dev.aiopt.junit.internal.gate.GateVerdicts;
import dev.aiopt.junit.internal.stats.GateVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Live figures for the gate: an A/A campaign ({@code n} gate runs of the unchanged embedded write path against
 * itself) and a power campaign ({@code n} gate runs per effect of a candidate whose {@code DB::Write} spins, inside
 * its lock, for a set fraction of its own critical section: 3%, 5%, 10% by default, so every write takes 1.03,
 * 1.05, 1.10 times as long). Prints the live false-alarm and detection rates with Clopper-Pearson 95% intervals
 * beside the rates of the same gate simulated under the noise the A/A runs measured. Not run by the default test
 * command (the class name does not end in Test): run {@code aiopt-junit/scripts/gate-campaign.sh N}.
 *
 * <p>Properties: {@code gateCampaign.n} (A/A gate runs, default 3), {@code gateCampaign.powerN} (gate runs per
 * slowed cell, default {@code n}), {@code gateCampaign.effects}
 * (default {@code 0.03,0.05,0.10}), {@code gateCampaign.looks} (1 or 3, default 1), {@code gateCampaign.aaLooks}
 * (the A/A gates' looks, default {@code looks}), {@code gateCampaign.simTrials}
 * (default 400). The gates pass an inconclusive verdict ({@code inconclusive = WARN}) so that only a detected
 * regression counts as a failure; inconclusive verdicts are counted separately.
 */
class GateCampaign {
    static final List<GateVerdict> VERDICTS = new CopyOnWriteArrayList<>();
    private static final Path TREE_FILE = Path.of("src/test/cpp/writepath/writepath.cc");
    private static final Pattern LOAD = Pattern.compile("load ([0-9.]+) -> ([0-9.]+) \\(1-minute average\\) on (\\d+) core");

    @Gate(inconclusive = Gate.Inconclusive.WARN, maxLooks = 1)
    @EvolveBlock(root = "src/test/cpp/writepath", file = "writepath.cc")
    @Build(value = "g++ -std=c++17 -O2 -pthread writepath.cc -o writebench", timeoutSeconds = 180)
    @Verify(value = "./writebench --verify --num=20000 --threads=4 --db=$AIOPT_SCRATCH/verify", timeoutSeconds = 120)
    @Bench(value = "fillrandom", command = "./writebench --benchmarks=fillrandom --db=$AIOPT_SCRATCH/db",
            args = "--num=5000 --threads=4 --histogram=1", timeoutSeconds = 120)
    static class OneLook {
        @Test
        void gate(GateRun gate) {
            VERDICTS.add(GateVerdicts.of(gate));
        }
    }

    @Gate(inconclusive = Gate.Inconclusive.WARN, maxLooks = 3)
    @EvolveBlock(root = "src/test/cpp/writepath", file = "writepath.cc")
    @Build(value = "g++ -std=c++17 -O2 -pthread writepath.cc -o writebench", timeoutSeconds = 180)
    @Verify(value = "./writebench --verify --num=20000 --threads=4 --db=$AIOPT_SCRATCH/verify", timeoutSeconds = 120)
    @Bench(value = "fillrandom", command = "./writebench --benchmarks=fillrandom --db=$AIOPT_SCRATCH/db",
            args = "--num=5000 --threads=4 --histogram=1", timeoutSeconds = 120)
    static class ThreeLooks {
        @Test
        void gate(GateRun gate) {
            VERDICTS.add(GateVerdicts.of(gate));
        }
    }

    @Test
    void campaign() throws IOException {
        int n = Integer.getInteger("gateCampaign.n", 3);
        int powerN = Integer.getInteger("gateCampaign.powerN", n);
        double[] effects = Arrays.stream(System.getProperty("gateCampaign.effects", "0.03,0.05,0.10").split(","))
                .map(String::strip).mapToDouble(Double::parseDouble).toArray();
        int looks = Integer.getInteger("gateCampaign.looks", 1);
        int aaLooks = Integer.getInteger("gateCampaign.aaLooks", looks);
        int simTrials = Integer.getInteger("gateCampaign.simTrials", 400);
        Class<?> gate = looks == 1 ? OneLook.class : ThreeLooks.class;
        Class<?> aaGate = aaLooks == 1 ? OneLook.class : ThreeLooks.class;
        Path out = Path.of("target/gate-campaign").toAbsolutePath();
        Files.createDirectories(out);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf(Locale.ROOT, "Gate campaign: %d A/A gate runs at %d look(s), %d a slowed cell at %d look(s),"
                + " effects %s; load before: %s; %d CPUs%n", n, aaLooks, powerN, looks, Arrays.toString(effects), loadBefore,
                Runtime.getRuntime().availableProcessors());

        // The slowed cells first: each line is printed as it lands, so a campaign cut short still has its power figures.
        List<List<GateVerdict>> power = new ArrayList<>();
        for (double effect : effects) {
            Path slice = out.resolve(String.format(Locale.ROOT, "spin-%.0f.cc", effect * 100));
            Files.writeString(slice, spinSlice(Files.readString(TREE_FILE, StandardCharsets.UTF_8), effect));
            power.add(runGates(gate, powerN, slice, out.resolve(slice.getFileName().toString().replace(".cc", ""))));
        }
        List<GateVerdict> aa = runGates(aaGate, n, null, out.resolve("aa"));

        GateSettings lastLook = aa.get(0).settings();
        GateSettings settings = new GateSettings(lastLook.minThroughputRatio(), lastLook.maxP99Ratio(),
                aa.get(0).looks().overallConfidence(), lastLook.repeats(), lastLook.bootstrapResamples(), lastLook.seed());
        CampaignFigures.Noise noise = CampaignFigures.Noise.of(aa);
        System.out.printf(Locale.ROOT, "%nNoise measured in the A/A gates: %s%n", noise.describe());
        System.out.printf(Locale.ROOT, "Simulated: the same gates (A/A %d look(s), slowed %d look(s), %d runs a side a look,"
                        + " limits %.2f / %.2f, confidence %.2f), paired on interleaved runs, under this drift model (a state a pair"
                        + " shares, AR(1) over the pairs, plus per-run noise), %d trials a cell.%n",
                aaLooks, looks, settings.repeats(), settings.minThroughputRatio(), settings.maxP99Ratio(),
                settings.confidence(), simTrials);
        System.out.printf(Locale.ROOT, "%-10s %-32s %-32s %-14s %-22s %s%n", "cell", "live: gate FAILED (95% CI)",
                "simulated: gate FAILED (95% CI)", "inconclusive", "median ops / p99 ratio", "load during");
        int repeats = settings.repeats();
        row("A/A", aa, CampaignFigures.simulatedFailures(noise, settings, repeats * aaLooks, 1, 1, simTrials, 11), simTrials);
        for (int i = 0; i < effects.length; i++) {
            double slowdown = 1 + effects[i];
            int simulated = CampaignFigures.simulatedFailures(noise, settings, repeats * looks, 1 / slowdown, slowdown,
                    simTrials, 12 + i);
            row(String.format(Locale.ROOT, "spin+%.0f%%", effects[i] * 100), power.get(i), simulated, simTrials);
        }
        System.out.printf(Locale.ROOT, "load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        assertThat(aa).hasSize(n);
    }

    private static List<GateVerdict> runGates(Class<?> gate, int n, Path candidateSlice, Path dir) {
        List<GateVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            VERDICTS.clear();
            var request = EngineTestKit.engine("junit-jupiter").selectors(selectClass(gate))
                    .configurationParameter("aiopt.outputDir", dir.resolve("run-" + (i + 1)).toString());
            if (candidateSlice != null) {
                request.configurationParameter("aiopt.gate.candidateSlice", candidateSlice.toString());
            }
            Events events = request.execute().allEvents();
            if (VERDICTS.isEmpty()) {
                String why = events.stream().map(e -> e.getPayload().map(Object::toString).orElse(""))
                        .filter(text -> !text.isEmpty()).collect(Collectors.joining("; "));
                throw new AssertionError(dir.getFileName() + " " + (i + 1) + ": the gate gave no verdict: " + why,
                        events.failed().stream().findFirst()
                                .flatMap(e -> e.getPayload(TestExecutionResult.class))
                                .flatMap(TestExecutionResult::getThrowable).orElse(null));
            }
            GateVerdict verdict = VERDICTS.get(0);
            verdicts.add(verdict);
            System.out.printf(Locale.ROOT, "  %s %d/%d: %s, throughput x%.3f, p99 x%.3f, could detect %s / %s, %s%n",
                    dir.getFileName(), i + 1, n, verdict.outcome(), verdict.throughput().ratio(), verdict.p99().ratio(),
                    verdict.throughputDetectable().change(), verdict.p99Detectable().change(), load(verdict));
        }
        return verdicts;
    }

    private static void row(String cell, List<GateVerdict> verdicts, int simulatedFails, int simTrials) {
        int fails = (int) verdicts.stream().filter(v -> !v.passed()).count();
        int inconclusive = (int) verdicts.stream().filter(GateVerdict::inconclusive).count();
        double ops = median(verdicts.stream().mapToDouble(v -> v.throughput().ratio()).toArray());
        double p99 = median(verdicts.stream().mapToDouble(v -> v.p99().ratio()).toArray());
        String loads = String.join(" ", verdicts.stream().map(GateCampaign::load).toList());
        System.out.printf(Locale.ROOT, "%-10s %-32s %-32s %-14s %-22s %s%n", cell, CampaignFigures.rate(fails, verdicts.size()),
                CampaignFigures.rate(simulatedFails, simTrials), inconclusive + "/" + verdicts.size(),
                String.format(Locale.ROOT, "x%.3f / x%.3f", ops, p99), loads);
    }

    private static String load(GateVerdict verdict) {
        Matcher m = LOAD.matcher(verdict.message());
        return m.find() ? "load " + m.group(1) + "->" + m.group(2) + "/" + m.group(3) : "load ?";
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The tree's {@code DB::Write} slice with a calibrated spin: right after the lock is taken, a guard whose
     * destructor (run before the lock's, so still inside it) busy-waits for {@code fraction} of the time the
     * critical section took. The lock serializes the writers, so throughput drops by about
     * {@code fraction / (1 + fraction)} whatever the machine's speed.
     */
    static String spinSlice(String treeSource, double fraction) {
        int start = treeSource.indexOf("// EVOLVE-BLOCK-START\n");
        int end = treeSource.indexOf("// EVOLVE-BLOCK-END");
        if (start < 0 || end < start) {
            throw new IllegalStateException(TREE_FILE + " has no EVOLVE-BLOCK markers around DB::Write");
        }
        String slice = treeSource.substring(start + "// EVOLVE-BLOCK-START\n".length(), end);
        String spin = String.format(Locale.ROOT, """
                  struct CampaignSpin {  // gate power campaign: every write takes %s times as long
                    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
                    ~CampaignSpin() {
                      const auto own = std::chrono::steady_clock::now() - start;
                      const auto until = start + own
                          + std::chrono::duration_cast<std::chrono::steady_clock::duration>(own * %s);
                      while (std::chrono::steady_clock::now() < until) {
                      }
                    }
                  } campaign_spin;
                """, 1 + fraction, fraction);
        int lock = slice.indexOf("lock_guard");
        int brace = slice.indexOf("{\n");
        int at = lock >= 0 ? slice.indexOf('\n', lock) + 1 : brace + 2;
        if (at <= 0) {
            throw new IllegalStateException("cannot find where DB::Write's body starts in " + TREE_FILE);
        }
        return slice.substring(0, at) + spin + slice.substring(at);
    }
}
