package dev.aiopt.junit.internal.gate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How busy the machine was over one gate run: the 1-minute load average at the start and the end, the CPUs
 * this JVM may use, the CPU frequency governor, and the share of CPU time stolen by the hypervisor between the
 * two {@code /proc/stat} readings. A benchmark on a machine loaded beyond its cores measures the neighbours as
 * much as the code, so the gate says so, or in strict mode refuses to judge. Linux files are read where they
 * exist; elsewhere the load comes from the JVM and steal and governor are unknown.
 *
 * @param loadAtStart 1-minute load average when the gate started
 * @param loadAtEnd 1-minute load average when the gate finished measuring
 * @param cores CPUs available to this JVM
 * @param governor the frequency governor of cpu0, or {@code "unknown"} when there is no cpufreq
 * @param stealFraction share of all CPU time stolen between the readings, NaN when unknown
 * @param maxLoadPerCore busy above this load per core ({@code aiopt.gate.maxLoadPerCore}; 1.0: load above the cores)
 */
record MachineState(double loadAtStart, double loadAtEnd, int cores, String governor, double stealFraction,
        double maxLoadPerCore) {
    /** Busy when the hypervisor stole more than this share of CPU time. */
    static final double MAX_STEAL = 0.10;

    MachineState {
        if (cores < 1 || governor == null) {
            throw new IllegalArgumentException("a machine state needs at least one core and a governor name");
        }
    }

    /** The machine between two readings. */
    static MachineState between(Snapshot start, Snapshot end, double maxLoadPerCore) {
        double steal = Double.NaN;
        if (start.totalTicks() > 0 && end.totalTicks() > start.totalTicks()) {
            steal = (double) (end.stealTicks() - start.stealTicks()) / (end.totalTicks() - start.totalTicks());
        }
        return new MachineState(start.load(), end.load(), end.cores(), end.governor(), steal, maxLoadPerCore);
    }

    /** The higher of the two load readings. */
    double load() {
        return Math.max(loadAtStart, loadAtEnd);
    }

    /** True when the load exceeded {@code cores * maxLoadPerCore} or the steal exceeded {@value #MAX_STEAL}. */
    boolean busy() {
        return load() > cores * maxLoadPerCore || stealFraction > MAX_STEAL;
    }

    /** Why the machine counts as busy, e.g. {@code the machine was busy: load 3.2 on 2 cores}. */
    String busyReason() {
        StringBuilder reason = new StringBuilder("the machine was busy:");
        if (load() > cores * maxLoadPerCore) {
            reason.append(String.format(Locale.ROOT, " load %.1f on %d core%s", load(), cores, cores == 1 ? "" : "s"));
        }
        if (stealFraction > MAX_STEAL) {
            reason.append(String.format(Locale.ROOT, "%s %.0f%% of CPU time stolen by the hypervisor",
                    reason.toString().endsWith(":") ? "" : ",", stealFraction * 100));
        }
        return reason.toString();
    }

    /** E.g. {@code load 1.10 -> 3.20 (1-minute average) on 2 cores, steal 0.4%, governor unknown}. */
    String describe() {
        String steal = Double.isNaN(stealFraction) ? "steal unknown"
                : String.format(Locale.ROOT, "steal %.1f%%", stealFraction * 100);
        return String.format(Locale.ROOT, "load %.2f -> %.2f (1-minute average) on %d core%s, %s, governor %s",
                loadAtStart, loadAtEnd, cores, cores == 1 ? "" : "s", steal, governor);
    }

    /**
     * One reading of the machine.
     *
     * @param load 1-minute load average
     * @param cores CPUs available to this JVM
     * @param governor frequency governor, or "unknown"
     * @param stealTicks steal time from the {@code cpu} line of {@code /proc/stat}, 0 when unknown
     * @param totalTicks all time on that line, 0 when unknown
     */
    record Snapshot(double load, int cores, String governor, long stealTicks, long totalTicks) {

        /** Reads this machine now. */
        static Snapshot now() {
            Optional<String> loadavg = read(Path.of("/proc/loadavg"));
            Optional<String> stat = read(Path.of("/proc/stat"));
            Optional<String> governor = read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
            double load = loadavg.map(Snapshot::parseLoad)
                    .orElseGet(() -> ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return of(load, Runtime.getRuntime().availableProcessors(), governor.map(String::strip).orElse("unknown"),
                    stat.orElse(""));
        }

        /** A reading from the text of {@code /proc/stat} (its first {@code cpu} line is used). */
        static Snapshot of(double load, int cores, String governor, String procStat) {
            String cpu = procStat.lines().filter(line -> line.startsWith("cpu ")).findFirst().orElse("");
            String[] fields = cpu.strip().split("\\s+");
            long total = 0;
            long steal = 0;
            // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long ticks = parseTicks(fields[i]);
                total += ticks;
                if (i == 8) {
                    steal = ticks;
                }
            }
            return new Snapshot(load, cores, governor, steal, total);
        }

        static double parseLoad(String loadavg) {
            try {
                return Double.parseDouble(loadavg.strip().split("\\s+")[0]);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static long parseTicks(String field) {
            try {
                return Long.parseLong(field);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static Optional<String> read(Path path) {
            try {
                return Files.isReadable(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8))
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
