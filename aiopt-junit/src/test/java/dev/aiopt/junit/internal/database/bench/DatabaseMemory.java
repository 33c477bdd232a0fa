package dev.aiopt.junit.internal.database.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap held by a database of 10,000 programs of ~600-line slices, measured after the garbage collector settled,
 * and the size of its JSON snapshot. Run it with {@code scripts/jmh-database.sh}.
 */
public final class DatabaseMemory {
    private DatabaseMemory() {
    }

    public static void main(String[] args) throws Exception {
        int programs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String slice = SyntheticRun.initialSlice();
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(slice.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[slice.length()];
        System.out.printf("slice: %d lines, %d chars, deflates %.1fx%n", slice.lines().count(), slice.length(),
                (double) slice.length() / deflater.deflate(buffer));
        for (int populationLimit : new int[] {1000, 10_000}) {
            long before = settledHeap();
            SyntheticRun run = new SyntheticRun(DatabaseConfig.defaults(42).withPopulation(populationLimit, 100), 7);
            run.fillTo(programs);
            long after = settledHeap();
            long codeChars = 0;
            for (var stored : run.database.snapshot().programs()) {
                codeChars += stored.program().code().length();
            }
            java.util.Set<String> liveCode = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (int island = 0; island < run.database.config().islands(); island++) {
                run.database.population(island).forEach(p -> liveCode.add(p.code()));
            }
            long liveChars = liveCode.stream().mapToLong(String::length).sum();
            long jsonBytes = new ObjectMapper().writeValueAsBytes(run.database.snapshot()).length;
            System.out.printf("populationLimit %5d: %d programs (%d in population), heap %.1f MiB (%.1f KiB per program),"
                            + " code %.1f MiB of chars (%.1f MiB in distinct live strings), snapshot JSON %.1f MiB%n",
                    populationLimit, run.database.size(), run.database.populationSize(), (after - before) / 1048576.0,
                    (after - before) / 1024.0 / run.database.size(), codeChars / 1048576.0, liveChars / 1048576.0,
                    jsonBytes / 1048576.0);
        }
    }

    private static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(now - used) < 64 * 1024) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
