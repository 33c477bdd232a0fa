package dev.aiopt.junit.internal.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.Bench;
import dev.aiopt.junit.Build;
import dev.aiopt.junit.internal.config.ConfigurationException;
import dev.aiopt.junit.internal.evaluation.Commands;
import dev.aiopt.junit.internal.metrics.BenchFormat;
import dev.aiopt.junit.internal.metrics.BenchSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code @Bench(format, throughput, latency)} onto {@code aiopt.bench.format}, {@code .throughput} and
 * {@code .latency}: the catalogue's defaults when unset, the annotation over them, configuration parameters
 * over the annotation.
 */
class BenchFormatKeysTest {

    @Build("make")
    @Bench(value = "BM_Work", command = "./bench")
    static class Unset {
    }

    @Build("make")
    @Bench(value = "BM_Work", command = "./bench", format = "google-benchmark", throughput = "items_per_second",
            latency = "none")
    static class GoogleBenchmark {
    }

    @Test
    void unsetAttributesTakeTheCataloguesDefaults() {
        BenchSpec spec = spec(Unset.class, Map.of());

        assertThat(spec.format()).isEqualTo(BenchFormat.AUTO);
        assertThat(spec.throughput().metric()).isEqualTo("ops_per_sec");
        assertThat(spec.latency()).hasValueSatisfying(axis -> assertThat(axis.metric()).isEqualTo("p99_us"));
    }

    @Test
    void theAnnotationSetsThemAndConfigurationParametersWin() {
        BenchSpec annotated = spec(GoogleBenchmark.class, Map.of());
        BenchSpec overridden = spec(GoogleBenchmark.class, Map.of("aiopt.bench.format", "aiopt-metric",
                "aiopt.bench.throughput", "lookups_per_sec", "aiopt.bench.latency", "lookup_us.p99"));

        assertThat(annotated.format()).isEqualTo(BenchFormat.GOOGLE_BENCHMARK);
        assertThat(annotated.benchmark()).isEqualTo("BM_Work");
        assertThat(annotated.throughput().metric()).isEqualTo("items_per_second");
        assertThat(annotated.latency()).isEmpty();
        assertThat(overridden.format()).isEqualTo(BenchFormat.AIOPT_METRIC);
        assertThat(overridden.throughput().metric()).isEqualTo("lookups_per_sec");
        assertThat(overridden.latency()).hasValueSatisfying(a -> assertThat(a.metric()).isEqualTo("lookup_us.p99"));
    }

    @Test
    void anUnknownFormatIsAConfigurationErrorNamingTheFormats() {
        assertThatThrownBy(() -> spec(Unset.class, Map.of("aiopt.bench.format", "csv")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown benchmark format 'csv'; use one of db_bench, google-benchmark,"
                        + " aiopt-metric, auto");
    }

    private static BenchSpec spec(Class<?> type, Map<String, String> parameters) {
        Commands commands = TargetConfiguration.commands(TargetConfiguration.layers(type,
                key -> Optional.ofNullable(parameters.get(key))).resolve(), type);
        return commands.spec();
    }
}
