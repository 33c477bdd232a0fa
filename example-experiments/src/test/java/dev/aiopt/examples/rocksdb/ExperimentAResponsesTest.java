package dev.aiopt.examples.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.diff.DiffException;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code rocksdb/offline-responses.jsonl}, ExperimentA's offline answers: every parent they key answers enough
 * requests for four generations of three candidates, each with a re-ask; and, given a RocksDB tree
 * ({@code AI_OPT_ROCKSDB_PATH}), the keys derive from its {@code DBImpl::WriteImpl} as the loop derives them:
 * the baseline slice is the first parent and every other keyed parent is a program the answers produce.
 */
class ExperimentAResponsesTest {
    private static final Path RESPONSES = Path.of("src/test/resources/rocksdb/offline-responses.jsonl");
    private static final int REQUESTS = 12;

    private static List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(RESPONSES, StandardCharsets.UTF_8)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void everyParentAnswersFourGenerationsOfThreeCandidatesAndTheirReasks() throws Exception {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (JsonNode line : lines()) {
            keys.computeIfAbsent(line.at("/key/parent").asText(), k -> new TreeSet<>())
                    .add(line.at("/key/ordinal").asInt() + "/" + line.at("/key/reask").asInt(0));
            assertThat(line.at("/response/content").asText()).contains("<<<<<<< SEARCH");
        }
        Set<String> expected = new TreeSet<>();
        for (int ordinal = 0; ordinal < REQUESTS; ordinal++) {
            expected.add(ordinal + "/0");
            expected.add(ordinal + "/1");
        }
        assertThat(keys).hasSize(8).containsKey("74d735f86aa6107c749a1f185610f08fec8a850d81c379d7753d7ad1118fee9e");
        assertThat(keys.values()).allSatisfy(k -> assertThat(k).isEqualTo(expected));
    }

    @Test
    void theKeysDeriveFromThePreparedTreesWriteImpl() throws Exception {
        String tree = System.getenv("AI_OPT_ROCKSDB_PATH");
        Assumptions.assumeThat(tree).as("AI_OPT_ROCKSDB_PATH names a RocksDB tree").isNotBlank();
        String file = Files.readString(Path.of(tree, "db/db_impl/db_impl_write.cc"), StandardCharsets.UTF_8);
        String baseline = SliceLocator.locate("db/db_impl/db_impl_write.cc", file,
                new SliceSpec(null, "DBImpl::WriteImpl")).text();
        Map<String, String> known = new HashMap<>(Map.of(Program.sha256(baseline), baseline));
        List<JsonNode> lines = lines();
        Set<Integer> answered = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < lines.size(); i++) {
                String parent = known.get(lines.get(i).at("/key/parent").asText());
                if (parent == null || !answered.add(i)) {
                    continue;
                }
                progress = true;
                try {
                    String child = DiffApplier.edit(parent, lines.get(i).at("/response/content").asText()).text();
                    known.putIfAbsent(Program.sha256(child), child);
                    outcomes.merge(child.equals(parent) ? "changes nothing" : "applies", 1, Integer::sum);
                } catch (DiffException e) {
                    outcomes.merge("does not apply", 1, Integer::sum);
                }
            }
        }
        assertThat(answered).as("lines whose parent the baseline or an answer produces").hasSize(lines.size());
        assertThat(outcomes).containsOnlyKeys("applies", "changes nothing", "does not apply");
    }
}
