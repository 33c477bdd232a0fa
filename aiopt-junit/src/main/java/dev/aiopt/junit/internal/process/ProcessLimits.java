package dev.aiopt.junit.internal.process;

/**
 * Resource limits of one command and everything it starts: at most {@code maxProcesses} processes at once
 * (a pids cgroup when this JVM may create one, which binds root too; else {@code RLIMIT_NPROC}, which binds
 * only other users), and no file written larger than {@code maxFileBytes} ({@code RLIMIT_FSIZE}; inside the
 * sandbox no capability remains to raise it).
 *
 * @param maxProcesses at least 8
 * @param maxFileBytes at least 1 MiB
 *
 * <p>Public because it is used by {@code evaluation};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record ProcessLimits(int maxProcesses, long maxFileBytes) {

    public ProcessLimits {
        if (maxProcesses < 8) {
            throw new IllegalArgumentException("aiopt.limit.processes must be at least 8 (a build needs a few), not "
                    + maxProcesses);
        }
        if (maxFileBytes < (1 << 20)) {
            throw new IllegalArgumentException("aiopt.limit.fileBytes must be at least 1 MiB (1048576), not "
                    + maxFileBytes);
        }
    }

    /** 512 processes and 64 GiB per file: generous for builds and RocksDB benchmarks, fatal to a fork bomb. */
    public static ProcessLimits defaults() {
        return new ProcessLimits(512, 64L << 30);
    }
}
