package dev.aiopt.junit.internal.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.redact.RedactedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;

/**
 * Records every exchange with a model into {@code exchanges.jsonl} of the run directory, in the format
 * {@link ReplayModel} reads, so that any run can be replayed without network. Only successful exchanges are
 * recorded; prompts and answers pass through {@link Secrets#redact(String)}, so a recording never holds a key.
 * One record per key: a key already in the run's recording (a resumed run asking again for the candidate a kill
 * interrupted) gets the recorded answer, without asking the model or counting a call. Answers of an offline
 * model (a replay) are recorded marked {@code "replayed": true}, not as new exchanges. Around a model
 * {@linkplain Ledger#meter(Model) metered} by a ledger, an answer is recorded before the ledger bills it.
 *
 * <p>Public because it is used by {@code extension};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class RecordingModel implements Model {
    /** File name of the recording inside a run directory. */
    public static final String FILE_NAME = "exchanges.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model delegate;
    private final Path file;
    private final Map<ReplayKey, ModelReply> recorded;

    /** Records into {@code runDirectory}, continuing the recording a resumed run already holds there. */
    public RecordingModel(Model delegate, Path runDirectory) {
        Objects.requireNonNull(delegate, "delegate");
        this.delegate = delegate instanceof Ledger.Metered metered ? metered.around(Recorder::new)
                : new Recorder(delegate);
        this.file = runDirectory.toAbsolutePath().resolve(FILE_NAME);
        dropCutLine(file);
        this.recorded = ReplayModel.recorded(file);
    }

    // A kill during a write leaves a last line without its newline; the next record must not be glued to it.
    private static void dropCutLine(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                channel.truncate(keep);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair the model recording " + file, e);
        }
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        synchronized (this) {
            ModelReply earlier = recorded.get(request.key());
            if (earlier != null) {
                return earlier;
            }
        }
        return delegate.complete(request);
    }

    // Writes the record inside the ledger's meter: a kill after the bill (the journal's "spent" line) then
    // always finds the answer recorded, so a resumed run reuses what it paid for instead of losing it.
    private final class Recorder implements Model {
        private final Model model;

        Recorder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        @Override
        public ModelReply complete(ModelRequest request) {
            ModelReply reply = model.complete(request);
            return record(request, reply, model.offline());
        }

        @Override
        public String describe() {
            return model.describe();
        }

        @Override
        public boolean offline() {
            return model.offline();
        }
    }

    private ModelReply record(ModelRequest request, ModelReply reply, boolean offline) {
        ObjectNode line = JSON.createObjectNode();
        if (offline) {
            line.put("replayed", true);
        }
        ObjectNode key = line.putObject("key").put("parent", request.key().parentSha256())
                .put("ordinal", request.key().ordinal());
        if (request.key().reask() > 0) {
            key.put("reask", request.key().reask());
        }
        line.putObject("request").put("system", Secrets.redact(request.system()))
                .put("user", Secrets.redact(request.user()));
        ObjectNode response = line.putObject("response").put("content", Secrets.redact(reply.content()))
                .put("model", reply.model()).put("tokens_in", reply.tokensIn()).put("tokens_out", reply.tokensOut())
                .put("latency_ms", reply.latencyMillis());
        if (!reply.reasoning().isEmpty()) {
            response.put("reasoning", Secrets.redact(reply.reasoning()));
        }
        if (!reply.finishReason().isEmpty()) {
            response.put("finish_reason", reply.finishReason());
        }
        String text;
        try {
            text = JSON.writeValueAsString(line) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a model exchange", e);
        }
        synchronized (this) {
            if (recorded.putIfAbsent(request.key(), reply) != null) {
                return recorded.get(request.key()); // asked twice at once: the first answer is the record
            }
            try {
                RedactedFiles.append(file, text);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("cannot record model exchange into " + file, e.getCause());
            }
        }
        return reply;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public boolean offline() {
        return delegate.offline();
    }
}
