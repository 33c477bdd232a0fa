package dev.aiopt.junit.internal.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.descriptive.Kurtosis;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Min;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * Noise parameters fitted to real db_bench data in the test resources (see {@code stats/README.md}):
 * per-run log spread, its tail weight (excess kurtosis) and the throughput/p99 correlation from 15 interleaved
 * repeats per configuration ({@code db_bench_repeats.csv}), and the depth of a transient slowdown from a
 * per-second throughput series ({@code fillrandom_t2_nowal_stall_report.csv}).
 *
 * @param config db_bench configuration the row set came from
 * @param runs runs fitted
 * @param throughputSigma sd of log(ops/sec)
 * @param p99Sigma sd of log(p99)
 * @param correlation correlation of log(ops/sec) and log(p99)
 * @param throughputExcessKurtosis excess kurtosis of log(ops/sec), about 0 for log-normal
 * @param slowdownDepth 1 - min/median of per-second throughput after the first (warm-up) second
 */
record NoiseFit(String config, int runs, double throughputSigma, double p99Sigma, double correlation,
        double throughputExcessKurtosis, double slowdownDepth) {

    static final String REPEATS = "/stats/db_bench_repeats.csv";
    static final String PER_SECOND = "/stats/fillrandom_t2_nowal_stall_report.csv";

    static NoiseFit load(String config) {
        List<double[]> rows = new ArrayList<>();
        for (String[] row : csv(REPEATS)) {
            if (row[1].equals(config)) {
                rows.add(new double[] {Math.log(Double.parseDouble(row[2])), Math.log(Double.parseDouble(row[4]))});
            }
        }
        if (rows.size() < 5) {
            throw new IllegalStateException(REPEATS + " has " + rows.size() + " rows for config '" + config
                    + "': need at least 5 (pipelined or unpipelined)");
        }
        double[] logThroughput = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] logP99 = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] perSecond = csv(PER_SECOND).stream().skip(1).mapToDouble(r -> Double.parseDouble(r[1])).toArray();
        double depth = 1 - Min.of(perSecond).getAsDouble() / Median.withDefaults().evaluate(perSecond);
        return new NoiseFit(config, rows.size(), StandardDeviation.of(logThroughput).getAsDouble(),
                StandardDeviation.of(logP99).getAsDouble(), correlation(logThroughput, logP99),
                Kurtosis.of(logThroughput).getAsDouble(), depth);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Rows after the header, split on commas. */
    private static List<String[]> csv(String resource) {
        InputStream in = NoiseFit.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("test resource " + resource + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    NoiseModel model(String name) {
        return new NoiseModel(name, throughputSigma, p99Sigma, correlation, Double.POSITIVE_INFINITY, 0, 1, 0, true);
    }

    String describe() {
        return String.format(Locale.ROOT,
                "db_bench %s, %d runs: ops/sec CV %.1f%%, p99 CV %.1f%%, corr(log ops, log p99) %.2f,"
                        + " excess kurtosis of log ops %.2f; per-second slowdown depth %.0f%%",
                config, runs, NoiseModel.cv(throughputSigma) * 100, NoiseModel.cv(p99Sigma) * 100, correlation,
                throughputExcessKurtosis, slowdownDepth * 100);
    }
}
