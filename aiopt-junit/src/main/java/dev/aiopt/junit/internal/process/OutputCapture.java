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
 * a marker when the stream ends. Bytes that are not UTF-8 become U+FFFD.
 */
final class OutputCapture implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final Path file;
    private final OutputCap cap;
    private final String streamName;
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
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int i = 0;
                for (; i < n && total < cap.headBytes(); i++) {
                    byte b = buffer[i];
                    line.write(b);
                    total++;
                    if (b == '\n' || line.size() >= MAX_LINE || total == cap.headBytes()) {
                        emit(line, out);
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
                out.flush();
            }
            emit(line, out);
            if (tailWritten > 0) {
                writeTail(out, tail, tailWritten);
            }
        } catch (IOException e) {
            failure = e;
            drain();
        }
    }

    private void writeTail(OutputStream out, byte[] tail, long tailWritten) throws IOException {
        int kept = (int) Math.min(tailWritten, tail.length);
        byte[] last = new byte[kept];
        int start = (int) ((tailWritten - kept) % tail.length);
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(start + i) % tail.length];
        }
        long dropped = tailWritten - kept;
        if (dropped > 0) {
            String marker = "\n[aiopt: " + dropped + " bytes of " + streamName + " left out here; kept the first "
                    + cap.headBytes() + " and the last " + kept + " of " + total + "]\n";
            out.write(marker.getBytes(StandardCharsets.UTF_8));
        }
        out.write(Redactor.redact(new String(last, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    private static void emit(ByteArrayOutputStream line, OutputStream out) throws IOException {
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            out.write(Redactor.redact(text).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }

    // The log cannot be written (a full disk): keep reading so that the command is not blocked on a full pipe.
    private void drain() {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // the stream is gone
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
