package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.database.ProgramDatabase;
import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run knows so far: every landed program in landing order, the program database, the request ordinals
 * per parent, the kits of built programs, and the plan of the generation in progress. Saved as
 * {@code checkpoint.json} after every candidate and restored by {@code -Daiopt.resume}, so that a run killed at
 * any point continues with the same lineage.
 */
final class RunState {
    static final String CHECKPOINT = "checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A planned candidate as saved: the database ids of its parent and prompt context. */
    record PlannedSlot(String id, int generation, int island, String parentProgramId, int ordinalBase,
            List<String> inspirations, List<String> topPrograms) {
    }

    /** The saved form: everything needed to continue exactly where the run stopped. */
    record Checkpoint(int format, String experiment, String track, long seed, List<ProgramResult> programs,
            ProgramDatabase.Snapshot database, Map<String, Integer> ordinals, int plannedGeneration,
            List<PlannedSlot> plannedSlots) {
    }

    private final Map<String, ProgramResult> results = new LinkedHashMap<>();
    private final Map<String, ProgramResult> bySha = new ConcurrentHashMap<>();
    private final Map<String, BuiltProgram> built = new ConcurrentHashMap<>();
    private final Map<String, Integer> ordinals = new LinkedHashMap<>();
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

    /** Saves the checkpoint atomically into {@code runDir}. */
    synchronized void save(ExperimentPlan plan) {
        Checkpoint checkpoint = new Checkpoint(1, plan.experiment(), plan.track().id(), plan.search().seed(),
                new ArrayList<>(results.values()), database.snapshot(), new LinkedHashMap<>(ordinals),
                plannedGeneration, plannedSlots);
        Path file = plan.run().directory().resolve(CHECKPOINT);
        try {
            Path temporary = file.resolveSibling(CHECKPOINT + ".tmp");
            Files.writeString(temporary, JSON.writeValueAsString(checkpoint), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    /**
     * Restores a run from its checkpoint; the kits of its measured programs are taken from the run directory.
     *
     * @throws IllegalStateException when the checkpoint belongs to another experiment, track or seed: one run
     *     directory never mixes two runs
     */
    static RunState restore(ExperimentPlan plan) {
        Path file = plan.run().directory().resolve(CHECKPOINT);
        Checkpoint c;
        try {
            c = JSON.readValue(file.toFile(), Checkpoint.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resume from " + plan.run().directory() + ": " + CHECKPOINT
                    + " is missing or unreadable (" + e.getMessage() + "); resume a run that got past its baseline", e);
        }
        if (!c.experiment().equals(plan.experiment()) || !c.track().equals(plan.track().id()) || c.seed() != plan.search().seed()) {
            throw new IllegalStateException("cannot resume " + plan.run().directory() + ": it is a run of " + c.experiment()
                    + " / " + c.track() + " / seed " + c.seed() + ", not " + plan.experiment() + " / " + plan.track().id()
                    + " / seed " + plan.search().seed() + "; one run directory never holds two runs");
        }
        RunState state = new RunState(ProgramDatabase.restore(c.database()));
        for (ProgramResult r : c.programs()) {
            state.land(r);
            if (r.status().measured()) {
                Path programDir = plan.run().directory().resolve("programs").resolve(r.id());
                state.built(new BuiltProgram(r.id(), programDir.resolve("kit"),
                        Duration.ofMillis(r.timings().buildMs()), Duration.ofMillis(r.timings().verifyMs())));
            }
        }
        state.ordinals.putAll(c.ordinals());
        state.plannedGeneration = c.plannedGeneration();
        state.plannedSlots = c.plannedSlots() == null ? List.of() : List.copyOf(c.plannedSlots());
        return state;
    }
}
