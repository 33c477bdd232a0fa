package dev.aiopt.junit.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The unknown-key error's parts: the nearest known key, and the catalogue grouped by concern. */
final class KeyList {
    private static final List<String> CONCERNS = List.of("search and run", "target: tree, build, verify, benchmark",
            "profiling", "fitness", "model, budget and prices", "gate", "other");

    private KeyList() {
    }

    /** The known key nearest to {@code unknown} by edit distance, if near enough to be a likely typo. */
    static Optional<String> nearest(String unknown, List<KeySpec> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String wanted = unknown.toLowerCase(Locale.ROOT);
        for (KeySpec spec : known) {
            int d = distance(wanted, spec.key().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = spec.key();
            }
        }
        int allowed = Math.max(2, wanted.length() / 4);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Every key with its variables and description, under one heading per concern. */
    static String grouped(List<KeySpec> known) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        CONCERNS.forEach(c -> groups.put(c, new ArrayList<>()));
        for (KeySpec spec : known) {
            groups.get(concern(spec.key())).add("    " + spec.key()
                    + (spec.envVars().isEmpty() ? "" : " (" + String.join(", ", spec.envVars()) + ")")
                    + ": " + spec.description());
        }
        StringBuilder out = new StringBuilder();
        groups.forEach((concern, lines) -> {
            if (!lines.isEmpty()) {
                out.append("  ").append(concern).append(":\n");
                lines.forEach(line -> out.append(line).append('\n'));
            }
        });
        return out.toString().stripTrailing();
    }

    static String concern(String key) {
        String name = key.substring("aiopt.".length());
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        return switch (head) {
            case "track", "generations", "candidates", "minFitness", "seed", "maxAttempts", "parallelism", "islands",
                    "mode", "resume", "outputDir" -> CONCERNS.get(0);
            case "target", "build", "workspace", "verify", "bench", "metrics" -> CONCERNS.get(1);
            case "bcoz", "bperf" -> CONCERNS.get(2);
            case "weight" -> CONCERNS.get(3);
            case "model", "models", "apiKey", "apiKeyFile", "apiBase", "budget", "prices", "pricesFile" -> CONCERNS.get(4);
            case "gate" -> CONCERNS.get(5);
            default -> CONCERNS.get(6);
        };
    }
}
