package dev.aiopt.junit.internal.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The population of an evolution run, after OpenEvolve's program database: islands that evolve in isolation,
 * each with a MAP-Elites grid over code features and an elite archive, parents drawn by exploration,
 * exploitation or fitness, inspirations from the parent's own island, and ring migration of each island's best.
 *
 * <p>Rules it enforces rather than trusts: a child lands on its parent's island; code already in the database is
 * refused (ask {@link #duplicateOf(String)} first and reuse that program's result); only programs that evaluated
 * successfully enter an island; the best program is never evicted; copies (island seeds, migrants) never migrate
 * again and never duplicate code already on their target island. Every random choice comes from one
 * XoRoShiRo128++ generator seeded with {@link DatabaseConfig#seed()}, whose state is part of {@link #snapshot()},
 * so the same seed and the same calls give the same results, also across a snapshot and {@link #restore}.
 *
 * <p>Not thread-safe: the evolution loop calls it from one thread.
 *
 * <p>Public because it is used by {@code evolution};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ProgramDatabase {

    /** Whether a program evaluated successfully (and may enter an island) or failed (kept for dedupe and lineage only). */
    public enum Status { SUCCEEDED, FAILED }

    /** How a parent was chosen. */
    public enum Selection {
        /** Uniformly from the island's population. */
        EXPLORATION,
        /** Uniformly from the island's elite archive. */
        EXPLOITATION,
        /** From the island's population with probability proportional to fitness (negative fitness counts as 0). */
        WEIGHTED
    }

    /** A parent and how it was chosen. */
    public record ParentChoice(Program program, Selection selection) {
        public ParentChoice {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(selection, "selection");
        }
    }

    private static final int SNAPSHOT_FORMAT = 1;
    private static final double[] NO_FEATURES = new double[0];

    /**
     * A program with what the database knows about it; identity equality, id, island and fitness copied for fast
     * scans. Programs on an island are live; evicted and failed ones are packed (code deflated), since they are
     * only needed for lineage and dedupe.
     */
    private static final class Entry {
        private final Program live;
        private final PackedProgram packed;
        private final String id;
        private final int island;
        private final double fitness;
        private final boolean succeeded;
        private final long sequence;
        private final double[] features;
        private final int cell;

        private Entry(Program live, PackedProgram packed, boolean succeeded, long sequence, double[] features, int cell) {
            this.live = live;
            this.packed = packed;
            this.id = live != null ? live.id() : packed.id();
            this.island = live != null ? live.island() : packed.island();
            this.fitness = live != null ? live.fitness() : packed.fitness();
            this.succeeded = succeeded;
            this.sequence = sequence;
            this.features = features;
            this.cell = cell;
        }

        static Entry live(Program program, long sequence, double[] features, int cell) {
            return new Entry(program, null, true, sequence, features, cell);
        }

        static Entry packed(Program program, boolean succeeded, long sequence, double[] features, int cell) {
            return new Entry(null, PackedProgram.pack(program), succeeded, sequence, features, cell);
        }

        Entry pack() {
            return new Entry(null, PackedProgram.pack(live), succeeded, sequence, features, cell);
        }

        Program program() {
            return live != null ? live : packed.unpack();
        }

        String id() {
            return id;
        }

        int island() {
            return island;
        }

        String codeSha256() {
            return live != null ? live.codeSha256() : packed.codeSha256();
        }

        boolean succeeded() {
            return succeeded;
        }

        long sequence() {
            return sequence;
        }

        double[] features() {
            return features;
        }

        int cell() {
            return cell;
        }

        double fitness() {
            return fitness;
        }
    }

    private static final class Island {
        final List<Entry> members = new ArrayList<>();
        final Set<String> codeHashes = new HashSet<>();
        final TreeMap<Integer, String> grid = new TreeMap<>();
        final LinkedHashSet<String> archive = new LinkedHashSet<>();
        final TreeSet<Entry> ranked = new TreeSet<>(ProgramDatabase::compareBestFirst);
    }

    /** Position in the eviction order: non-elites before elites, then the weakest, then the oldest. */
    private record EvictionKey(boolean elite, double fitness, long sequence, String id) {
        static final Comparator<EvictionKey> ORDER = Comparator.comparing(EvictionKey::elite)
                .thenComparingDouble(EvictionKey::fitness).thenComparingLong(EvictionKey::sequence);
    }

    private final DatabaseConfig config;
    private final RestorableUniformRandomProvider random;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> firstIdByCodeHash = new HashMap<>();
    private final List<Island> islands = new ArrayList<>();
    private final double[] featureMin;
    private final double[] featureMax;
    private final TreeSet<EvictionKey> evictionOrder = new TreeSet<>(EvictionKey.ORDER);
    private final Map<String, EvictionKey> evictionKeys = new HashMap<>();
    private final Comparator<Entry> bestFirst = ProgramDatabase::compareBestFirst;
    private Features features;
    private String bestId;
    private int populationSize;
    private long nextSequence;
    private int lastMigrationGeneration = -1;

    /** An empty database; add the initial program with {@link #addInitial(Program)}. */
    public ProgramDatabase(DatabaseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = RandomSource.XO_RO_SHI_RO_128_PP.create(config.seed());
        for (int i = 0; i < config.islands(); i++) {
            islands.add(new Island());
        }
        int dimensions = config.featureDimensions().size();
        featureMin = new double[dimensions];
        featureMax = new double[dimensions];
        Arrays.fill(featureMin, Double.MAX_VALUE);
        Arrays.fill(featureMax, -Double.MAX_VALUE);
    }

    public DatabaseConfig config() {
        return config;
    }

    /**
     * Adds the initial (baseline) program to its island and a copy of it (id {@code <id>@i<k>}) to every other
     * island, so that each island starts from the baseline. Its code is the reference of the {@code diversity}
     * feature. Only for an empty database: a restored database already holds it.
     */
    public void addInitial(Program initial) {
        Objects.requireNonNull(initial, "initial");
        if (!entries.isEmpty()) {
            throw new IllegalStateException("the database already holds " + entries.size()
                    + " programs; addInitial is only for a fresh database (a restored one already has the initial program)");
        }
        if (initial.parentId() != null || initial.isCopy()) {
            throw new IllegalArgumentException("the initial program " + initial.id() + " must have no parent and not be a copy");
        }
        requireIsland(initial.island());
        features = new Features(config.featureDimensions(), initial.code());
        insertIntoIsland(initial);
        for (int k = 0; k < islands.size(); k++) {
            if (k != initial.island()) {
                insertIntoIsland(initial.copyTo(initial.id() + "@i" + k, k));
            }
        }
    }

    /**
     * Records a child program. A {@link Status#SUCCEEDED} program enters its island (population, grid, archive);
     * a {@link Status#FAILED} one is only remembered, so that the same code is recognised as a duplicate.
     *
     * @throws IllegalArgumentException if the id is taken, the parent is unknown, the child is not on its parent's
     *     island, or its code is already in the database
     */
    public void add(Program program, Status status) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(status, "status");
        if (features == null) {
            throw new IllegalStateException("add the initial program with addInitial(...) before adding " + program.id());
        }
        if (program.parentId() == null) {
            throw new IllegalArgumentException("program " + program.id()
                    + " has no parent; only the initial program has none, add it with addInitial(...)");
        }
        if (program.isCopy()) {
            throw new IllegalArgumentException("program " + program.id()
                    + " is marked as a copy of " + program.copyOf() + "; only the database makes copies");
        }
        if (entries.containsKey(program.id())) {
            throw new IllegalArgumentException("a program with id " + program.id() + " was already added");
        }
        Entry parent = entries.get(program.parentId());
        if (parent == null) {
            throw new IllegalArgumentException("parent " + program.parentId() + " of program " + program.id() + " is unknown");
        }
        if (parent.island() != program.island()) {
            throw new IllegalArgumentException("program " + program.id() + " is on island " + program.island()
                    + " but its parent " + parent.id() + " is on island " + parent.island()
                    + "; a child must land on its parent's island");
        }
        String duplicate = firstIdByCodeHash.get(program.codeSha256());
        if (duplicate != null) {
            throw new IllegalArgumentException("program " + program.id() + " has the same code as program " + duplicate
                    + "; check duplicateOf(codeSha256) before adding and reuse that program's result");
        }
        if (status == Status.FAILED) {
            entries.put(program.id(), Entry.packed(program, false, nextSequence++, NO_FEATURES, -1));
            firstIdByCodeHash.put(program.codeSha256(), program.id());
            return;
        }
        insertIntoIsland(program);
        evictToLimit();
    }

    /** The earliest program (succeeded or failed, evicted or not) with this code hash, if any. */
    public Optional<Program> duplicateOf(String codeSha256) {
        String id = firstIdByCodeHash.get(codeSha256);
        return id == null ? Optional.empty() : Optional.of(entries.get(id).program());
    }

    /** Any program ever added (including failed and evicted ones and the database's copies). */
    public Optional<Program> get(String id) {
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.program());
    }

    /** The program with the highest fitness (the earliest on ties); never evicted. */
    public Program best() {
        if (bestId == null) {
            throw new IllegalStateException("the database is empty; add the initial program first");
        }
        return entries.get(bestId).program();
    }

    /** Programs currently on an island, in the order they arrived. */
    public List<Program> population(int island) {
        return islandAt(island).members.stream().map(Entry::program).toList();
    }

    /** Programs currently on all islands. */
    public int populationSize() {
        return populationSize;
    }

    /** Programs ever added, including failed and evicted ones and copies. */
    public int size() {
        return entries.size();
    }

    /**
     * Draws a parent from one island: with {@link DatabaseConfig#explorationRatio()} uniformly from its population,
     * with {@link DatabaseConfig#exploitationRatio()} uniformly from its elite archive, otherwise in proportion to
     * fitness. The child of this parent must be added with {@code island == parent.island()}.
     */
    public ParentChoice sampleParent(int island) {
        Island source = islandAt(island);
        if (source.members.isEmpty()) {
            throw new IllegalStateException("island " + island + " is empty; add the initial program first");
        }
        return sample(source.members, source.archive.stream().map(entries::get).toList());
    }

    /**
     * Draws a parent for one slot of a generation whose earlier slots got the programs with the code hashes
     * {@code drawnCode}: first as {@link #sampleParent(int)} does; when that repeats code already drawn and the
     * island holds code not yet drawn, once more, by the same rule, among the island's programs with new code
     * (the elite archive restricted likewise). So a generation gets as many different parents as its islands
     * hold, and a draw that repeats nothing consumes exactly what {@link #sampleParent(int)} would.
     *
     * @return the parent; it repeats drawn code only when the island holds nothing else
     */
    public ParentChoice sampleParent(int island, Set<String> drawnCode) {
        ParentChoice first = sampleParent(island);
        if (!drawnCode.contains(first.program().codeSha256())) {
            return first;
        }
        Island source = islandAt(island);
        List<Entry> fresh = source.members.stream().filter(e -> !drawnCode.contains(e.codeSha256())).toList();
        if (fresh.isEmpty()) {
            return first;
        }
        return sample(fresh, source.archive.stream().map(entries::get)
                .filter(e -> !drawnCode.contains(e.codeSha256())).toList());
    }

    /** Whether {@code island} holds a program whose code is not among {@code drawnCode}. */
    public boolean holdsOtherCode(int island, Set<String> drawnCode) {
        return islandAt(island).members.stream().anyMatch(e -> !drawnCode.contains(e.codeSha256()));
    }

    private ParentChoice sample(List<Entry> members, List<Entry> archive) {
        double draw = random.nextDouble();
        if (draw < config.explorationRatio()) {
            return new ParentChoice(uniform(members), Selection.EXPLORATION);
        }
        if (draw < config.explorationRatio() + config.exploitationRatio() && !archive.isEmpty()) {
            return new ParentChoice(uniform(archive), Selection.EXPLOITATION);
        }
        if (draw < config.explorationRatio() + config.exploitationRatio()) {
            return new ParentChoice(uniform(members), Selection.EXPLOITATION);
        }
        return new ParentChoice(weighted(members), Selection.WEIGHTED);
    }

    /** The best {@code count} programs of an island, best first (earliest first on ties). */
    public List<Program> topPrograms(int island, int count) {
        return islandAt(island).ranked.stream().limit(Math.max(0, count)).map(Entry::program).toList();
    }

    /**
     * Up to {@code count} diverse programs from the parent's island for the prompt: elites of other grid cells
     * in random order, then (if there are too few) other programs of the island. Never the parent or a program
     * with the parent's code, never a program of another island.
     */
    public List<Program> inspirations(Program parent, int count) {
        Entry parentEntry = entries.get(parent.id());
        if (parentEntry == null) {
            throw new IllegalArgumentException("parent " + parent.id() + " is not in the database");
        }
        Island island = islandAt(parentEntry.island());
        List<String> elites = new ArrayList<>();
        for (Map.Entry<Integer, String> cell : island.grid.entrySet()) {
            if (cell.getKey() != parentEntry.cell() && isInspiration(cell.getValue(), parent)) {
                elites.add(cell.getValue());
            }
        }
        shuffle(elites);
        List<String> chosen = new ArrayList<>(elites.subList(0, Math.min(Math.max(0, count), elites.size())));
        if (chosen.size() < count) {
            List<String> others = new ArrayList<>();
            Set<String> alreadyChosen = new HashSet<>(chosen);
            for (Entry member : island.members) {
                if (!alreadyChosen.contains(member.id()) && isInspiration(member.id(), parent)) {
                    others.add(member.id());
                }
            }
            shuffle(others);
            chosen.addAll(others.subList(0, Math.min(count - chosen.size(), others.size())));
        }
        return programs(chosen);
    }

    /**
     * Ring migration, if {@code generation} is a positive multiple of {@link DatabaseConfig#migrationInterval()}
     * and this generation has not migrated yet: each island sends copies of its top
     * {@link DatabaseConfig#migrationRate()} share of its own programs (never copies) to the next island, skipping
     * code the target already holds. Call it once at the start of each generation.
     *
     * @return the copies made (id {@code <original>@i<target>g<generation>}), empty if no migration was due
     */
    public List<Program> migrateIfDue(int generation) {
        if (islands.size() < 2 || config.migrationInterval() == 0 || generation <= 0
                || generation % config.migrationInterval() != 0 || generation <= lastMigrationGeneration) {
            return List.of();
        }
        List<List<Entry>> emigrants = new ArrayList<>();
        for (Island island : islands) {
            List<Entry> own = island.ranked.stream().filter(e -> !e.program().isCopy()).toList();
            int share = own.isEmpty() ? 0 : Math.max(1, (int) Math.floor(own.size() * config.migrationRate()));
            emigrants.add(own.subList(0, share));
        }
        List<Program> migrants = new ArrayList<>();
        for (int source = 0; source < islands.size(); source++) {
            int target = (source + 1) % islands.size();
            for (Entry emigrant : emigrants.get(source)) {
                if (islands.get(target).codeHashes.contains(emigrant.program().codeSha256())) {
                    continue;
                }
                Program copy = emigrant.program().copyTo(emigrant.program().id() + "@i" + target + "g" + generation, target);
                insertIntoIsland(copy);
                migrants.add(copy);
            }
        }
        lastMigrationGeneration = generation;
        evictToLimit();
        return List.copyOf(migrants);
    }

    /** The grid of an island: cell index to its elite. For tests and reports. */
    Map<Integer, Program> grid(int island) {
        Map<Integer, Program> grid = new TreeMap<>();
        islandAt(island).grid.forEach((cell, id) -> grid.put(cell, entries.get(id).program()));
        return grid;
    }

    /** The elite archive of an island, in the order programs entered it. For tests and reports. */
    List<Program> archive(int island) {
        return programs(islandAt(island).archive);
    }

    /** The grid cell a program was placed in when it entered its island, -1 for a failed program. */
    int cellOf(String id) {
        return entries.get(id).cell();
    }

    private boolean isInspiration(String id, Program parent) {
        Entry candidate = entries.get(id);
        return !candidate.id().equals(parent.id()) && !candidate.codeSha256().equals(parent.codeSha256());
    }

    private void insertIntoIsland(Program program) {
        Island island = islands.get(program.island());
        double[] values = features.of(program.code());
        for (int d = 0; d < values.length; d++) {
            featureMin[d] = Math.min(featureMin[d], values[d]);
            featureMax[d] = Math.max(featureMax[d], values[d]);
        }
        int cell = cellIndex(values);
        Entry entry = Entry.live(program, nextSequence++, values, cell);
        entries.put(program.id(), entry);
        firstIdByCodeHash.putIfAbsent(program.codeSha256(), program.id());
        island.members.add(entry);
        island.ranked.add(entry);
        island.codeHashes.add(program.codeSha256());
        populationSize++;

        String displacedFromCell = null;
        String occupant = island.grid.get(cell);
        if (occupant == null || program.fitness() > entries.get(occupant).fitness()) {
            island.grid.put(cell, program.id());
            displacedFromCell = occupant;
        }
        String displacedFromArchive = null;
        if (island.archive.size() < config.archiveSize()) {
            island.archive.add(program.id());
        } else {
            // the weakest elite, and of equally weak ones the newest: an old elite is not displaced by a tie
            Entry weakest = island.archive.stream().map(entries::get).max(bestFirst).orElseThrow();
            if (program.fitness() > weakest.fitness()) {
                island.archive.remove(weakest.id());
                island.archive.add(program.id());
                displacedFromArchive = weakest.id();
            }
        }
        updateEvictionKey(entry);
        if (displacedFromCell != null) {
            updateEvictionKey(entries.get(displacedFromCell));
        }
        if (displacedFromArchive != null) {
            updateEvictionKey(entries.get(displacedFromArchive));
        }
        if (bestId == null || program.fitness() > entries.get(bestId).fitness()) {
            bestId = program.id();
        }
    }

    private static int compareBestFirst(Entry a, Entry b) {
        int byFitness = Double.compare(b.fitness(), a.fitness());
        return byFitness != 0 ? byFitness : Long.compare(a.sequence(), b.sequence());
    }

    private void updateEvictionKey(Entry entry) {
        EvictionKey key = new EvictionKey(isElite(entry), entry.fitness(), entry.sequence(), entry.id());
        EvictionKey old = evictionKeys.put(key.id(), key);
        if (old != null) {
            evictionOrder.remove(old);
        }
        evictionOrder.add(key);
    }

    private int cellIndex(double[] values) {
        int cell = 0;
        int stride = 1;
        for (int d = 0; d < values.length; d++) {
            int bin = 0;
            double range = featureMax[d] - featureMin[d];
            if (range > 0) {
                bin = Math.min(config.bins() - 1, (int) ((values[d] - featureMin[d]) / range * config.bins()));
            }
            cell += bin * stride;
            stride *= config.bins();
        }
        return cell;
    }

    private void evictToLimit() {
        while (populationSize > config.populationLimit()) {
            // never the best program, never an island's best (an island must not die out)
            Set<String> protectedIds = new HashSet<>();
            protectedIds.add(bestId);
            islands.stream().filter(island -> !island.ranked.isEmpty())
                    .forEach(island -> protectedIds.add(island.ranked.first().id()));
            EvictionKey victim = null;
            for (EvictionKey key : evictionOrder) {
                if (!protectedIds.contains(key.id())) {
                    victim = key;
                    break;
                }
            }
            if (victim == null) {
                throw new IllegalStateException("no program can be evicted; populationLimit is too small");
            }
            evict(entries.get(victim.id()));
        }
    }

    private boolean isElite(Entry entry) {
        Island island = islands.get(entry.island());
        return entry.id().equals(island.grid.get(entry.cell())) || island.archive.contains(entry.id());
    }

    private void evict(Entry victim) {
        Island island = islands.get(victim.island());
        String id = victim.id();
        island.members.remove(victim);
        island.ranked.remove(victim);
        island.codeHashes.remove(victim.codeSha256());
        island.grid.remove(victim.cell(), id);
        island.archive.remove(id);
        evictionOrder.remove(evictionKeys.remove(id));
        entries.put(id, victim.pack());
        populationSize--;
    }

    private Program uniform(List<Entry> candidates) {
        return candidates.get(random.nextInt(candidates.size())).program();
    }

    private Program weighted(List<Entry> candidates) {
        double total = 0;
        for (Entry candidate : candidates) {
            total += Math.max(0.0, candidate.fitness());
        }
        if (total <= 0) {
            return uniform(candidates);
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        for (Entry candidate : candidates) {
            cumulative += Math.max(0.0, candidate.fitness());
            if (target < cumulative) {
                return candidate.program();
            }
        }
        // rounding left target at the very top: the last program with positive weight
        for (int i = candidates.size() - 1; ; i--) {
            if (candidates.get(i).fitness() > 0) {
                return candidates.get(i).program();
            }
        }
    }

    private void shuffle(List<String> ids) {
        for (int i = ids.size() - 1; i > 0; i--) {
            Collections.swap(ids, i, random.nextInt(i + 1));
        }
    }

    private List<Program> programs(Iterable<String> ids) {
        List<Program> programs = new ArrayList<>();
        ids.forEach(id -> programs.add(entries.get(id).program()));
        return Collections.unmodifiableList(programs);
    }

    private Island islandAt(int island) {
        requireIsland(island);
        return islands.get(island);
    }

    private void requireIsland(int island) {
        if (island < 0 || island >= islands.size()) {
            throw new IllegalArgumentException("island " + island + " does not exist; islands are 0.." + (islands.size() - 1));
        }
    }

    // ---- snapshot and restore ----

    /**
     * The complete state, as plain records that Jackson writes and reads: every program in the order it was added,
     * the islands, the feature ranges and the random generator's state. {@link #restore(Snapshot)} gives a
     * database that answers every further call exactly as this one would. The program list only grows at its end
     * and its elements never change, so a checkpoint may append new programs to a file and rewrite only the rest,
     * which is small; the whole list is needed again for {@link #restore}.
     */
    public Snapshot snapshot() {
        List<StoredProgram> programs = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            programs.add(new StoredProgram(entry.program(), entry.succeeded() ? Status.SUCCEEDED : Status.FAILED,
                    entry.features().clone(), entry.cell()));
        }
        List<IslandState> islandStates = new ArrayList<>();
        for (Island island : islands) {
            islandStates.add(new IslandState(island.members.stream().map(Entry::id).toList(), new TreeMap<>(island.grid), List.copyOf(island.archive)));
        }
        String randomState = Base64.getEncoder().encodeToString(
                ((RandomProviderDefaultState) random.saveState()).getState());
        return new Snapshot(SNAPSHOT_FORMAT, config, programs, islandStates, featureMin.clone(), featureMax.clone(),
                randomState, lastMigrationGeneration);
    }

    /** A database in exactly the state {@code snapshot} was taken in. */
    public static ProgramDatabase restore(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (snapshot.format() != SNAPSHOT_FORMAT) {
            throw new IllegalArgumentException("snapshot format " + snapshot.format() + " is not supported (expected "
                    + SNAPSHOT_FORMAT + "); it was written by another version of aiopt-junit");
        }
        ProgramDatabase database = new ProgramDatabase(snapshot.config());
        if (snapshot.islands().size() != database.islands.size()
                || snapshot.featureMin().length != database.featureMin.length
                || snapshot.featureMax().length != database.featureMax.length) {
            throw new IllegalArgumentException("snapshot does not match its own configuration (islands or feature dimensions)");
        }
        database.random.restoreState(new RandomProviderDefaultState(Base64.getDecoder().decode(snapshot.randomState())));
        Set<String> onIslands = new HashSet<>();
        snapshot.islands().forEach(island -> onIslands.addAll(island.members()));
        for (StoredProgram stored : snapshot.programs()) {
            Program program = stored.program();
            boolean succeeded = stored.status() == Status.SUCCEEDED;
            if (onIslands.contains(program.id()) && !succeeded) {
                throw new IllegalArgumentException("snapshot puts program " + program.id() + " on an island although it failed");
            }
            Entry entry = onIslands.contains(program.id())
                    ? Entry.live(program, database.nextSequence++, stored.features().clone(), stored.cell())
                    : Entry.packed(program, succeeded, database.nextSequence++, stored.features().clone(), stored.cell());
            if (database.entries.put(program.id(), entry) != null) {
                throw new IllegalArgumentException("snapshot holds program " + program.id() + " twice");
            }
            database.firstIdByCodeHash.putIfAbsent(program.codeSha256(), program.id());
            if (database.features == null) {
                database.features = new Features(snapshot.config().featureDimensions(), program.code());
            }
            if (succeeded && (database.bestId == null || program.fitness() > database.entries.get(database.bestId).fitness())) {
                database.bestId = program.id();
            }
        }
        for (int i = 0; i < database.islands.size(); i++) {
            IslandState state = snapshot.islands().get(i);
            Island island = database.islands.get(i);
            for (String id : state.members()) {
                Entry member = database.require(id);
                island.members.add(member);
                island.ranked.add(member);
                island.codeHashes.add(member.codeSha256());
            }
            state.grid().values().forEach(database::require);
            island.grid.putAll(state.grid());
            state.archive().forEach(database::require);
            island.archive.addAll(state.archive());
            database.populationSize += island.members.size();
        }
        for (Island island : database.islands) {
            island.members.forEach(database::updateEvictionKey);
        }
        System.arraycopy(snapshot.featureMin(), 0, database.featureMin, 0, database.featureMin.length);
        System.arraycopy(snapshot.featureMax(), 0, database.featureMax, 0, database.featureMax.length);
        database.lastMigrationGeneration = snapshot.lastMigrationGeneration();
        return database;
    }

    private Entry require(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("snapshot refers to program " + id + " but does not hold it");
        }
        return entry;
    }

    /**
     * The whole state of a {@link ProgramDatabase}, for checkpoints; Jackson-serialisable.
     *
     * @param format snapshot format version
     * @param config the configuration (including the seed)
     * @param programs every program in the order it was added
     * @param islands per island: members, grid and archive, by program id
     * @param featureMin running minimum per feature dimension
     * @param featureMax running maximum per feature dimension
     * @param randomState Base64 of the random generator's state
     * @param lastMigrationGeneration the last generation that migrated, -1 if none
     */
    public record Snapshot(int format, DatabaseConfig config, List<StoredProgram> programs, List<IslandState> islands,
            double[] featureMin, double[] featureMax, String randomState, int lastMigrationGeneration) {
        public Snapshot {
            Objects.requireNonNull(config, "config");
            programs = List.copyOf(programs);
            islands = List.copyOf(islands);
            Objects.requireNonNull(featureMin, "featureMin");
            Objects.requireNonNull(featureMax, "featureMax");
            Objects.requireNonNull(randomState, "randomState");
        }
    }

    /**
     * One program in a {@link Snapshot}.
     *
     * @param program the program
     * @param status whether it evaluated successfully
     * @param features its feature values (empty for a failed program)
     * @param cell the grid cell it was placed in, -1 for a failed program
     */
    public record StoredProgram(Program program, Status status, double[] features, int cell) {
        public StoredProgram {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(features, "features");
        }
    }

    /**
     * One island in a {@link Snapshot}.
     *
     * @param members ids of the programs on it, in arrival order
     * @param grid cell index to the id of its elite
     * @param archive ids of its elite archive, in the order they entered
     */
    public record IslandState(List<String> members, Map<Integer, String> grid, List<String> archive) {
        public IslandState {
            members = List.copyOf(members);
            grid = Collections.unmodifiableMap(new TreeMap<>(grid));
            archive = List.copyOf(archive);
        }
    }
}
