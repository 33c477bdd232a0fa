package dev.aiopt.junit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void credentialShapedTextIsMasked() {
        assertThat(Secrets.redact("key sk-proj-AbCdEf123456_xyz ok")).isEqualTo("key [REDACTED] ok");
        assertThat(Secrets.redact("Authorization: Bearer abc.def-123456")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(Secrets.redact("aiopt.apiKey=hunter2hunter2")).isEqualTo("aiopt.apiKey=[REDACTED]");
        assertThat(Secrets.redact("{\"api_key\": \"zzzzzzzz\"}")).isEqualTo("{\"api_key\": \"[REDACTED]\"}");
        assertThat(Secrets.redact("https://bob:pa55word@example.com/v1")).isEqualTo("https://[REDACTED]@example.com/v1");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "aiopt.apiKeyFile=/home/me/.openai max_tokens=4096 tokens_in=12 aiopt.budget.tokens=10000 "
                + "http://127.0.0.1:8000/v1 skip-list disk-based_compaction_options task-scheduler_v2 "
                + "the bearer tokens of a request";
        assertThat(Secrets.redact(text)).isEqualTo(text);
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void registeredSecretsAreMaskedWhateverTheirShape() {
        Secrets.register("plain-looking-token-value-42");
        assertThat(Secrets.redact("x=plain-looking-token-value-42;")).isEqualTo("x=[REDACTED];");
        Secrets.register("abc");
        assertThat(Secrets.redact("abc")).as("too short to register").isEqualTo("abc");
    }

    @Test
    void secretNamesAreRecognised() {
        assertThat(Secrets.isSecretName("aiopt.apiKey")).isTrue();
        assertThat(Secrets.isSecretName("OPENAI_API_KEY")).isTrue();
        assertThat(Secrets.isSecretName("github.token")).isTrue();
        assertThat(Secrets.isSecretName("db.password")).isTrue();
        assertThat(Secrets.isSecretName("aiopt.apiKeyFile")).isFalse();
        assertThat(Secrets.isSecretName("aiopt.budget.tokens")).isFalse();
        assertThat(Secrets.isSecretName("aiopt.model.maxTokens")).isFalse();
    }

    @Test
    void systemPropertiesAreScrubbedForSurefire() {
        System.setProperty("some.service.apiKey", "verysecretvalue-1");
        System.setProperty("aiopt.test.echo", "uses verysecretvalue-1 inside");
        try {
            assertThat(Secrets.scrubSystemProperties()).isGreaterThanOrEqualTo(2);
            assertThat(System.getProperty("some.service.apiKey")).isEqualTo("[REDACTED]");
            assertThat(System.getProperty("aiopt.test.echo")).isEqualTo("uses [REDACTED] inside");
        } finally {
            System.clearProperty("some.service.apiKey");
            System.clearProperty("aiopt.test.echo");
        }
    }
}
