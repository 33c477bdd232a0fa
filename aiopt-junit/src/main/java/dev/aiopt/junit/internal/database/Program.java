package dev.aiopt.junit.internal.database;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One program of an evolution run: a version of the slice with where it came from and how it scored. Immutable;
 * the metrics are kept sorted by name so that everything derived from a program (prompts, snapshots) is
 * deterministic.
 *
 * @param id unique id chosen by the caller (for example {@code "g3-c1"}); copies made by the database (island
 *     seeds, migrants) get derived ids
 * @param parentId id of the program this one was derived from, {@code null} for the initial program
 * @param generation generation in which the program was created (0 for the initial program)
 * @param island island the program lives on; a child must live on its parent's island
 * @param code the slice text
 * @param codeSha256 {@link #sha256(String)} of {@code code} (checked)
 * @param metrics measured metrics by name, all finite; empty for a program that failed before measuring
 * @param fitness the fitness (higher is better), finite
 * @param copyOf for a copy the database made of another program (an island seed or a migrant) the id of the
 *     original, otherwise {@code null}; copies never migrate again
 *
 * <p>Public because it is used by {@code evolution}, {@code offline}, {@code prompt};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public record Program(
        String id,
        String parentId,
        int generation,
        int island,
        String code,
        String codeSha256,
        Map<String, Double> metrics,
        double fitness,
        String copyOf) {

    public Program {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("program id must not be blank");
        }
        Objects.requireNonNull(code, "code of program " + id);
        Objects.requireNonNull(codeSha256, "codeSha256 of program " + id);
        if (generation < 0) {
            throw new IllegalArgumentException("generation of program " + id + " must be >= 0: " + generation);
        }
        if (island < 0) {
            throw new IllegalArgumentException("island of program " + id + " must be >= 0: " + island);
        }
        if (!codeSha256.equals(sha256(code))) {
            throw new IllegalArgumentException("codeSha256 of program " + id
                    + " is not the SHA-256 of its code; use Program.of(...) to compute it");
        }
        if (!Double.isFinite(fitness)) {
            throw new IllegalArgumentException("fitness of program " + id + " must be finite: " + fitness);
        }
        Objects.requireNonNull(metrics, "metrics of program " + id);
        TreeMap<String, Double> sorted = new TreeMap<>();
        metrics.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric '" + name + "' of program " + id + " is " + value
                        + "; leave a metric out instead of passing a non-finite value");
            }
            sorted.put(name, value);
        });
        metrics = Collections.unmodifiableMap(sorted);
    }

    /** A program as the loop creates it: computes the code hash; not a copy. */
    public static Program of(String id, String parentId, int generation, int island, String code,
            Map<String, Double> metrics, double fitness) {
        return new Program(id, parentId, generation, island, code, sha256(code), metrics, fitness, null);
    }

    /**
     * Lowercase hex SHA-256 of the UTF-8 bytes of {@code text} with CRLF line ends read as LF; the hash used for
     * deduplication.
     */
    public static String sha256(String text) {
        // the loop hashes a candidate for the dedupe check and then builds its Program from the same string:
        // remember the last one per thread so that a 25 KB slice is hashed once, not three times
        Hashed last = LAST_HASHED.get();
        if (last != null && last.text() == text) {
            return last.sha256();
        }
        String hash = computeSha256(text);
        LAST_HASHED.set(new Hashed(text, hash));
        return hash;
    }

    private record Hashed(String text, String sha256) {
    }

    private static final ThreadLocal<Hashed> LAST_HASHED = new ThreadLocal<>();

    private static String computeSha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Whether the database made this program as a copy of another (island seed or migrant). */
    @JsonIgnore
    public boolean isCopy() {
        return copyOf != null;
    }

    Program copyTo(String copyId, int targetIsland) {
        return new Program(copyId, parentId, generation, targetIsland, code, codeSha256, metrics, fitness, id);
    }

    @Override
    public String toString() {
        return "Program[" + id + ", island " + island + ", generation " + generation + ", fitness " + fitness
                + (copyOf == null ? "" : ", copy of " + copyOf) + "]";
    }
}
