package dev.aiopt.junit.internal.process;

import dev.aiopt.junit.internal.redact.Redactor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies one output stream of a command into its log file as it arrives: redacted line by line, the first
 * {@link OutputCap#headBytes()} bytes, then only the last {@link OutputCap#tailBytes()} in memory, written with
 * a marker when the stream ends. Bytes that are not UTF-8 become U+FFFD. The same text is kept in memory, so
 * what a command printed survives a log file that cannot be written (a full disk).
 */
final class OutputCapture implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final Path file;
    private final OutputCap cap;
    private final String streamName;
    private final StringBuilder kept = new StringBuilder();
    private OutputStream out;
    private volatile long total;
    private volatile IOException failure;
    /** The thread copying the stream, set by whoever starts it. */
    Thread thread;

    OutputCapture(InputStream in, Path file, OutputCap cap, String streamName) {
        this.in = in;
        this.file = file;
        this.cap = cap;
        this.streamName = streamName;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[cap.tailBytes()];
        long tailWritten = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        } catch (IOException e) {
            failure = e;
        }
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int i = 0;
                for (; i < n && total < cap.headBytes(); i++) {
                    byte b = buffer[i];
                    line.write(b);
                    total++;
                    if (b == '\n' || line.size() >= MAX_LINE || total == cap.headBytes()) {
                        emit(line);
                    }
                }
                // Past the head: only the ring of the last bytes, copied in bulk.
                while (i < n) {
                    int at = (int) (tailWritten % tail.length);
                    int chunk = Math.min(n - i, tail.length - at);
                    System.arraycopy(buffer, i, tail, at, chunk);
                    i += chunk;
                    tailWritten += chunk;
                    total += chunk;
                }
                flush();
            }
        } catch (IOException e) {
            // the pipe broke: keep what arrived
        }
        emit(line);
        if (tailWritten > 0) {
            writeTail(tail, tailWritten);
        }
        close();
    }

    private void writeTail(byte[] tail, long tailWritten) {
        int keptBytes = (int) Math.min(tailWritten, tail.length);
        byte[] last = new byte[keptBytes];
        int start = (int) ((tailWritten - keptBytes) % tail.length);
        for (int i = 0; i < keptBytes; i++) {
            last[i] = tail[(start + i) % tail.length];
        }
        long dropped = tailWritten - keptBytes;
        if (dropped > 0) {
            sink("\n[aiopt: " + dropped + " bytes of " + streamName + " left out here; kept the first "
                    + cap.headBytes() + " and the last " + keptBytes + " of " + total + "]\n");
        }
        sink(Redactor.redact(new String(last, StandardCharsets.UTF_8)));
    }

    private void emit(ByteArrayOutputStream line) {
        if (line.size() > 0) {
            sink(Redactor.redact(line.toString(StandardCharsets.UTF_8)));
            line.reset();
        }
    }

    private void sink(String text) {
        synchronized (kept) {
            kept.append(text);
        }
        if (out != null) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    // The log cannot be written (a full disk): go on in memory, so the command is never blocked on a full pipe.
    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // already failing
        }
        out = null;
    }

    /** What was kept, as written to the file; complete once the copying thread has ended. */
    String text() {
        synchronized (kept) {
            return kept.toString();
        }
    }

    /** Bytes the command printed on this stream. */
    long total() {
        return total;
    }

    /** Bytes printed but not kept. */
    long dropped() {
        return Math.max(0, total - cap.headBytes() - cap.tailBytes());
    }

    /** Why the log could not be written, if it could not. */
    IOException failure() {
        return failure;
    }
}
