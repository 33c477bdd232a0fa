package dev.aiopt.junit.internal.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One case of the reply corpus under {@code src/test/resources/diff/corpus}: a slice, a model reply and what must
 * come of it. A file is {@code # key: value} header lines, then the sections {@code === slice}, {@code === reply}
 * and one of {@code === applied} (the exact new slice), {@code === tolerated} (the new slice, applied with
 * whitespace tolerance), {@code === rejected} (lines that the refusal must contain) or {@code === truncated}.
 */
record ReplyCorpus(String name, Map<String, String> header, String slice, String reply, String outcome,
        String expected) {
    static final List<String> OUTCOMES = List.of("applied", "tolerated", "rejected", "truncated");

    String source() {
        return header.getOrDefault("source", "?");
    }

    boolean rewrite() {
        return "rewrite".equals(header.get("mode"));
    }

    String finishReason() {
        return header.getOrDefault("finish", "");
    }

    List<String> expectedLines() {
        return expected.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return name;
    }

    static Stream<ReplyCorpus> all() {
        Path dir;
        try {
            dir = Path.of(Objects.requireNonNull(ReplyCorpus.class.getResource("/diff/corpus"), "diff/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().map(ReplyCorpus::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReplyCorpus read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        String outcome = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                String section = line.substring(4).strip();
                if (OUTCOMES.contains(section)) {
                    outcome = section;
                    section = "expected";
                }
                current = new StringBuilder();
                sections.put(section, current);
            } else if (current == null) {
                if (line.startsWith("# ") && line.contains(":")) {
                    header.put(line.substring(2, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
                }
            } else {
                current.append(line).append('\n');
            }
        }
        if (outcome == null || !sections.containsKey("slice") || !sections.containsKey("reply")) {
            throw new IllegalStateException(file + ": needs '=== slice', '=== reply' and one of " + OUTCOMES);
        }
        // The file's last line end is the split's artefact, not part of the expected text.
        String expected = sections.get("expected").toString();
        expected = expected.endsWith("\n") ? expected.substring(0, expected.length() - 1) : expected;
        String reply = sections.get("reply").toString();
        if ("reply".equals(header.get("crlf"))) {
            reply = reply.replace("\n", "\r\n");
        }
        String name = file.getFileName().toString().replace(".txt", "");
        return new ReplyCorpus(name, header, sections.get("slice").toString(), reply, outcome, expected);
    }
}
