package dev.aiopt.junit.internal.evolution;

import dev.aiopt.junit.internal.database.Program;
import java.util.List;

/**
 * A planned candidate: its parent as the database holds it on this island, and the prompt's context.
 *
 * @param id e.g. {@code g2-c1}
 * @param generation from 1
 * @param island the island its parent was drawn from
 * @param parent the parent as the database holds it
 * @param parentResult the parent's landed result
 * @param ordinalBase the first replay ordinal of its model requests
 * @param inspirations programs shown to the model for inspiration
 * @param topPrograms the island's best programs, shown to the model
 */
record Slot(String id, int generation, int island, Program parent, ProgramResult parentResult, int ordinalBase,
        List<Program> inspirations, List<Program> topPrograms) {
}
