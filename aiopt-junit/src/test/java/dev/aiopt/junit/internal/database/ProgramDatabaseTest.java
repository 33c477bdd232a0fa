package dev.aiopt.junit.internal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.database.ProgramDatabase.ParentChoice;
import dev.aiopt.junit.internal.database.ProgramDatabase.Selection;
import dev.aiopt.junit.internal.database.ProgramDatabase.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class ProgramDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // fixed seeds make these deterministic; the bound is loose enough that a correct sampler passes for almost
    // every seed, and tight enough that a wrong ratio or distribution (a few per cent off at 10,000 draws) fails
    private static final double P_VALUE_FLOOR = 1e-4;

    private static Program child(String id, Program parent, double fitness, String extraLine) {
        return Program.of(id, parent.id(), parent.generation() + 1, parent.island(), parent.code() + extraLine + "\n",
                Map.of("ops_per_sec", fitness * 1000), fitness);
    }

    @Test
    void childrenParentsAndInspirationsStayOnTheirIsland() {
        DatabaseConfig config = DatabaseConfig.defaults(11).withIslands(4).withPopulation(60, 8).withMigration(3, 0.2);
        ProgramDatabase database = Workload.started(config);
        SplittableRandom measurements = new SplittableRandom(5);
        int migrants = 0;
        for (int step = 0; step < 1500; step++) {
            int generation = step / 8 + 1;
            if (step % 8 == 0) {
                migrants += database.migrateIfDue(generation).size();
            }
            int island = measurements.nextInt(4);
            Program parent = database.sampleParent(island).program();
            assertThat(parent.island()).as("parent sampled from island %d", island).isEqualTo(island);
            assertThat(database.population(island)).contains(parent);
            assertThat(database.inspirations(parent, 4)).allSatisfy(p -> {
                assertThat(p.island()).isEqualTo(island);
                assertThat(p.codeSha256()).isNotEqualTo(parent.codeSha256());
            });
            assertThat(database.topPrograms(island, 3)).allSatisfy(p -> assertThat(p.island()).isEqualTo(island));
            Program child = child("c" + step, parent, measurements.nextDouble(0, 10), "x" + step + ";");
            database.add(child, measurements.nextInt(5) == 0 ? Status.FAILED : Status.SUCCEEDED);
            for (int i = 0; i < 4; i++) {
                int expected = i;
                assertThat(database.population(i)).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.island()).isEqualTo(expected));
                assertThat(database.grid(i).values()).allSatisfy(p -> assertThat(p.island()).isEqualTo(expected));
                assertThat(database.archive(i)).allSatisfy(p -> assertThat(p.island()).isEqualTo(expected));
            }
        }
        assertThat(migrants).as("migration happened, so isolation held with migrants around").isPositive();
    }

    @Test
    void aChildOnAnotherIslandThanItsParentIsRefused() {
        ProgramDatabase database = Workload.started(DatabaseConfig.defaults(1).withIslands(3));
        Program seedOfIsland2 = database.population(2).get(0);
        Program wrong = Program.of("c1", seedOfIsland2.id(), 1, 1, "other();\n", Map.of(), 1.0);

        assertThatThrownBy(() -> database.add(wrong, Status.SUCCEEDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("program c1 is on island 1 but its parent init@i2 is on island 2; a child must land on its parent's island");
        assertThatThrownBy(() -> database.add(wrong, Status.FAILED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(database.get("c1")).isEmpty();
    }

    @Test
    void initialProgramSeedsEveryIslandAndCannotBeAddedTwice() {
        ProgramDatabase database = Workload.started(DatabaseConfig.defaults(1).withIslands(3));

        assertThat(database.population(0)).extracting(Program::id).containsExactly("init");
        assertThat(database.population(1)).extracting(Program::id, Program::copyOf).containsExactly(
                org.assertj.core.groups.Tuple.tuple("init@i1", "init"));
        assertThat(database.population(2)).extracting(Program::id).containsExactly("init@i2");
        assertThat(database.duplicateOf(Workload.initial().codeSha256())).map(Program::id).contains("init");
        assertThatThrownBy(() -> database.addInitial(Workload.initial()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds 3 programs")
                .hasMessageContaining("a restored one already has the initial program");
        ProgramDatabase restored = ProgramDatabase.restore(database.snapshot());
        assertThatThrownBy(() -> restored.addInitial(Workload.initial())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void migrationSendsTheTopShareAroundTheRingEveryNGenerations() {
        ProgramDatabase database = Workload.started(
                DatabaseConfig.defaults(3).withIslands(3).withPopulation(100, 10).withMigration(2, 0.5));
        Program init = database.population(0).get(0);
        Program a2 = child("a2", init, 2, "a2();");
        Program a3 = child("a3", init, 3, "a3();");
        Program a4 = child("a4", init, 40, "a4();");
        Program b5 = child("b5", database.population(1).get(0), 5, "b5();");
        Program b6 = child("b6", database.population(1).get(0), 6, "b6();");
        for (Program p : List.of(a2, a3, a4, b5, b6)) {
            database.add(p, Status.SUCCEEDED);
        }

        assertThat(database.migrateIfDue(1)).isEmpty();
        List<Program> first = database.migrateIfDue(2);

        // island 0 owns init, a2, a3, a4: half of 4 = the top 2; island 1 owns b5, b6: the top 1; island 2 owns none
        assertThat(first).extracting(Program::id).containsExactly("a4@i1g2", "a3@i1g2", "b6@i2g2");
        assertThat(first).allSatisfy(m -> assertThat(m.isCopy()).isTrue());
        assertThat(first.get(0).copyOf()).isEqualTo("a4");
        assertThat(first.get(0).island()).isEqualTo(1);
        assertThat(first.get(0).codeSha256()).isEqualTo(a4.codeSha256());
        assertThat(database.population(1)).extracting(Program::id).contains("a4@i1g2", "a3@i1g2");
        assertThat(database.migrateIfDue(2)).as("once per generation").isEmpty();
        assertThat(database.migrateIfDue(3)).isEmpty();
        assertThat(database.duplicateOf(a4.codeSha256())).map(Program::id).contains("a4");

        Program a7 = child("a7", init, 50, "a7();");
        database.add(a7, Status.SUCCEEDED);
        List<Program> second = database.migrateIfDue(4);

        // island 0: top 2 of 5 own are a7 and a4, a4's code is already on island 1; island 1: the copies a4@i1g2
        // (fitness 40) and a3@i1g2 are its best but never migrate again, and b6 is already on island 2
        assertThat(second).extracting(Program::id).containsExactly("a7@i1g4");
        assertThat(database.population(2)).extracting(Program::codeSha256)
                .doesNotContain(a4.codeSha256(), a3.codeSha256());
        for (int i = 0; i < 3; i++) {
            List<String> hashes = database.population(i).stream().map(Program::codeSha256).toList();
            assertThat(hashes).as("island %d holds no code twice", i).doesNotHaveDuplicates();
        }

        Program childOfMigrant = child("m1", database.get("a4@i1g2").orElseThrow(), 41, "m1();");
        database.add(childOfMigrant, Status.SUCCEEDED);
        assertThat(childOfMigrant.island()).isEqualTo(1);
        Program misplaced = Program.of("m2", "a4@i1g2", 5, 0, "m2();\n", Map.of(), 1);
        assertThatThrownBy(() -> database.add(misplaced, Status.SUCCEEDED)).hasMessageContaining("island 1");
    }

    @Test
    void noMigrationWhenDisabledOrSingleIsland() {
        ProgramDatabase disabled = Workload.started(DatabaseConfig.defaults(3).withIslands(2).withMigration(0, 0.5));
        ProgramDatabase single = Workload.started(DatabaseConfig.defaults(3).withIslands(1).withMigration(1, 0.5));
        addOneChild(disabled, single);
        for (int generation = 0; generation < 10; generation++) {
            assertThat(disabled.migrateIfDue(generation)).isEmpty();
            assertThat(single.migrateIfDue(generation)).isEmpty();
        }
    }

    private static void addOneChild(ProgramDatabase... databases) {
        for (ProgramDatabase database : databases) {
            Program init = database.population(0).get(0);
            database.add(child("z1", init, 5, "z1();"), Status.SUCCEEDED);
        }
    }

    @Test
    void parentSelectionFollowsTheConfiguredRatiosAndDistributions() {
        ProgramDatabase database = Workload.started(
                DatabaseConfig.defaults(2024).withIslands(1).withPopulation(100, 5).withSelection(0.2, 0.7, 0.1));
        Program init = database.population(0).get(0);
        for (int f = 2; f <= 20; f++) {
            database.add(child("f" + f, init, f, "f" + f + "();"), Status.SUCCEEDED);
        }
        List<Program> population = database.population(0);
        List<Program> archive = database.archive(0);
        assertThat(archive).extracting(Program::fitness).containsExactlyInAnyOrder(16.0, 17.0, 18.0, 19.0, 20.0);

        int draws = 10_000;
        Map<Selection, Integer> bySelection = new EnumMap<>(Selection.class);
        Map<Selection, Map<String, Integer>> picks = new EnumMap<>(Selection.class);
        for (int i = 0; i < draws; i++) {
            ParentChoice choice = database.sampleParent(0);
            bySelection.merge(choice.selection(), 1, Integer::sum);
            picks.computeIfAbsent(choice.selection(), s -> new LinkedHashMap<>())
                    .merge(choice.program().id(), 1, Integer::sum);
        }

        BinomialTest binomial = BinomialTest.withDefaults();
        assertThat(binomial.test(draws, bySelection.get(Selection.EXPLORATION), 0.2).getPValue()).isGreaterThan(P_VALUE_FLOOR);
        assertThat(binomial.test(draws, bySelection.get(Selection.EXPLOITATION), 0.7).getPValue()).isGreaterThan(P_VALUE_FLOOR);
        assertThat(binomial.test(draws, bySelection.get(Selection.WEIGHTED), 0.1).getPValue()).isGreaterThan(P_VALUE_FLOOR);

        double[] uniform = population.stream().mapToDouble(p -> 1.0).toArray();
        assertThat(chiSquarePValue(uniform, observed(population, picks.get(Selection.EXPLORATION)))).isGreaterThan(P_VALUE_FLOOR);

        assertThat(picks.get(Selection.EXPLOITATION).keySet()).as("exploitation draws only from the archive")
                .isSubsetOf(archive.stream().map(Program::id).toList());
        double[] uniformArchive = archive.stream().mapToDouble(p -> 1.0).toArray();
        assertThat(chiSquarePValue(uniformArchive, observed(archive, picks.get(Selection.EXPLOITATION)))).isGreaterThan(P_VALUE_FLOOR);

        double[] byFitness = population.stream().mapToDouble(Program::fitness).toArray();
        assertThat(chiSquarePValue(byFitness, observed(population, picks.get(Selection.WEIGHTED)))).isGreaterThan(P_VALUE_FLOOR);
    }

    @Test
    void chiSquareCheckRejectsAWrongDistribution() {
        // guards the statistical test above: the same check fails when the weights do not match the draws
        long[] uniformDraws = {500, 500, 500, 500};
        assertThat(chiSquarePValue(new double[] {1, 2, 3, 4}, uniformDraws)).isLessThan(P_VALUE_FLOOR);
        assertThat(BinomialTest.withDefaults().test(10_000, 2200, 0.2).getPValue()).isLessThan(P_VALUE_FLOOR);
    }

    private static long[] observed(List<Program> programs, Map<String, Integer> picks) {
        return programs.stream().mapToLong(p -> picks.getOrDefault(p.id(), 0)).toArray();
    }

    private static double chiSquarePValue(double[] expectedWeights, long[] observed) {
        return ChiSquareTest.withDefaults().test(expectedWeights, observed).getPValue();
    }

    @Test
    void theBestProgramIsNeverEvictedUnderPopulationPressure() {
        ProgramDatabase database = Workload.started(DatabaseConfig.defaults(9).withIslands(2).withPopulation(6, 2));
        SplittableRandom measurements = new SplittableRandom(77);
        for (int step = 0; step < 500; step++) {
            int island = step % 2;
            Program parent = database.sampleParent(island).program();
            // early programs are strong, later ones mostly weak: the best is old and would go first by age
            double fitness = step < 10 ? 5 + step : measurements.nextDouble(0, 12);
            Program best = database.best();
            database.add(child("c" + step, parent, fitness, "c" + step + "();"), Status.SUCCEEDED);
            assertThat(database.populationSize()).isLessThanOrEqualTo(6);
            assertThat(database.best().fitness()).isGreaterThanOrEqualTo(best.fitness());
            assertThat(database.population(database.best().island())).contains(database.best());
            if (!database.population(best.island()).contains(best)) {
                assertThat(database.best().fitness()).as("a former best left only after being beaten").isGreaterThan(best.fitness());
            }
            assertThat(database.population(0)).isNotEmpty();
            assertThat(database.population(1)).isNotEmpty();
        }
        double fittestOnIslands = java.util.stream.Stream.of(database.population(0), database.population(1))
                .flatMap(List::stream).mapToDouble(Program::fitness).max().orElseThrow();
        assertThat(database.best().fitness()).isEqualTo(fittestOnIslands).isGreaterThanOrEqualTo(14);
        assertThat(database.size()).as("evicted programs stay known").isEqualTo(502);
    }

    @Test
    void evictionTakesNonElitesFirstThenTheWeakest() {
        // one island, one grid cell, archive of 2: elites are the cell's best and the archive's two
        ProgramDatabase database = Workload.started(
                DatabaseConfig.defaults(1).withIslands(1).withPopulation(4, 2).withFeatures(List.of("code_size"), 1));
        Program init = database.population(0).get(0);
        database.add(child("a", init, 9, "a();"), Status.SUCCEEDED);   // archive {init, a}, cell a
        database.add(child("b", init, 0.5, "b();"), Status.SUCCEEDED); // not elite
        database.add(child("c", init, 3, "c();"), Status.SUCCEEDED);   // archive {a, c}, init drops out
        database.add(child("d", init, 2, "d();"), Status.SUCCEEDED);   // 5 > 4: evict a non-elite, weakest first: b

        assertThat(database.population(0)).extracting(Program::id).containsExactly("init", "a", "c", "d");
        database.add(child("e", init, 0.1, "e();"), Status.SUCCEEDED); // non-elites init (1), d (2), e (0.1): e goes
        assertThat(database.population(0)).extracting(Program::id).containsExactly("init", "a", "c", "d");
        assertThat(database.get("e")).isPresent();
    }

    @Test
    void archiveAdmitsOnlyProgramsBetterThanItsWeakestAndReplacesThatOne() {
        ProgramDatabase database = Workload.started(
                DatabaseConfig.defaults(1).withIslands(1).withPopulation(100, 3).withFeatures(List.of("code_size"), 1));
        Program init = database.population(0).get(0); // fitness 1
        database.add(child("f2", init, 2, "f2();"), Status.SUCCEEDED);
        database.add(child("f3", init, 3, "f3();"), Status.SUCCEEDED);
        assertThat(database.archive(0)).extracting(Program::id).containsExactly("init", "f2", "f3");

        database.add(child("f2.5", init, 2.5, "f25();"), Status.SUCCEEDED);
        assertThat(database.archive(0)).extracting(Program::id).containsExactly("f2", "f3", "f2.5");
        database.add(child("tie", init, 2, "tie();"), Status.SUCCEEDED);
        assertThat(database.archive(0)).as("a tie does not displace an older elite")
                .extracting(Program::id).containsExactly("f2", "f3", "f2.5");
        database.add(child("weak", init, 0.5, "weak();"), Status.SUCCEEDED);
        database.add(child("failed", init, 99, "failed();"), Status.FAILED);
        assertThat(database.archive(0)).extracting(Program::id).containsExactly("f2", "f3", "f2.5");
        database.add(child("f9", init, 9, "f9();"), Status.SUCCEEDED);
        assertThat(database.archive(0)).extracting(Program::id).containsExactly("f3", "f2.5", "f9");
        assertThat(database.best().id()).isEqualTo("f9");
    }

    @Test
    void gridCellKeepsItsFittestAndBinsByRunningMinMax() {
        ProgramDatabase single = Workload.started(
                DatabaseConfig.defaults(1).withIslands(1).withFeatures(List.of("code_size"), 1));
        Program init = single.population(0).get(0);
        single.add(child("better", init, 5, "b();"), Status.SUCCEEDED);
        single.add(child("equal", init, 5, "e();"), Status.SUCCEEDED);
        single.add(child("worse", init, 2, "w();"), Status.SUCCEEDED);
        single.add(child("failed", init, 50, "f();"), Status.FAILED);
        assertThat(single.grid(0)).containsOnlyKeys(0);
        assertThat(single.grid(0).get(0).id()).isEqualTo("better");
        assertThat(single.cellOf("failed")).isEqualTo(-1);

        ProgramDatabase binned = new ProgramDatabase(
                DatabaseConfig.defaults(1).withIslands(1).withFeatures(List.of("code_size"), 4));
        Program root = Program.of("root", null, 0, 0, "x".repeat(100), Map.of(), 1);
        binned.addInitial(root);
        binned.add(Program.of("long", "root", 1, 0, "y".repeat(200), Map.of(), 1), Status.SUCCEEDED);
        binned.add(Program.of("mid", "root", 1, 0, "z".repeat(150), Map.of(), 1), Status.SUCCEEDED);
        binned.add(Program.of("short", "root", 1, 0, "w".repeat(20), Map.of(), 1), Status.SUCCEEDED);
        assertThat(binned.cellOf("root")).as("a single value has no range yet").isZero();
        assertThat(binned.cellOf("long")).as("the maximum falls into the top bin").isEqualTo(3);
        assertThat(binned.cellOf("mid")).as("(150-100)/(200-100)*4 = 2").isEqualTo(2);
        assertThat(binned.cellOf("short")).isZero();
        assertThat(binned.cellOf("root")).as("cells are not reassigned when the range grows").isZero();
    }

    @Test
    void diversityIsTheShareOfDifferingLines() {
        Features features = new Features(List.of("code_size", "line_count", "diversity"), "a\nb\nc\nd\n");
        assertThat(features.of("a\nb\nc\nd\n")).containsExactly(8, 4, 0.0);
        assertThat(features.distanceFromReference("d\n  c\nb\na")).as("order and indentation ignored").isZero();
        assertThat(features.distanceFromReference("a\nb\nc\nX\n")).isEqualTo(2.0 / 8);
        assertThat(features.distanceFromReference("p\nq\n")).isEqualTo(1.0);
    }

    @Test
    void duplicatesAreFoundByCodeHashIncludingFailedAndEvictedPrograms() {
        ProgramDatabase database = Workload.started(
                DatabaseConfig.defaults(1).withIslands(2).withPopulation(4, 1).withFeatures(List.of("code_size"), 1));
        Program init = database.population(0).get(0);
        Program failed = child("failed", init, 0, "broken(");
        database.add(failed, Status.FAILED);
        List<Program> weak = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            weak.add(child("w" + i, init, 0.1, "w" + i + "();"));
            database.add(weak.get(i), Status.SUCCEEDED);
        }

        assertThat(database.duplicateOf(failed.codeSha256())).contains(failed);
        assertThat(database.population(0)).extracting(Program::id).doesNotContain("w0");
        assertThat(database.duplicateOf(weak.get(0).codeSha256())).as("evicted, kept packed").contains(weak.get(0));
        assertThat(database.get("w0")).contains(weak.get(0));
        assertThat(database.duplicateOf(Program.sha256("never seen"))).isEmpty();
        assertThatThrownBy(() -> database.add(child("again", init, 3, "broken("), Status.SUCCEEDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("program again has the same code as program failed; check duplicateOf(codeSha256) before"
                        + " adding and reuse that program's result");
        assertThatThrownBy(() -> database.add(child("failed", init, 3, "other();"), Status.SUCCEEDED))
                .hasMessage("a program with id failed was already added");
    }

    @Test
    void sameSeedAndSameCallsGiveTheSameAnswersAndADifferentSeedDoesNot() throws Exception {
        DatabaseConfig config = DatabaseConfig.defaults(42).withPopulation(40, 5).withMigration(2, 0.25);
        Workload first = new Workload(1, 6);
        Workload second = new Workload(1, 6);
        Workload otherSeed = new Workload(1, 6);
        ProgramDatabase a = Workload.started(config);
        ProgramDatabase b = Workload.started(config);
        ProgramDatabase c = Workload.started(config.withSeed(43));
        first.run(a, 0, 300);
        second.run(b, 0, 300);
        otherSeed.run(c, 0, 300);

        assertThat(first.answers).isEqualTo(second.answers).anyMatch(s -> s.startsWith("migrant"));
        assertThat(JSON.writeValueAsString(a.snapshot())).isEqualTo(JSON.writeValueAsString(b.snapshot()));
        assertThat(otherSeed.answers).isNotEqualTo(first.answers);
    }

    @Test
    void snapshotRoundTripThroughJsonAnswersExactlyLikeTheOriginal() throws Exception {
        DatabaseConfig config = DatabaseConfig.defaults(7).withPopulation(40, 5).withMigration(2, 0.25);
        Workload original = new Workload(3, 6);
        Workload resumed = new Workload(3, 6);
        ProgramDatabase database = Workload.started(config);
        ProgramDatabase twin = Workload.started(config);
        original.run(database, 0, 250);
        resumed.run(twin, 0, 250); // brings the resumed workload's own generator to the same point

        String json = JSON.writeValueAsString(database.snapshot());
        ProgramDatabase restored = ProgramDatabase.restore(JSON.readValue(json, ProgramDatabase.Snapshot.class));
        assertThat(JSON.writeValueAsString(restored.snapshot())).isEqualTo(json);
        assertThat(restored.best()).isEqualTo(database.best());

        original.answers.clear();
        resumed.answers.clear();
        original.run(database, 250, 600);
        resumed.run(restored, 250, 600);

        assertThat(resumed.answers).isEqualTo(original.answers).hasSizeGreaterThan(1000)
                .anyMatch(s -> s.startsWith("migrant")).anyMatch(s -> s.startsWith("duplicate"));
        assertThat(JSON.writeValueAsString(restored.snapshot())).isEqualTo(JSON.writeValueAsString(database.snapshot()));
    }

    @Test
    void snapshotOfAnotherFormatIsRefused() {
        ProgramDatabase.Snapshot snapshot = Workload.started(DatabaseConfig.defaults(1)).snapshot();
        ProgramDatabase.Snapshot future = new ProgramDatabase.Snapshot(99, snapshot.config(), snapshot.programs(),
                snapshot.islands(), snapshot.featureMin(), snapshot.featureMax(), snapshot.randomState(),
                snapshot.lastMigrationGeneration());
        assertThatThrownBy(() -> ProgramDatabase.restore(future))
                .hasMessage("snapshot format 99 is not supported (expected 1); it was written by another version of aiopt-junit");
    }

    @Test
    void badInputIsRefusedWithMessagesThatSayWhatToDo() {
        assertThatThrownBy(() -> DatabaseConfig.defaults(1).withSelection(0.5, 0.5, 0.5))
                .hasMessageStartingWith("explorationRatio + exploitationRatio + weightedRatio must be 1, is 1.5");
        assertThatThrownBy(() -> DatabaseConfig.defaults(1).withFeatures(List.of("ops_per_sec"), 10))
                .hasMessage("unknown feature dimension 'ops_per_sec'; known: [code_size, line_count, diversity]");
        assertThatThrownBy(() -> DatabaseConfig.defaults(1).withIslands(4).withPopulation(7, 1))
                .hasMessage("populationLimit must be >= 8: 7");
        assertThatThrownBy(() -> Program.of("p", null, 0, 0, "x", Map.of("p99", Double.NaN), 1))
                .hasMessage("metric 'p99' of program p is NaN; leave a metric out instead of passing a non-finite value");
        assertThatThrownBy(() -> new Program("p", null, 0, 0, "x", Program.sha256("y"), Map.of(), 1, null))
                .hasMessage("codeSha256 of program p is not the SHA-256 of its code; use Program.of(...) to compute it");

        ProgramDatabase empty = new ProgramDatabase(DatabaseConfig.defaults(1));
        assertThatThrownBy(() -> empty.add(Program.of("c", "init", 1, 0, "x", Map.of(), 1), Status.SUCCEEDED))
                .hasMessage("add the initial program with addInitial(...) before adding c");
        ProgramDatabase database = Workload.started(DatabaseConfig.defaults(1));
        assertThatThrownBy(() -> database.add(Program.of("c", "nobody", 1, 0, "x", Map.of(), 1), Status.SUCCEEDED))
                .hasMessage("parent nobody of program c is unknown");
        assertThatThrownBy(() -> database.sampleParent(4)).hasMessage("island 4 does not exist; islands are 0..3");
    }

    @Test
    void codeHashIsSha256OfUtf8WithCrlfReadAsLf() {
        // the well-known SHA-256 of "abc"
        assertThat(Program.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Program.sha256("a\r\nb\r\n")).isEqualTo(Program.sha256("a\nb\n")).isNotEqualTo(Program.sha256("a\nb"));
    }

    @Test
    void programJsonRoundTripKeepsEverything() throws Exception {
        Program program = new Program("m", "p", 3, 1, "code\n", Program.sha256("code\n"),
                Map.of("b", 2.0, "a", 1.5), 0.75, "orig");
        String json = JSON.writeValueAsString(program);
        assertThat(JSON.readValue(json, Program.class)).isEqualTo(program);
        assertThat(new ArrayList<>(program.metrics().keySet())).containsExactly("a", "b");
    }
}
