package dev.aiopt.junit.internal.setup;

import dev.aiopt.junit.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/** A {@code taskset -c} CPU list checked against the CPUs this process may run on, before anything is run. */
final class CpuList {
    private CpuList() {
    }

    /**
     * @throws ConfigurationException when the list names a CPU this process may not use, or taskset is missing
     */
    static void requireUsable(String cpus, String source) {
        BitSet wanted = parse(cpus);
        BitSet allowed = allowed();
        BitSet outside = (BitSet) wanted.clone();
        outside.andNot(allowed);
        if (!outside.isEmpty()) {
            throw new ConfigurationException("aiopt.bench.cpus=" + cpus + " (from " + source + ") names CPU(s) "
                    + outside + ", which this process may not run on (allowed: " + allowed + "); pick CPUs among "
                    + "those, or leave the benchmark unpinned");
        }
        if (!onPath("taskset")) {
            throw new ConfigurationException("aiopt.bench.cpus=" + cpus + " (from " + source + ") pins the benchmark"
                    + " with taskset, which is not installed; install util-linux or leave the benchmark unpinned");
        }
    }

    static BitSet parse(String cpus) {
        BitSet out = new BitSet();
        for (String part : cpus.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            if (to < from) {
                throw new ConfigurationException("aiopt.bench.cpus: the range " + part + " runs backwards");
            }
            out.set(from, to + 1);
        }
        return out;
    }

    // Cpus_allowed_list of /proc/self/status, else 0 .. availableProcessors - 1.
    static BitSet allowed() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parse(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        BitSet all = new BitSet();
        all.set(0, Runtime.getRuntime().availableProcessors());
        return all;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
