package dev.aiopt.junit.internal.metrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the metrics file a benchmark writes when {@value #ENV_VAR} names one. The file holds a JSON
 * object; numeric leaves become metrics, nested objects are flattened with dots
 * ({@code {"write": {"p99_us": 12.5}}} gives {@code write.p99_us = 12.5}), and other leaves (strings,
 * booleans, null, arrays) are ignored.
 */
final class MetricsJson {

    /** The environment variable that names the metrics file. */
    public static final String ENV_VAR = "AI_OPT_METRICS_JSON";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private MetricsJson() {
    }

    /**
     * Returns the metrics in {@code file}, in file order, as an unmodifiable map.
     *
     * @throws MetricsException if the file is missing or unreadable, is not valid JSON, does not hold
     *     an object, holds a number that is not finite, or yields the same flattened name twice
     */
    public static Map<String, Double> read(Path file) {
        if (!Files.exists(file)) {
            throw new MetricsException(describe(file) + " does not exist: the benchmark must write it before"
                    + " it exits, or unset " + ENV_VAR + " to use db_bench's own output");
        }
        if (!Files.isRegularFile(file)) {
            throw new MetricsException(describe(file) + " is not a regular file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new MetricsException(describe(file) + " is not valid JSON: " + e.getOriginalMessage()
                    + where(e.getLocation()), e);
        } catch (IOException e) {
            throw new MetricsException("cannot read " + describe(file) + ": " + e, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MetricsException(describe(file) + " is empty: expected a JSON object such as"
                    + " {\"ops_per_sec\": 123456.0}");
        }
        if (!root.isObject()) {
            throw new MetricsException(describe(file) + " holds a JSON " + root.getNodeType().name().toLowerCase()
                    + ", expected an object such as {\"ops_per_sec\": 123456.0}");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        flatten("", root, metrics, file);
        return Collections.unmodifiableMap(metrics);
    }

    private static void flatten(String prefix, JsonNode object, Map<String, Double> into, Path file) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(name + ".", value, into, file);
            } else if (value.isNumber()) {
                double number = value.doubleValue();
                if (!Double.isFinite(number)) {
                    throw new MetricsException("metric '" + name + "' in " + describe(file)
                            + " is not a finite number: " + value);
                }
                if (into.put(name, number) != null) {
                    throw new MetricsException("metric name '" + name + "' occurs twice in " + describe(file)
                            + " once nested objects are flattened with dots; rename one of them");
                }
            }
        }
    }

    private static String describe(Path file) {
        return "metrics file '" + file + "' (named by " + ENV_VAR + ")";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
