package dev.aiopt.junit.internal.evolution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded exchanges for the test targets whose evolvable slice is one constant, {@code static const int kCost = 100;}
 * (dettarget, calibtarget): a reply sets it to another cost, keyed by the parent slice and the request's ordinal.
 */
final class CostReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostReplies() {}

    /** The slice of {@code root/file} with its cost set to {@code cost}, as a parent's slice is keyed. */
    static String slice(String root, String file, int cost) throws IOException {
        String source = Files.readString(Path.of(root, file), StandardCharsets.UTF_8);
        return SliceLocator.locate(file, source.replace("kCost = 100;", "kCost = " + cost + ";"), SliceSpec.markers())
                .text();
    }

    /** The exchange whose reply, to request {@code ordinal} on {@code parentSlice}, changes the cost {@code from} → {@code to}. */
    static ObjectNode exchange(String parentSlice, int ordinal, int from, int to) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("key").put("parent", Program.sha256(parentSlice)).put("ordinal", ordinal);
        node.putObject("response").put("content", "<<<<<<< SEARCH\nstatic const int kCost = " + from + ";\n=======\n"
                + "static const int kCost = " + to + ";\n>>>>>>> REPLACE\n").put("model", "recorded");
        return node;
    }

    /** One line of {@code exchanges.jsonl}. */
    static String line(ObjectNode exchange) throws JsonProcessingException {
        return JSON.writeValueAsString(exchange) + "\n";
    }
}
