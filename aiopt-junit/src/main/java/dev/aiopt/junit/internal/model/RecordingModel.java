package dev.aiopt.junit.internal.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.redact.RedactedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Records every exchange with a model into {@code exchanges.jsonl} of the run directory, in the format
 * {@link ReplayModel} reads, so that any run can be replayed without network. Only successful exchanges are
 * recorded; prompts and answers pass through {@link Secrets#redact(String)}, so a recording never holds a key.
 */
public final class RecordingModel implements Model {
    /** File name of the recording inside a run directory. */
    public static final String FILE_NAME = "exchanges.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model delegate;
    private final Path file;

    public RecordingModel(Model delegate, Path runDirectory) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.file = runDirectory.toAbsolutePath().resolve(FILE_NAME);
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        ModelReply reply = delegate.complete(request);
        ObjectNode line = JSON.createObjectNode();
        line.putObject("key").put("parent", request.key().parentSha256()).put("ordinal", request.key().ordinal());
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
