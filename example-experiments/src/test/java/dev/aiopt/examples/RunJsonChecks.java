package dev.aiopt.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a finished run's {@code run.json} and lists where it contradicts issue 11's promises, knowing nothing of
 * the library's classes (plain Jackson, the formulas written out again), so that it checks the file a user reads:
 * <ul>
 *   <li>status and fitness agree with the parent's fitness: IMPROVED above it, REGRESSED below, NO_CHANGE equal;</li>
 *   <li>no fitness term is fed by a NO_DIFFERENCE point estimate: rebuilding every candidate's levels from its
 *       parent's (an axis moves by its ratio to the parent only when that decision is BETTER or WORSE; a guardrail
 *       breach forfeits the gains) and scoring them with the run's weights and caps gives its recorded fitness;</li>
 *   <li>every elite has a direct baseline comparison: every island best (an IMPROVED candidate above all measured
 *       programs of its island so far, so also every migrant) carries a direct re-measurement, and the champion
 *       is compared with the baseline itself.</li>
 * </ul>
 * Run after every run of {@link EmbeddedWritePathExperiment}, and by hand:
 * {@code java -cp <test classpath> dev.aiopt.examples.RunJsonChecks target/aiopt/.../run.json ...}.
 */
final class RunJsonChecks {
    private static final double EPSILON = 1e-9;

    private final JsonNode run;
    private final double wT;
    private final double wL;
    private final double wC;
    private final double capT;
    private final double capL;
    private final double floor;
    private final double ceiling;
    private final Map<String, JsonNode> byId = new HashMap<>();
    private final Map<String, double[]> levels = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int statusChecks;
    private int fitnessChecks;
    private int eliteChecks;

    private RunJsonChecks(JsonNode run) {
        this.run = run;
        JsonNode w = run.path("weights");
        wT = w.path("throughput").asDouble(0.3);
        wL = w.path("latency").asDouble(0.2);
        wC = w.path("causal").asDouble(0.3);
        capT = config("aiopt.cap.throughput", 4.0);
        capL = config("aiopt.cap.latency", 2.0);
        floor = 1 - config("aiopt.maxThroughputLoss", 1.0);
        ceiling = 1 + config("aiopt.maxP99Increase", Double.POSITIVE_INFINITY);
        for (JsonNode c : run.path("candidates")) {
            byId.put(c.path("id").asText(), c);
        }
    }

    /** The problems of one run.json, empty when it keeps every promise; the last line counts what was checked. */
    static List<String> check(Path runJson) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(runJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runJson, e);
        }
        RunJsonChecks checks = new RunJsonChecks(tree);
        checks.run();
        return List.copyOf(checks.problems);
    }

    /** One line: what was checked in {@code runJson}, and how many problems. */
    static String summary(Path runJson) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(runJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runJson, e);
        }
        RunJsonChecks checks = new RunJsonChecks(tree);
        checks.run();
        return String.format(Locale.ROOT, "%s: %d status/fitness pairs, %d fitness values rebuilt from decided axes,"
                + " %d elites with a direct baseline comparison checked: %s", runJson, checks.statusChecks,
                checks.fitnessChecks, checks.eliteChecks,
                checks.problems.isEmpty() ? "OK" : checks.problems.size() + " problem(s)");
    }

    /** Every run.json under {@code dir} whose last change is at or after {@code sinceMillis}. */
    static List<Path> runsUnder(Path dir, long sinceMillis) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("run.json"))
                    .filter(p -> p.toFile().lastModified() >= sinceMillis).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static void main(String[] args) {
        int bad = 0;
        for (String arg : args) {
            Path p = Path.of(arg);
            System.out.println(summary(p));
            for (String problem : check(p)) {
                System.out.println("  " + problem);
                bad++;
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }

    private void run() {
        String baselineId = run.path("baseline").path("id").asText("g0-baseline");
        JsonNode baseline = byId.get(baselineId);
        double baselineFitness = baseline == null ? wT + wL : baseline.path("fitness").asDouble(wT + wL);
        near(baselineFitness, score(new double[] {1, 1, 0}), baselineId + " (the baseline) fitness");
        levels.put(baselineId, new double[] {1, 1, 0});
        Map<Integer, Double> islandBest = new HashMap<>();
        for (JsonNode c : run.path("candidates")) {
            String id = c.path("id").asText();
            String status = c.path("status").asText();
            if (id.equals(baselineId) || c.path("fitness").isNull() || c.path("fitness").isMissingNode()) {
                continue;
            }
            double fitness = c.path("fitness").asDouble();
            JsonNode parent = byId.get(c.path("parentId").asText());
            if (parent == null) {
                problems.add(id + ": parent " + c.path("parentId").asText() + " is not in the run");
                continue;
            }
            JsonNode vs = c.path("comparison").path("vsParent");
            boolean judged = List.of("IMPROVED", "REGRESSED", "NO_CHANGE").contains(status);
            if (judged) {
                checkStatus(id, status, fitness, parent.path("fitness").asDouble());
                if (vs.isObject()) {
                    checkLevels(c, id, fitness, parent, vs);
                } else {
                    problems.add(id + ": " + status + " without statistics against its parent");
                }
            } else if (status.equals("DUPLICATE")) {
                levels.computeIfAbsent(id, k -> original(c));
            }
            if (judged) {
                int island = c.path("island").asInt();
                double best = Math.max(islandBest.getOrDefault(island, Double.NEGATIVE_INFINITY), baselineFitness);
                if (status.equals("IMPROVED") && fitness > best) {
                    eliteChecks++;
                    JsonNode cmp = c.path("comparison");
                    if (!cmp.path("basis").asText().equals("direct") || cmp.path("directRepeats").isNull()
                            || cmp.path("directRepeats").isMissingNode()) {
                        problems.add(id + ": became island " + island + "'s best without a direct re-measurement"
                                + " against the baseline (basis " + cmp.path("basis").asText() + ")");
                    } else if (!cmp.path("throughput").path("reference").asText().equals(baselineId)) {
                        problems.add(id + ": its direct comparison is against "
                                + cmp.path("throughput").path("reference").asText() + ", not the baseline");
                    }
                }
                if (fitness > islandBest.getOrDefault(island, Double.NEGATIVE_INFINITY)) {
                    islandBest.put(island, fitness);
                }
            }
        }
        JsonNode champion = run.path("champion");
        if (champion.isObject() && !champion.path("id").asText().equals(baselineId)) {
            eliteChecks++;
            if (champion.path("repeats").isNull() || champion.path("repeats").isMissingNode()
                    || !champion.path("throughput").path("reference").asText().equals(baselineId)) {
                problems.add("champion " + champion.path("id").asText() + ": no direct comparison with the baseline");
            }
        }
    }

    private void checkStatus(String id, String status, double fitness, double parentFitness) {
        statusChecks++;
        int sign = fitness > parentFitness + EPSILON ? 1 : fitness < parentFitness - EPSILON ? -1 : 0;
        int expected = switch (status) {
            case "IMPROVED" -> 1;
            case "REGRESSED" -> -1;
            default -> 0;
        };
        if (sign != expected) {
            problems.add(String.format(Locale.ROOT, "%s: %s with fitness %.6f against its parent's %.6f", id, status,
                    fitness, parentFitness));
        }
    }

    // Levels from the parent's: an axis moves only on a decision; a guardrail breach gives the gains back.
    private void checkLevels(JsonNode c, String id, double fitness, JsonNode parent, JsonNode vs) {
        double[] from = levels.get(parent.path("id").asText());
        if (from == null) {
            problems.add(id + ": its parent " + parent.path("id").asText() + " has no levels to start from");
            return;
        }
        JsonNode t = vs.path("throughput");
        JsonNode p = vs.path("p99");
        String td = t.path("decision").asText();
        String pd = p.path("decision").asText();
        double throughput = td.equals("NO_DIFFERENCE") ? from[0] : from[0] * t.path("ratio").asDouble();
        double p99 = pd.equals("NO_DIFFERENCE") ? from[1] : from[1] * p.path("ratio").asDouble();
        JsonNode realization = c.path("causal").path("realization");
        double causal = realization.isNumber() ? realization.asDouble() : from[2];
        boolean breach = td.equals("WORSE") && (t.path("ratio").asDouble() < floor || throughput < floor)
                || pd.equals("WORSE") && (p.path("ratio").asDouble() > ceiling || p99 > ceiling);
        if (breach) {
            throughput = td.equals("BETTER") ? from[0] : throughput;
            p99 = pd.equals("BETTER") ? from[1] : p99;
            causal = Math.min(causal, from[2]);
        }
        double[] mine = {throughput, p99, causal};
        levels.put(id, mine);
        fitnessChecks++;
        near(fitness, score(mine), String.format(Locale.ROOT, "%s fitness (throughput %s, p99 %s: levels x%.4f,"
                + " x%.4f, causal %.4f)", id, td, pd, throughput, p99, causal));
    }

    private double[] original(JsonNode duplicate) {
        String sha = duplicate.path("sliceSha256").asText();
        return run.findParents("sliceSha256").stream()
                .filter(n -> n.path("sliceSha256").asText().equals(sha) && levels.containsKey(n.path("id").asText()))
                .map(n -> levels.get(n.path("id").asText())).findFirst().orElse(null);
    }

    private double score(double[] l) {
        return wT * cap(l[0], capT) + wL * cap(1 / l[1], capL) + wC * l[2];
    }

    // The README's cap: exact up to the knee (1 + limit) / 2, then saturating towards the limit.
    private static double cap(double g, double limit) {
        double k = (1 + limit) / 2;
        if (g <= k) {
            return g;
        }
        double s = limit - k;
        return k + s * (g - k) / (s + g - k);
    }

    private void near(double actual, double expected, String what) {
        if (Math.abs(actual - expected) > EPSILON) {
            problems.add(String.format(Locale.ROOT, "%s is %.6f, the decided axes give %.6f", what, actual, expected));
        }
    }

    private double config(String key, double otherwise) {
        for (JsonNode e : run.path("configuration")) {
            if (e.path("key").asText().equals(key)) {
                String v = e.path("value").asText();
                return v.isBlank() || v.equals("null") ? otherwise : Double.parseDouble(v);
            }
        }
        return otherwise;
    }
}
