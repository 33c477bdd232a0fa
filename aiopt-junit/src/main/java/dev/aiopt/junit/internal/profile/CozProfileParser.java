package dev.aiopt.junit.internal.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reads coz's TSV (0.2.2, legacy {@code progress-point}, BCOZ) and JSON Lines formats, line by line. */
final class CozProfileParser {
    private static final String SOURCE = "coz profile";
    private static final String KNOWN_TYPES = "startup, experiment, throughput-point, progress-point, "
            + "latency-point, samples, runtime or shutdown";
    // What JavaScript's parseFloat accepts from coz's printf output, without its silent garbage tolerance.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,19}");
    private static final Pattern WIDE_INTEGER = Pattern.compile("[-+]?\\d{1,40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CozProfileParser() {
    }

    static List<CozRecord> parse(String text) {
        List<CozRecord> records = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            Fields fields = line.charAt(0) == '{' ? jsonFields(line, i + 1) : tsvFields(line, i + 1);
            records.add(fields.toRecord());
        }
        return List.copyOf(records);
    }

    private static Fields tsvFields(String line, int lineNumber) {
        String[] parts = line.split("\t");
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new ProfileFormatException(SOURCE, lineNumber,
                        "expected tab-separated key=value fields after the record type, found \"" + parts[i] + "\"",
                        line);
            }
            values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new Fields(parts[0], values, line, lineNumber);
    }

    private static Fields jsonFields(String line, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ProfileFormatException(SOURCE, lineNumber,
                    "expected one JSON object per line: " + e.getOriginalMessage(), line);
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new ProfileFormatException(SOURCE, lineNumber,
                    "expected a JSON object with a string \"type\" field", line);
        }
        Map<String, String> values = new HashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            // JSON Lines spells TSV's dashed keys with underscores (selected_samples); accept both.
            String key = e.getKey().replace('_', '-');
            values.put(key, v.isTextual() ? v.textValue() : v.toString());
        });
        return new Fields(node.get("type").textValue(), values, line, lineNumber);
    }

    private record Fields(String type, Map<String, String> values, String line, int lineNumber) {

        CozRecord toRecord() {
            switch (type) {
                case "startup":
                    return new CozRecord.Startup(integer("time"));
                case "shutdown":
                    return new CozRecord.Shutdown(integer("time"));
                case "runtime":
                    return new CozRecord.Runtime(integer("time"));
                case "samples":
                    return new CozRecord.Samples(text("location"), integer("count"));
                case "experiment":
                    return new CozRecord.Experiment(text("selected"), decimal("speedup"), wideInteger("duration"),
                            integer("selected-samples"),
                            values.containsKey("delay") ? OptionalLong.of(integer("delay")) : OptionalLong.empty());
                case "throughput-point":
                case "throughput_point":
                    return new CozRecord.ThroughputPoint(text("name"), integer("delta"), false);
                case "progress-point":
                    return new CozRecord.ThroughputPoint(text("name"), integer("delta"), true);
                case "latency-point":
                    return new CozRecord.LatencyPoint(text("name"), integer("arrivals"), integer("departures"),
                            integer("difference"));
                default:
                    throw new ProfileFormatException(SOURCE, lineNumber,
                            "expected a record type (" + KNOWN_TYPES + "), found \"" + abbreviate(type) + "\"", line);
            }
        }

        private String text(String key) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                throw missing(key, "a non-empty value");
            }
            return value;
        }

        private long integer(String key) {
            String value = values.get(key);
            if (value != null && INTEGER.matcher(value).matches()) {
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException outOfRange) {
                    // reported below
                }
            }
            throw missing(key, "a 64-bit integer");
        }

        /** An integer as JavaScript's parseInt reads it: any length, rounded to the nearest double. */
        private double wideInteger(String key) {
            String value = values.get(key);
            if (value == null || !WIDE_INTEGER.matcher(value).matches()) {
                throw missing(key, "an integer");
            }
            return Double.parseDouble(value);
        }

        private double decimal(String key) {
            String value = values.get(key);
            if (value == null || !DECIMAL.matcher(value).matches()) {
                throw missing(key, "a decimal number");
            }
            return Double.parseDouble(value);
        }

        private ProfileFormatException missing(String key, String what) {
            String found = values.containsKey(key) ? "\"" + abbreviate(values.get(key)) + "\"" : "nothing";
            return new ProfileFormatException(SOURCE, lineNumber,
                    "expected " + key + "= with " + what + " in a " + type + " record, found " + found, line);
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }
    }
}
