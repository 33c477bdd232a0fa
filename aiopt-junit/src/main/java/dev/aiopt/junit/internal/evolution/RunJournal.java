package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiopt.junit.internal.model.Ledger;
import dev.aiopt.junit.internal.redact.RedactedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run's state as an append-only log, {@code journal.jsonl}: a header naming what the run is (schema,
 * experiment, track, seed, effective configuration, fitness weights), then one JSON line per planned generation
 * and per landed program, one per model call (the ledger: tokens, cost) and the wall clock at each landing, in
 * the order they happened. Landing a program appends one line, whatever the
 * population; resuming replays the lines (the program database is deterministic given its seed and the
 * operations, so replaying them rebuilds it exactly). A last line cut short by a kill is ignored.
 */
final class RunJournal implements AutoCloseable {
    static final String FILE_NAME = "journal.jsonl";
    static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the journal. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Header.class, name = "header"),
            @JsonSubTypes.Type(value = Plan.class, name = "plan"),
            @JsonSubTypes.Type(value = Landed.class, name = "landed"),
            @JsonSubTypes.Type(value = Spent.class, name = "spent"),
            @JsonSubTypes.Type(value = Clock.class, name = "clock"),
            @JsonSubTypes.Type(value = Started.class, name = "started")})
    sealed interface Entry permits Header, Plan, Landed, Spent, Clock, Started {
    }

    /**
     * What the run is; a resume must match it.
     *
     * @param settings every effective key and its (printable) value, but where the run's files go and whether
     *     it resumes
     */
    record Header(int schema, String experiment, String track, long seed, Map<String, String> settings,
            Fitness fitness) implements Entry {
    }

    /** A generation's draws, in candidate order. */
    record Plan(int generation, List<RunState.PlannedSlot> slots) implements Entry {
    }

    /**
     * A landed program and, unless it was a duplicate, how it entered the database.
     *
     * @param result the program
     * @param database its database entry; null when it did not enter the database
     */
    record Landed(ProgramResult result, DatabaseEntry database) implements Entry {
    }

    /**
     * A model call as the run's ledger recorded it, so that a resumed run still counts it against its budget.
     *
     * @param call the call
     * @param wallClockMillis the run's wall clock (all sessions) when it was recorded
     */
    record Spent(Ledger.Call call, long wallClockMillis) implements Entry {
    }

    /** The run's wall clock (all sessions) at a landing, so that a resumed run counts the time before a kill. */
    record Clock(long wallClockMillis) implements Entry {
    }

    /** A candidate passed the budget check and began: resumed, it finishes even when the budget is spent since. */
    record Started(String candidate) implements Entry {
    }

    /**
     * How a program entered the database.
     *
     * @param parentProgramId its parent's id in the database (a migrant copy's own id); null for the baseline
     * @param island the island it entered
     * @param succeeded whether it was measured (a failed program is kept for dedupe only)
     */
    record DatabaseEntry(String parentProgramId, int island, boolean succeeded) {
    }

    private final Path file;
    private final Writer out;

    private RunJournal(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            // Every line passes the one redaction point: a landed candidate's reason may quote a build's output.
            this.out = RedactedFiles.redacting(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run's journal " + file, e);
        }
    }

    /** Starts the journal of a new run with its header. */
    static RunJournal create(Path runDirectory, Header header) {
        RunJournal journal = new RunJournal(runDirectory.resolve(FILE_NAME));
        journal.append(header);
        return journal;
    }

    /** Continues the journal of a resumed run. */
    static RunJournal reopen(Path runDirectory) {
        return new RunJournal(runDirectory.resolve(FILE_NAME));
    }

    /** Appends one line and hands it to the operating system (it survives a kill of this JVM). */
    synchronized void append(Entry entry) {
        try {
            out.write(JSON.writeValueAsString(entry));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the run's journal " + file, e);
        }
    }

    /**
     * Every entry of a run's journal; a last line cut short by a kill is dropped.
     *
     * @throws IllegalStateException when the journal is missing, has no header, or a line before the last is
     *     broken
     */
    static List<Entry> read(Path runDirectory) {
        Path file = runDirectory.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resume from " + runDirectory + ": " + FILE_NAME
                    + " is missing or unreadable (" + e.getMessage() + "); resume a run that got past its baseline", e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readValue(line, Entry.class));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break; // the write the kill interrupted
                }
                throw new IllegalStateException(file + " line " + (i + 1) + " is broken (" + e.getOriginalMessage()
                        + "); the journal cannot be replayed", e);
            }
        }
        if (entries.isEmpty() || !(entries.get(0) instanceof Header)) {
            throw new IllegalStateException(file + " does not start with a header line; it is not a run's journal");
        }
        return entries;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    Path file() {
        return Objects.requireNonNull(file);
    }
}
