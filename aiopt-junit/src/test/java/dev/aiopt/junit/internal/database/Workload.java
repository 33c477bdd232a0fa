package dev.aiopt.junit.internal.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for the evolution loop: per step it picks an island round-robin, samples a parent,
 * asks for inspirations, derives a child with unique code and a pseudo-measured fitness (from its own generator,
 * independent of the database's), and records everything the database answered.
 */
final class Workload {
    static final String INITIAL_CODE = initialCode(40);

    private final SplittableRandom measurements;
    private final int stepsPerGeneration;
    final List<String> answers = new ArrayList<>();

    Workload(long measurementSeed, int stepsPerGeneration) {
        this.measurements = new SplittableRandom(measurementSeed);
        this.stepsPerGeneration = stepsPerGeneration;
    }

    static String initialCode(int lines) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            code.append("  int v").append(i).append(" = compute(").append(i).append(");\n");
        }
        return code.toString();
    }

    static Program initial() {
        return Program.of("init", null, 0, 0, INITIAL_CODE, Map.of("ops_per_sec", 1000.0), 1.0);
    }

    static ProgramDatabase started(DatabaseConfig config) {
        ProgramDatabase database = new ProgramDatabase(config);
        database.addInitial(initial());
        return database;
    }

    void run(ProgramDatabase database, int fromStep, int toStep) {
        for (int step = fromStep; step < toStep; step++) {
            step(database, step);
        }
    }

    void step(ProgramDatabase database, int step) {
        int generation = step / stepsPerGeneration + 1;
        if (step % stepsPerGeneration == 0) {
            database.migrateIfDue(generation).forEach(m -> answers.add("migrant " + m.id()));
        }
        int island = step % database.config().islands();
        ProgramDatabase.ParentChoice choice = database.sampleParent(island);
        Program parent = choice.program();
        answers.add("parent " + parent.id() + " " + choice.selection());
        database.inspirations(parent, 3).forEach(p -> answers.add("inspiration " + p.id()));
        String code = mutate(parent.code(), step);
        var duplicate = database.duplicateOf(Program.sha256(code));
        if (duplicate.isPresent()) {
            answers.add("duplicate of " + duplicate.get().id());
            return;
        }
        double fitness = Math.max(0.0, parent.fitness() + measurements.nextDouble(-0.05, 0.08));
        boolean failed = measurements.nextInt(7) == 0;
        Program child = Program.of("s" + step, parent.id(), generation, parent.island(), code,
                failed ? Map.of() : Map.of("ops_per_sec", fitness * 1000), failed ? 0.0 : fitness);
        database.add(child, failed ? ProgramDatabase.Status.FAILED : ProgramDatabase.Status.SUCCEEDED);
    }

    private String mutate(String code, int step) {
        List<String> lines = new ArrayList<>(code.lines().toList());
        int at = measurements.nextInt(lines.size() + 1);
        lines.add(at, "  v" + step + " += " + measurements.nextInt(100) + ";");
        if (lines.size() > 20 && measurements.nextBoolean()) {
            lines.remove(measurements.nextInt(lines.size()));
        }
        return String.join("\n", lines) + "\n";
    }
}
