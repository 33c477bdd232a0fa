package dev.aiopt.junit.internal.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactorTest {
    @TempDir
    Path temp;

    @Test
    void registeredValuesAndCredentialShapesAreMasked() {
        Redactor.register("plain-value-of-a-key-99");
        assertThat(Redactor.redact("OPENAI_API_KEY=plain-value-of-a-key-99\n")).isEqualTo("OPENAI_API_KEY=[REDACTED]\n");
        assertThat(Redactor.redact("echo plain-value-of-a-key-99;")).isEqualTo("echo [REDACTED];");
        assertThat(Redactor.redact("key sk-proj-AbCdEf123456_xyz ok")).isEqualTo("key [REDACTED] ok");
        assertThat(Redactor.redact("Authorization: Bearer abc.def-123456")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(Redactor.redact("https://bob:pa55word@example.com/v1")).isEqualTo("https://[REDACTED]@example.com/v1");
        assertThat(Redactor.containsKnownSecret("x plain-value-of-a-key-99 y")).isTrue();
        assertThat(Redactor.containsKnownSecret("nothing here")).isFalse();
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "aiopt.apiKeyFile=/home/me/.openai max_tokens=4096 skip-list task-scheduler_v2 p99_us=12.5";
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void filesAreWrittenAndAppendedRedacted() throws IOException {
        Path file = temp.resolve("run/run.json");
        RedactedFiles.write(file, "{\"reason\": \"build printed sk-abcdefghijklmnop\"}\n");
        RedactedFiles.append(file, "Bearer tok3n-abcdef\n");

        assertThat(file).content().isEqualTo("{\"reason\": \"build printed [REDACTED]\"}\nBearer [REDACTED]\n");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).as("no temporary file left beside it").containsExactly(file);
        }
    }

    @Test
    void theWriterRedactsAKeySplitAcrossWrites() throws IOException {
        StringWriter target = new StringWriter();
        try (Writer writer = RedactedFiles.redacting(target)) {
            writer.write("line one sk-abcd");
            writer.write("efgh1234 continues\nline two ");
            writer.write("no key");
        }
        assertThat(target.toString()).isEqualTo("line one [REDACTED] continues\nline two no key");
    }
}
