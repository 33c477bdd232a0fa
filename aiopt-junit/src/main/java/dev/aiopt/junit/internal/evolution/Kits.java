package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.evaluation.BuiltProgram;
import dev.aiopt.junit.internal.evaluation.UnitProgram;
import dev.aiopt.junit.internal.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The run's build kits (each measured program's copy of the benchmark binaries, {@code programs/<id>/kit}): which
 * are kept, and how a dropped one comes back. With {@code aiopt.keepKits=references} a kit is kept only while its
 * program can be a reference: the baseline, the run's best (the champion candidate), each island's best, and the
 * parents of the generation being run. Every other kit is deleted between generations, its build and benchmark
 * logs kept. A program whose kit was dropped and that is drawn as a parent again is rebuilt from its slice inside
 * its child's evaluation unit ({@code programs/<child>/parent}): a kit is a function of the tree, the slice and
 * the build command, all of which the run holds. Object files are not kept: they live in the workspace, which
 * each candidate's build rewrites.
 */
final class Kits {
    /** The directories under a program's directory that hold binaries; everything else there is logs. */
    private static final List<String> BINARIES = List.of("kit", "profile-kit", "parent/kit");

    private final ExperimentPlan plan;
    private final RunState state;

    Kits(ExperimentPlan plan, RunState state) {
        this.plan = plan;
        this.state = state;
    }

    /**
     * A reference program for a unit: from its kit when it has one, else built again from its slice into
     * {@code rebuildDirectory} (whose {@code kit} it then is).
     */
    UnitProgram reference(ProgramResult program, Path rebuildDirectory) {
        return state.kitOf(program.id()).map(b -> UnitProgram.built(program.id(), b.kit()))
                .orElseGet(() -> UnitProgram.toBuild(program.id(), plan.slice().file(),
                        plan.slice().reassemble(program.slice()), rebuildDirectory));
    }

    /**
     * The programs that may serve as a reference from now on: the baseline, the run's best, each island's best
     * and {@code parents} (those of the generation about to run).
     */
    Set<String> references(Collection<String> parents) {
        Set<String> out = new LinkedHashSet<>();
        out.add(EvolutionRun.BASELINE_ID);
        Map<Integer, ProgramResult> islandBest = new TreeMap<>();
        ProgramResult best = null;
        for (ProgramResult r : state.results()) {
            if (!r.status().measured() || r.fitness() == null) {
                continue;
            }
            // The earliest wins ties, as RunRecord.best() does.
            if (best == null || r.fitness() > best.fitness()) {
                best = r;
            }
            ProgramResult b = islandBest.get(r.island());
            if (b == null || r.fitness() > b.fitness()) {
                islandBest.put(r.island(), r);
            }
        }
        if (best != null) {
            out.add(best.id());
        }
        islandBest.values().forEach(r -> out.add(r.id()));
        out.addAll(parents);
        return out;
    }

    /**
     * Deletes every kit but those of {@code references} (nothing with {@code aiopt.keepKits=all}); call only when
     * no evaluation runs, between generations.
     *
     * @return the bytes freed
     */
    long keepOnly(Set<String> references) {
        if (plan.run().disk().keepKits() == DiskSettings.KeepKits.ALL) {
            return 0;
        }
        Set<Path> kept = new HashSet<>();
        for (String id : references) {
            state.kitOf(id).ifPresent(b -> kept.add(b.kit().toAbsolutePath().normalize()));
        }
        for (String id : state.kitIds()) {
            if (!references.contains(id)) {
                state.dropKit(id);
            }
        }
        long freed = 0;
        Path programs = programsDirectory();
        if (!Files.isDirectory(programs)) {
            return 0;
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(programs)) {
            dirs = list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + programs, e);
        }
        for (Path dir : dirs) {
            for (String binaries : BINARIES) {
                Path kit = dir.resolve(binaries);
                if (Files.isDirectory(kit) && !kept.contains(kit.toAbsolutePath().normalize())) {
                    freed += bytes(kit);
                    delete(kit);
                }
            }
        }
        return freed;
    }

    /** Deletes a finished run's workspaces ({@code attempt}, the session's directory of them). */
    void deleteWorkspaces(Path attempt) {
        delete(attempt);
    }

    /** The size of the largest kit this run keeps now; 0 before the first. */
    long largestKitBytes() {
        long largest = 0;
        for (String id : state.kitIds()) {
            largest = Math.max(largest, state.kitOf(id).map(b -> bytes(b.kit())).orElse(0L));
        }
        return largest;
    }

    /** Whether a registered kit is on disk; a journal replay registers only those. */
    static boolean present(BuiltProgram program) {
        return Files.isDirectory(program.kit());
    }

    private Path programsDirectory() {
        return plan.run().directory().resolve("programs");
    }

    static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = new ArrayList<>();
            files.filter(Files::isRegularFile).forEach(regular::add);
            long total = 0;
            for (Path f : regular) {
                total += Files.size(f);
            }
            return total;
        } catch (IOException e) {
            return 0; // a file vanished while counted: the figure is only a bound's input
        }
    }

    private static void delete(Path dir) {
        try {
            Workspace.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the kit " + dir, e);
        }
    }
}
