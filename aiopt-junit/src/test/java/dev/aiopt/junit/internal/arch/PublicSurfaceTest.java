package dev.aiopt.junit.internal.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type below the API package says why it is public: the module exports only
 * {@code dev.aiopt.junit}, and a type made public without a reason is how an internal type leaks into signatures.
 */
class PublicSurfaceTest {
    private static final Path INTERNAL = Path.of("src/main/java/dev/aiopt/junit/internal");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    @Test
    void everyPublicInternalTypeSaysWhyInItsJavadoc() throws IOException {
        List<String> withoutReason;
        try (Stream<Path> files = Files.walk(INTERNAL)) {
            withoutReason = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                    .flatMap(p -> withoutReason(p).stream()).toList();
        }
        assertThat(withoutReason).as("public internal types whose Javadoc has no 'Public because' sentence").isEmpty();
    }

    @Test
    void theCheckSeesATypeWithoutAReason() throws IOException {
        Path file = Files.createTempFile("Leaky", ".java");
        Files.writeString(file, "package x;\n/** Something. */\npublic final class Leaky {\n}\n");
        assertThat(withoutReason(file)).containsExactly("Leaky");
        Files.writeString(file, "package x;\n/**\n * Something.\n *\n * <p>Public because it is used by {@code y}.\n"
                + " */\npublic final class Leaky {\n}\n");
        assertThat(withoutReason(file)).isEmpty();
        Files.delete(file);
    }

    private static List<String> withoutReason(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PUBLIC_TYPE.matcher(source);
        if (!m.find()) {
            return List.of();
        }
        String head = source.substring(0, m.start());
        int doc = head.lastIndexOf("/**");
        boolean reasoned = doc >= 0 && head.substring(doc).contains("Public because");
        return reasoned ? List.of() : List.of(m.group(1));
    }
}
