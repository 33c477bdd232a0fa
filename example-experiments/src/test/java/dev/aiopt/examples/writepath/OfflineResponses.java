package dev.aiopt.examples.writepath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.database.Program;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code offline-responses.jsonl}, the recorded model answers the embedded experiment replays when no
 * model is configured. Every answer is a SEARCH/REPLACE reply that turns a parent version of {@code DB::Write}
 * (files in {@code versions/}) into a target version: real improvements (encoding outside the log lock,
 * group commit, group commit with parallel memtable inserts), and the failures evolution must survive (a reply
 * that does not apply, one that does not compile, one that loses acknowledged writes, one that regresses, one
 * that changes nothing). Keys are the record/replay keys: the parent slice's SHA-256 and the request ordinal.
 *
 * <p>Run {@code main} (or the test {@code OfflineResponsesTest}, which says how) after changing a version.
 */
public final class OfflineResponses {
    static final Path VERSIONS = Path.of("src/test/resources/writepath/versions");
    static final Path OUTPUT = Path.of("src/test/resources/writepath/offline-responses.jsonl");
    /** Requests per candidate in the embedded experiment ({@code @Experiment(maxAttempts)}): slot k uses ordinals 2k, 2k+1. */
    static final int ATTEMPTS = 2;
    private static final String NO_MATCH = "no-match";
    private static final String SAME = "same";

    private static final Map<String, String> WHY = Map.of(
            "v1-encode-outside-lock", "Encoding and checksumming a batch does not need the sequence number: do it before"
                    + " taking the log lock, and insert into the memtable (which has its own lock) after releasing it.",
            "v2-group-commit", "Group commit: writers queue, the first one leads and writes every queued record with a"
                    + " single write(2), then wakes the others. Fewer system calls and less lock hand-over.",
            "v3-group-commit-parallel-insert", "Group commit, and each writer inserts its own batch into the memtable"
                    + " after the leader logged it, so memtable inserts run in parallel.",
            "bad-does-not-compile", "Use the batch size directly when advancing the sequence.",
            "bad-loses-writes", "Coalesce log appends into 64 KiB chunks to save write(2) calls.",
            "bad-regresses", "Make the log more durable by syncing it regularly.",
            "v1-regresses", "Make the log more durable by syncing it regularly.",
            "v3-regresses", "Make the log more durable by syncing it regularly.");

    // Per parent version, the candidates' answers in request order: {first answer, answer to the re-ask}.
    private static final Map<String, List<String[]>> PLAN = new LinkedHashMap<>();

    static {
        PLAN.put("v0-baseline", List.of(
                new String[] {NO_MATCH, "bad-does-not-compile"},
                new String[] {"bad-loses-writes"},
                new String[] {"v1-encode-outside-lock"},
                new String[] {"v2-group-commit"},
                new String[] {"bad-regresses"},
                new String[] {SAME},
                new String[] {"v3-group-commit-parallel-insert"},
                new String[] {"v1-encode-outside-lock"}));
        PLAN.put("v1-encode-outside-lock", List.of(
                new String[] {"v3-group-commit-parallel-insert"},
                new String[] {"v1-regresses"},
                new String[] {SAME},
                new String[] {"v2-group-commit"},
                new String[] {"v3-group-commit-parallel-insert"},
                new String[] {SAME}));
        PLAN.put("v2-group-commit", List.of(
                new String[] {"v3-group-commit-parallel-insert"},
                new String[] {SAME},
                new String[] {"v3-group-commit-parallel-insert"},
                new String[] {SAME}));
        PLAN.put("v3-group-commit-parallel-insert", List.of(
                new String[] {"v3-regresses"},
                new String[] {SAME},
                new String[] {SAME},
                new String[] {"v3-regresses"}));
    }

    private OfflineResponses() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(OUTPUT, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + OUTPUT.toAbsolutePath());
    }

    static String generate() throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String[]>> entry : PLAN.entrySet()) {
            String parent = version(entry.getKey());
            String parentSha = Program.sha256(parent);
            List<String[]> slots = entry.getValue();
            for (int slot = 0; slot < slots.size(); slot++) {
                String[] answers = slots.get(slot);
                for (int attempt = 0; attempt < answers.length; attempt++) {
                    ObjectNode line = json.createObjectNode();
                    line.putObject("key").put("parent", parentSha).put("ordinal", slot * ATTEMPTS + attempt);
                    line.putObject("response").put("content", reply(entry.getKey(), parent, answers[attempt]))
                            .put("model", "offline-replay");
                    line.put("note", entry.getKey() + " -> " + answers[attempt]);
                    out.append(json.writeValueAsString(line)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String reply(String parentName, String parent, String target) throws IOException {
        if (target.equals(NO_MATCH)) {
            // Quotes a line that is not in the slice (the guard is named 'guard', not 'lock').
            return "Shorten the critical section.\n\n<<<<<<< SEARCH\n  std::lock_guard<std::mutex> lock(mu_);\n"
                    + "=======\n  std::unique_lock<std::mutex> lock(mu_);\n>>>>>>> REPLACE\n";
        }
        if (target.equals(SAME)) {
            String line = parent.lines().filter(l -> l.contains("AppendToLog")).findFirst().orElseThrow();
            return "The log append is already optimal; keep it.\n\n<<<<<<< SEARCH\n" + line + "\n=======\n" + line
                    + "\n>>>>>>> REPLACE\n";
        }
        String goal = version(target);
        String content = WHY.get(target) + "\n\n" + blocks(parent, goal);
        String applied = DiffApplier.apply(parent, content);
        if (!applied.equals(goal)) {
            throw new IllegalStateException("reply " + parentName + " -> " + target + " does not reproduce the target");
        }
        return content;
    }

    // One block per changed region, each widened with context lines until its SEARCH text is unique; regions
    // whose context would overlap become one block.
    static String blocks(String parent, String target) {
        List<String> a = parent.lines().toList();
        List<String> b = target.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        List<int[]> regions = new ArrayList<>();
        List<List<String>> replacements = new ArrayList<>();
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            int end = start + delta.getSource().size();
            while (!unique(parent, a, start, end)) {
                if (start > 0) {
                    start--;
                }
                if (end < a.size()) {
                    end++;
                }
            }
            regions.add(new int[] {start, end, delta.getSource().getPosition(), delta.getTarget().getPosition(),
                    delta.getSource().size(), delta.getTarget().size()});
        }
        List<int[]> merged = new ArrayList<>();
        for (int[] r : regions) {
            if (!merged.isEmpty() && r[0] < merged.get(merged.size() - 1)[1]) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        StringBuilder out = new StringBuilder();
        int offset = 0; // target index minus source index, accumulated over earlier deltas
        int deltaIndex = 0;
        for (int[] m : merged) {
            int targetStart = m[0] + offset;
            while (deltaIndex < regions.size() && regions.get(deltaIndex)[2] < m[1]) {
                offset += regions.get(deltaIndex)[5] - regions.get(deltaIndex)[4];
                deltaIndex++;
            }
            int targetEnd = m[1] + offset;
            replacements.add(b.subList(targetStart, targetEnd));
            out.append("<<<<<<< SEARCH\n");
            a.subList(m[0], m[1]).forEach(l -> out.append(l).append('\n'));
            out.append("=======\n");
            b.subList(targetStart, targetEnd).forEach(l -> out.append(l).append('\n'));
            out.append(">>>>>>> REPLACE\n");
        }
        return out.toString();
    }

    private static boolean unique(String parent, List<String> a, int start, int end) {
        if (end <= start) {
            return false;
        }
        String search = String.join("\n", a.subList(start, end)) + "\n";
        if (search.isBlank()) {
            return false;
        }
        int first = parent.indexOf(search);
        return first >= 0 && parent.indexOf(search, first + 1) < 0;
    }

    static String version(String name) throws IOException {
        return Files.readString(VERSIONS.resolve(name + ".cc"), StandardCharsets.UTF_8);
    }
}
