package dev.aiopt.junit.internal.evaluation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The JSON form of {@link EvaluationUnit}s and {@link UnitResult}s, for shipping a unit to another machine and
 * its result back. Durations are ISO-8601 strings ({@code PT30M}); an empty optional is {@code null}.
 */
final class UnitJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule("aiopt-unit")
            .addSerializer(Duration.class, new JsonSerializer<>() {
                @Override
                public void serialize(Duration value, JsonGenerator out, SerializerProvider provider)
                        throws IOException {
                    out.writeString(value.toString());
                }
            })
            .addDeserializer(Duration.class, new JsonDeserializer<>() {
                @Override
                public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
                    return Duration.parse(in.getValueAsString());
                }
            })
            .addSerializer(optionalClass(), new JsonSerializer<>() {
                @Override
                public void serialize(Optional<String> value, JsonGenerator out, SerializerProvider provider)
                        throws IOException {
                    if (value.isPresent()) {
                        out.writeString(value.get());
                    } else {
                        out.writeNull();
                    }
                }
            })
            .addDeserializer(optionalClass(), new JsonDeserializer<>() {
                @Override
                public Optional<String> deserialize(JsonParser in, DeserializationContext context) throws IOException {
                    return Optional.ofNullable(in.getValueAsString());
                }

                @Override
                public Optional<String> getNullValue(DeserializationContext context) {
                    return Optional.empty();
                }
            }));

    private UnitJson() {
    }

    // Only Optional<String> occurs in the unit's records (Commands).
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Optional<String>> optionalClass() {
        return (Class) Optional.class;
    }

    /** The unit as JSON. */
    public static String write(Object unitOrResult) {
        try {
            return JSON.writeValueAsString(unitOrResult);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + unitOrResult.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A unit or result read back; {@code type} is {@link EvaluationUnit} or {@link UnitResult}. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
