package dev.aiopt.junit.internal.evolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The free-space check before each build: the run directory's file system must have room for
 * {@code aiopt.disk.minFreeKits} kits of the largest size the run has built, per candidate evaluated at once (and
 * at least {@link DiskSettings#FLOOR_BYTES}). Too little stops the run as an {@link InfrastructureFault} before
 * the candidate starts: what landed is in the journal, and the run resumes once there is room.
 */
final class FreeSpace {
    private final ExperimentPlan plan;
    private final Kits kits;

    FreeSpace(ExperimentPlan plan, Kits kits) {
        this.plan = plan;
        this.kits = kits;
    }

    /**
     * @throws InfrastructureFault when there is less free space than needed; the message names the directory,
     *     both figures and the way out
     */
    void requireBeforeBuilding(String program) {
        Path dir = plan.run().directory();
        long largest = kits.largestKitBytes();
        long needed = Math.max(DiskSettings.FLOOR_BYTES,
                plan.run().disk().minFreeKits() * largest * plan.search().parallelism());
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new InfrastructureFault("cannot read the free space of " + dir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        if (free >= needed) {
            return;
        }
        throw new InfrastructureFault(String.format(Locale.ROOT, "infrastructure fault: not enough disk to build %s:"
                + " the file system of %s has %s free, %s needed (aiopt.disk.minFreeKits=%d x largest kit %s x"
                + " parallelism %d, at least %s). Nothing measured is lost. Free space, e.g. delete old runs under"
                + " %s (or start runs with -Daiopt.prune.keepRuns=N, which deletes all but the newest N), then"
                + " continue this run with -Daiopt.resume=%s", program, dir.toAbsolutePath(), size(free),
                size(needed), plan.run().disk().minFreeKits(), size(largest), plan.search().parallelism(),
                size(DiskSettings.FLOOR_BYTES), dir.toAbsolutePath().getParent(), dir.toAbsolutePath()), null);
    }

    static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB (%d bytes)", bytes / 1e6, bytes);
    }
}
