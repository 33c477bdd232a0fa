package dev.aiopt.junit.internal.evolution;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a run keeps its disk use bounded, resolved once from configuration.
 *
 * @param keepKits which programs keep their benchmark kit ({@code aiopt.keepKits})
 * @param minFreeKits free space the run directory's file system must have before each build, in kits of the
 *     largest size this run has built, per candidate evaluated at once ({@code aiopt.disk.minFreeKits})
 * @param keepRuns when a run starts, older run directories of its experiment and track beyond the newest this
 *     many are deleted ({@code aiopt.prune.keepRuns}); empty: none are
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record DiskSettings(KeepKits keepKits, int minFreeKits, OptionalInt keepRuns) {
    /** Before the first kit exists (the baseline's build), this much must be free whatever the kit size. */
    static final long FLOOR_BYTES = 64L << 20;

    /** Which programs keep their kit (their copy of the benchmark binaries). */
    public enum KeepKits {
        /** Every measured program: for debugging; disk grows with every candidate. */
        ALL,
        /** Only the programs that can still be a reference: the rest are rebuilt from their slice if needed. */
        REFERENCES;

        /** {@code all} or {@code references}, any case. */
        public static KeepKits parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "references" -> REFERENCES;
                default -> throw new IllegalArgumentException("aiopt.keepKits must be references or all, got '"
                        + text + "'");
            };
        }
    }

    public DiskSettings {
        Objects.requireNonNull(keepKits, "keepKits");
        Objects.requireNonNull(keepRuns, "keepRuns");
        SearchSettings.requireAtLeast("aiopt.disk.minFreeKits", minFreeKits, 0);
        if (keepRuns.isPresent()) {
            SearchSettings.requireAtLeast("aiopt.prune.keepRuns", keepRuns.getAsInt(), 1);
        }
    }

    /** The defaults: kits of references only, room for 4 kits per build, no run pruned. */
    public static DiskSettings defaults() {
        return new DiskSettings(KeepKits.REFERENCES, 4, OptionalInt.empty());
    }
}
