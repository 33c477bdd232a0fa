package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.config.Keys;
import dev.aiopt.junit.internal.config.Setting;
import dev.aiopt.junit.internal.database.DatabaseConfig;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.model.ModelKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run knows so far: every landed program in landing order, the program database, the request ordinals
 * per parent, the kits of built programs, and the plan of the generation in progress. Rebuilt by
 * {@code -Daiopt.resume} by {@linkplain #replay replaying} the run's {@link RunJournal}, so that a run killed at
 * any point continues with the same lineage.
 */
final class RunState {
    private static final int INSPIRATIONS = 2;
    private static final int TOP_PROGRAMS = 2;
    // Keys that may differ between a run and its resume: how to resume, and the budget (what earlier sessions
    // spent still counts, so a resume with a larger budget continues a run its budget stopped), and how the run
    // keeps its disk: which kits it keeps changes no decision (a dropped one is rebuilt).
    private static final List<String> RESUME_KEYS = List.of("aiopt.resume", ModelKeys.BUDGET_TOKENS,
            ModelKeys.BUDGET_USD, ModelKeys.BUDGET_WALL_CLOCK, Keys.KEEP_KITS, Keys.DISK_MIN_FREE_KITS,
            Keys.PRUNE_KEEP_RUNS);

    /** A planned candidate as journalled: the database ids of its parent and prompt context. */
    record PlannedSlot(String id, int generation, int island, String parentProgramId, int ordinalBase,
            List<String> inspirations, List<String> topPrograms) {
    }

    /** A generation's draws: the slots, as journalled, and how many programs migrated first. */
    record Draw(List<Slot> slots, List<PlannedSlot> saved, int migrants) {
    }

    private final Map<String, ProgramResult> results = new LinkedHashMap<>();
    private final Map<String, ProgramResult> bySha = new ConcurrentHashMap<>();
    private final Map<String, BuiltProgram> built = new ConcurrentHashMap<>();
    private final Map<String, Integer> ordinals = new LinkedHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private ProgramDatabase database;
    private int plannedGeneration;
    private List<PlannedSlot> plannedSlots = List.of();

    RunState(ProgramDatabase database) {
        this.database = database;
    }

    synchronized ProgramDatabase database() {
        return database;
    }

    synchronized void land(ProgramResult result) {
        results.put(result.id(), result);
        if (result.sliceSha256() != null && result.status().measured()) {
            bySha.putIfAbsent(result.sliceSha256(), result);
        }
    }

    synchronized Optional<ProgramResult> result(String id) {
        return Optional.ofNullable(results.get(id));
    }

    synchronized List<ProgramResult> results() {
        return new ArrayList<>(results.values());
    }

    /** The earlier program with this code: measured ones first, then any the database holds (failed too). */
    synchronized Optional<ProgramResult> duplicateOf(String sha) {
        ProgramResult earlier = bySha.get(sha);
        if (earlier == null) {
            earlier = database.duplicateOf(sha).map(p -> results.get(original(p))).orElse(null);
        }
        return Optional.ofNullable(earlier);
    }

    /** The results of children of {@code parentId} that landed in generations before {@code generation}. */
    synchronized List<ProgramResult> childrenBefore(String parentId, int generation) {
        return results.values().stream().filter(r -> parentId.equals(r.parentId()) && r.generation() < generation)
                .toList();
    }

    /** Notes that a candidate began (passed the budget check). */
    void started(String candidate) {
        started.add(candidate);
    }

    /** Whether a candidate began, in this session or one before a kill. */
    boolean wasStarted(String candidate) {
        return started.contains(candidate);
    }

    void built(BuiltProgram program) {
        built.put(program.id(), program);
    }

    BuiltProgram built(String id) {
        BuiltProgram program = built.get(id);
        if (program == null) {
            throw new IllegalStateException("program " + id + " has no kit");
        }
        return program;
    }

    /** The kit of a program, unless it never had one or it was dropped. */
    Optional<BuiltProgram> kitOf(String id) {
        return Optional.ofNullable(built.get(id));
    }

    /** The programs that have a kit now. */
    List<String> kitIds() {
        return List.copyOf(built.keySet());
    }

    /** Forgets a program's kit (its directory is being deleted): a later reference to it rebuilds it. */
    void dropKit(String id) {
        built.remove(id);
    }

    /** The first request ordinal of the next candidate of this parent; reserves {@code attempts} of them. */
    synchronized int reserveOrdinals(String parentSha, int attempts) {
        return ordinals.merge(parentSha, attempts, Integer::sum) - attempts;
    }

    synchronized void planned(int generation, List<PlannedSlot> slots) {
        plannedGeneration = generation;
        plannedSlots = List.copyOf(slots);
    }

    synchronized int plannedGeneration() {
        return plannedGeneration;
    }

    synchronized List<PlannedSlot> plannedSlots() {
        return plannedSlots;
    }

    static String original(Program program) {
        return program.isCopy() ? program.copyOf() : program.id();
    }

    // Parents are drawn for the whole generation, in candidate order, before any candidate runs: the draws
    // depend only on the seed and on earlier generations, never on which candidate finishes first. Within a
    // generation they are drawn without replacement by code (see ProgramDatabase#sampleParent(int, Set)), and
    // a slot whose island holds only code drawn already takes the next island of the ring that holds other
    // code: a generation never gives all its slots the same program while the islands hold another.
    synchronized Draw draw(int generation, ExperimentPlan plan) {
        int migrants = database.migrateIfDue(generation).size();
        List<Slot> slots = new ArrayList<>();
        List<PlannedSlot> saved = new ArrayList<>();
        Set<String> drawn = new HashSet<>();
        int islands = plan.search().islands();
        for (int c = 1; c <= plan.search().candidatesPerGeneration(); c++) {
            int island = (c - 1) % islands;
            for (int step = 0; step < islands && !drawn.isEmpty(); step++) {
                if (database.holdsOtherCode((island + step) % islands, drawn)) {
                    island = (island + step) % islands;
                    break;
                }
            }
            Program parent = database.sampleParent(island, drawn).program();
            drawn.add(parent.codeSha256());
            ProgramResult parentResult = result(original(parent)).orElseThrow();
            String id = "g" + generation + "-c" + c;
            int ordinalBase = reserveOrdinals(parentResult.sliceSha256(), plan.search().maxAttempts());
            List<Program> inspirations = database.inspirations(parent, INSPIRATIONS);
            List<Program> top = database.topPrograms(island, TOP_PROGRAMS);
            slots.add(new Slot(id, generation, island, parent, parentResult, ordinalBase, inspirations, top));
            saved.add(new PlannedSlot(id, generation, island, parent.id(), ordinalBase,
                    inspirations.stream().map(Program::id).toList(), top.stream().map(Program::id).toList()));
        }
        planned(generation, saved);
        return new Draw(slots, saved, migrants);
    }

    /** Lands a program and, unless it is null, enters it into the database as {@code entry} says. */
    synchronized void land(ProgramResult result, RunJournal.DatabaseEntry entry) {
        if (entry != null) {
            Program program = Program.of(result.id(), entry.parentProgramId(), result.generation(), entry.island(),
                    result.slice(), result.metrics() == null ? Map.of() : result.metrics(),
                    result.fitness() == null ? 0 : result.fitness());
            if (entry.parentProgramId() == null) {
                database.addInitial(program);
            } else {
                database.add(program, entry.succeeded() ? ProgramDatabase.Status.SUCCEEDED
                        : ProgramDatabase.Status.FAILED);
            }
        }
        land(result);
    }

    /** The journal's header for a run of {@code plan}. */
    static RunJournal.Header header(ExperimentPlan plan) {
        Map<String, String> settings = new TreeMap<>();
        for (Setting s : plan.settings()) {
            if (!RESUME_KEYS.contains(s.key())) {
                settings.put(s.key(), s.printable());
            }
        }
        return new RunJournal.Header(RunJournal.SCHEMA, plan.experiment(), plan.track().id(), plan.search().seed(),
                settings, plan.fitness());
    }

    /**
     * Rebuilds a run's state by replaying its journal; the kits of its measured programs are taken from the run
     * directory.
     *
     * @throws IllegalStateException when the journal belongs to another schema, experiment, track, seed,
     *     configuration or fitness (the message names each difference), or does not replay
     */
    static RunState replay(ExperimentPlan plan) {
        Path dir = plan.run().directory();
        List<RunJournal.Entry> entries = RunJournal.read(dir);
        List<String> differences = differences((RunJournal.Header) entries.get(0), header(plan));
        if (!differences.isEmpty()) {
            throw new IllegalStateException("cannot resume " + dir + ": it was run with " + String.join("; ", differences)
                    + ". One run directory never holds two runs: resume with the run's own configuration, or start a"
                    + " new run");
        }
        RunState state = new RunState(new ProgramDatabase(DatabaseConfig.defaults(plan.search().seed())
                .withIslands(plan.search().islands())));
        for (RunJournal.Entry entry : entries.subList(1, entries.size())) {
            if (entry instanceof RunJournal.Plan p) {
                Draw draw = state.draw(p.generation(), plan);
                if (!draw.saved().equals(p.slots())) {
                    throw new IllegalStateException("cannot resume " + dir + ": generation " + p.generation()
                            + " draws " + draw.saved() + " on replay, but the journal says " + p.slots());
                }
            } else if (entry instanceof RunJournal.Started st) {
                state.started(st.candidate());
            } else if (entry instanceof RunJournal.Landed l) {
                ProgramResult r = l.result();
                state.land(r, l.database());
                if (r.status().measured()) {
                    Path programDir = dir.resolve("programs").resolve(r.id());
                    BuiltProgram kit = new BuiltProgram(r.id(), programDir.resolve("kit"),
                            Duration.ofMillis(r.timings().buildMs()), Duration.ofMillis(r.timings().verifyMs()));
                    if (Kits.present(kit)) { // else aiopt.keepKits dropped it: rebuilt when referenced
                        state.built(kit);
                    }
                }
            }
        }
        return state;
    }

    // "experiment E (now F)", "aiopt.generations = 3 (now 4)", ...
    private static List<String> differences(RunJournal.Header was, RunJournal.Header now) {
        List<String> out = new ArrayList<>();
        if (was.schema() != now.schema()) {
            out.add("journal schema " + was.schema() + " (this version writes " + now.schema() + ")");
        }
        if (!was.experiment().equals(now.experiment()) || !was.track().equals(now.track()) || was.seed() != now.seed()) {
            out.add(was.experiment() + " / " + was.track() + " / seed " + was.seed() + " (now " + now.experiment()
                    + " / " + now.track() + " / seed " + now.seed() + ")");
        }
        if (!was.fitness().equals(now.fitness())) {
            out.add("fitness " + was.fitness() + " (now " + now.fitness() + ")");
        }
        Map<String, String> keys = new TreeMap<>(was.settings());
        now.settings().keySet().forEach(k -> keys.putIfAbsent(k, null));
        for (String key : keys.keySet()) {
            String a = was.settings().get(key);
            String b = now.settings().get(key);
            if (!Objects.equals(a, b)) {
                out.add(key + " = " + (a == null ? "(unset)" : a) + " (now " + (b == null ? "(unset)" : b) + ")");
            }
        }
        return out;
    }
}
