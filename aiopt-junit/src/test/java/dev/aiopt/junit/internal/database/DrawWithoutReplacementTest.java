package dev.aiopt.junit.internal.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiopt.junit.internal.database.ProgramDatabase.Status;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ProgramDatabase#sampleParent(int, Set)}: the draw of a generation's later slot, which repeats code an
 * earlier slot got only when its island holds nothing else, and is the plain draw when nothing was drawn yet.
 */
class DrawWithoutReplacementTest {

    private static ProgramDatabase withChildren(long seed, int children) {
        ProgramDatabase database = Workload.started(DatabaseConfig.defaults(seed).withIslands(1));
        Program init = database.population(0).get(0);
        for (int i = 1; i <= children; i++) {
            database.add(Program.of("c" + i, init.id(), 1, 0, init.code() + "c" + i + "();\n",
                    Map.of("ops_per_sec", 1000.0 + i), 1.0 + 0.1 * i), Status.SUCCEEDED);
        }
        return database;
    }

    @Test
    void withNothingDrawnYetItIsThePlainDrawAndConsumesTheSameRandomNumbers() {
        ProgramDatabase plain = withChildren(7, 3);
        ProgramDatabase restricted = withChildren(7, 3);

        for (int i = 0; i < 500; i++) {
            assertThat(restricted.sampleParent(0, Set.of())).isEqualTo(plain.sampleParent(0));
        }
    }

    @Test
    void codeAlreadyDrawnIsNotDrawnAgainWhileTheIslandHoldsOther() {
        ProgramDatabase database = withChildren(11, 2);
        String initSha = database.get("init").orElseThrow().codeSha256();
        Set<String> drawn = Set.of(initSha, database.get("c1").orElseThrow().codeSha256());
        Map<String, Integer> picks = new HashMap<>();

        for (int i = 0; i < 2000; i++) {
            picks.merge(database.sampleParent(0, Set.of(initSha)).program().id(), 1, Integer::sum);
            assertThat(database.sampleParent(0, drawn).program().id()).isEqualTo("c2");
        }

        assertThat(picks).containsOnlyKeys("c1", "c2");
        assertThat(database.holdsOtherCode(0, drawn)).isTrue();
    }

    @Test
    void whenTheIslandHoldsNothingElseARepeatIsAllThereIs() {
        ProgramDatabase database = withChildren(3, 1);
        Set<String> all = new HashSet<>();
        database.population(0).forEach(p -> all.add(p.codeSha256()));

        assertThat(database.holdsOtherCode(0, all)).isFalse();
        assertThat(List.of("init", "c1")).contains(database.sampleParent(0, all).program().id());
    }
}
