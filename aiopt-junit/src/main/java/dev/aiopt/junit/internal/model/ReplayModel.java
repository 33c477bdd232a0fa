package dev.aiopt.junit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers from a recording (JSON Lines, one exchange a line) instead of a live model. Each line has a
 * {@code key} object ({@code parent}: SHA-256 of the parent slice, {@code ordinal}) and a {@code response}
 * object ({@code content}, optional {@code model}, {@code tokens_in}, {@code tokens_out}); recordings written
 * by {@link RecordingModel} also carry the {@code request}. A request with no recording fails clearly.
 *
 * <p>Public because it is used by {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class ReplayModel implements Model {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Map<ReplayKey, ModelReply> replies;

    private ReplayModel(String source, Map<ReplayKey, ModelReply> replies) {
        this.source = source;
        this.replies = Map.copyOf(replies);
    }

    /** Reads a recording file, or {@code exchanges.jsonl} inside a recorded run directory. */
    public static ReplayModel fromPath(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RecordingModel.FILE_NAME) : path;
        if (!Files.isRegularFile(file)) {
            throw new ModelException("no model recording at " + file
                    + ": point aiopt.model=replay:<dir> at a run directory that holds " + RecordingModel.FILE_NAME);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model recording " + file, e);
        }
    }

    /** Reads a recording from a stream; {@code source} names it in messages. */
    public static ReplayModel read(String source, InputStream in) throws IOException {
        return new ReplayModel(source, exchanges(source, in, false));
    }

    /**
     * The exchanges of a run's own recording, for a resumed run: a last line cut short by a kill is dropped.
     * Empty when there is no recording yet.
     */
    static Map<ReplayKey, ModelReply> recorded(Path file) {
        if (!Files.isRegularFile(file)) {
            return new HashMap<>();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return exchanges(file.toString(), in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model recording " + file, e);
        }
    }

    private static Map<ReplayKey, ModelReply> exchanges(String source, InputStream in, boolean lastMayBeCut)
            throws IOException {
        Map<ReplayKey, ModelReply> replies = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        int number = 0;
        while (line != null) {
            number++;
            String next = reader.readLine();
            if (line.isBlank()) {
                line = next;
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                JsonNode key = node.path("key");
                JsonNode response = node.path("response");
                if (!key.path("parent").isTextual() || !response.path("content").isTextual()) {
                    throw new IllegalArgumentException("needs key.parent and response.content as text");
                }
                if (key.has("ordinal") && !key.get("ordinal").canConvertToInt()) {
                    throw new IllegalArgumentException("key.ordinal must be a whole number");
                }
                if (key.has("reask") && !key.get("reask").canConvertToInt()) {
                    throw new IllegalArgumentException("key.reask must be a whole number");
                }
                ReplayKey replayKey = new ReplayKey(key.get("parent").asText(), key.path("ordinal").asInt(0),
                        key.path("reask").asInt(0));
                ModelReply reply = new ModelReply(response.get("content").asText(),
                        response.path("model").asText("replay"), response.path("tokens_in").asLong(0),
                        response.path("tokens_out").asLong(0), 0, response.path("reasoning").asText(""),
                        response.path("finish_reason").asText(""));
                // A key recorded twice: a resumed run asked again for a candidate its killed session had asked
                // for; the later answer is the one that landed, so it wins.
                replies.put(replayKey, reply);
            } catch (IOException | IllegalArgumentException e) {
                if (lastMayBeCut && next == null && e instanceof IOException) {
                    break; // the write a kill interrupted
                }
                throw new ModelException(source + " line " + number + " is not a recorded exchange ("
                        + e.getMessage() + "); fix or remove that line, or record the run again");
            }
            line = next;
        }
        return replies;
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        ModelReply reply = replies.get(request.key());
        if (reply == null) {
            throw new MissingAnswerException("offline replay: " + source + " has no response for key "
                    + MissingAnswerException.json(request.key()) + " (request " + (request.key().ordinal() + 1)
                    + " for that parent program" + (request.key().reask() > 0 ? ", re-ask " + request.key().reask()
                    + " after a reply that reproduced code the run already had" : "") + "); add the line {\"key\":" + MissingAnswerException.json(request.key())
                    + ",\"response\":{\"content\":\"<SEARCH/REPLACE blocks>\"}} to " + source
                    + ", record one with a live model, or use a longer recording");
        }
        return reply;
    }

    /** How many exchanges the recording holds. */
    public int size() {
        return replies.size();
    }

    @Override
    public String describe() {
        return "offline replay of " + source;
    }

    @Override
    public boolean offline() {
        return true;
    }
}
