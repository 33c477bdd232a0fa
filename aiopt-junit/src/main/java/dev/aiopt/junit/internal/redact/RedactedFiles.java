package dev.aiopt.junit.internal.redact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way aiopt persists or publishes text: run files, checkpoints and logs, report pages, exchanges and
 * program output all pass through {@link Redactor#redact(String)} here on their way to disk, so a key that
 * reached any of them (a candidate printed its environment, a model echoed its prompt) never lands in a file.
 *
 * <p>Public because it is used by {@code evolution}, {@code model}, {@code report}, {@code runfile};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class RedactedFiles {
    private static final AtomicLong TEMPORARIES = new AtomicLong();

    private RedactedFiles() {
    }

    /** Writes {@code text}, redacted, to {@code file} (parents created), replacing it atomically. */
    public static void write(Path file, String text) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            // Not createTempFile: its 0600 would make this file unlike every other output (which follow the umask).
            Path temp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + TEMPORARIES.incrementAndGet() + ".tmp");
            try {
                Files.writeString(temp, Redactor.redact(text), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends {@code text}, redacted, to {@code file} (created with its parents when missing). */
    public static void append(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Redactor.redact(text), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A writer that redacts what passes through it line by line, for text produced in pieces (a JSON
     * generator, a log): a line reaches {@code target} when its newline arrives, the rest on {@link Writer#close()}.
     * {@link Writer#flush()} also passes on a pending partial line, so a secret cut by a flush in its middle
     * could slip through: flush only at line ends.
     */
    public static Writer redacting(Writer target) {
        return new RedactingWriter(target);
    }

    private static final class RedactingWriter extends Writer {
        private final Writer target;
        private final StringBuilder line = new StringBuilder();

        RedactingWriter(Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                line.append(chars[i]);
                if (chars[i] == '\n') {
                    emit();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            emit();
            target.flush();
        }

        @Override
        public void close() throws IOException {
            emit();
            target.close();
        }

        private void emit() throws IOException {
            if (line.length() > 0) {
                target.write(Redactor.redact(line.toString()));
                line.setLength(0);
            }
        }
    }
}
