package dev.aiopt.junit.internal.offline;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.diff.DiffApplier;
import dev.aiopt.junit.internal.diff.DiffException;
import dev.aiopt.junit.internal.model.ModelException;
import dev.aiopt.junit.internal.slice.SliceException;
import dev.aiopt.junit.internal.slice.SliceLocator;
import dev.aiopt.junit.internal.slice.SliceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A directory of offline answers, one file each, turned into the answers a model would give. A file is either
 * a complete version of the slice (any extension but {@code .diff}; a whole source file with the
 * {@code EVOLVE-BLOCK} markers counts as the text between them), answered with the SEARCH/REPLACE blocks that
 * produce it, or, ending in {@code .diff}, a reply sent as it is (SEARCH/REPLACE blocks, which may
 * deliberately fail to apply). {@code <parent>--<name>.<ext>} applies to the version named {@code <parent>};
 * without {@code --} (or with the parent {@code baseline}) it applies to the unmodified slice. Files applying
 * to one parent answer that parent's candidates in file-name order: the first file the first candidate drawn on
 * it, and so on. Keys are derived as the evolution loop asks: the parent slice's SHA-256 and the first request
 * ordinal of the candidate ({@code position × maxAttempts}).
 */
final class OfflineVersions {
    static final String BASELINE = "baseline";
    static final String SEPARATOR = "--";

    /** One answer: its file, the parent it applies to, its place among that parent's files, the reply. */
    record Answer(String file, String name, String parentName, String parentSha256, int position, String reply) {
    }

    /** A program text the versions know, by the name that files use for it as a parent. */
    record Known(String name, String file) {
    }

    private final String source;
    private final Map<String, List<Answer>> answersByParentSha;
    private final Map<String, Known> knownBySha;

    private OfflineVersions(String source, Map<String, List<Answer>> answersByParentSha, Map<String, Known> knownBySha) {
        this.source = source;
        this.answersByParentSha = answersByParentSha;
        this.knownBySha = knownBySha;
    }

    String source() {
        return source;
    }

    /** The answers for a parent slice, in the order its candidates get them. */
    List<Answer> answersFor(String parentSha256) {
        return answersByParentSha.getOrDefault(parentSha256, List.of());
    }

    /** What the versions call this program text, if any version (or the baseline) is it. */
    Optional<Known> known(String parentSha256) {
        return Optional.ofNullable(knownBySha.get(parentSha256));
    }

    int size() {
        return answersByParentSha.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Resolves every file against the baseline slice.
     *
     * @param source the directory, for messages
     * @param files file name to content
     * @throws ModelException naming the file and the fix, for a name that does not parse, a parent that does
     *     not exist, a version whose parent is a rejected {@code .diff}, or a parent cycle
     */
    static OfflineVersions resolve(String source, Map<String, String> files, String baselineSlice) {
        if (files.isEmpty()) {
            throw new ModelException("offline versions " + source + " holds no version files; add one complete slice"
                    + " version per file, e.g. 01-faster.cc");
        }
        Map<String, String[]> byName = new TreeMap<>(); // name -> {file, parent name}
        for (String file : new TreeMap<>(files).keySet()) {
            String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
            String[] parts = base.split(SEPARATOR, -1);
            if (parts.length > 2 || parts[parts.length - 1].isEmpty() || (parts.length == 2 && parts[0].isEmpty())) {
                throw new ModelException("offline versions " + source + ": file name " + file + " does not parse;"
                        + " use <name>.<ext> (applies to the baseline) or <parent>" + SEPARATOR + "<name>.<ext>,"
                        + " with '" + SEPARATOR + "' at most once");
            }
            String name = parts[parts.length - 1];
            String parent = parts.length == 2 ? parts[0] : BASELINE;
            if (name.equals(BASELINE)) {
                throw new ModelException("offline versions " + source + ": " + file + " may not be named '" + BASELINE
                        + "' (that name is the unmodified slice); rename it");
            }
            String[] earlier = byName.put(name, new String[] {file, parent});
            if (earlier != null) {
                throw new ModelException("offline versions " + source + ": " + earlier[0] + " and " + file
                        + " are both named '" + name + "'; names (the part after " + SEPARATOR + ") must be unique");
            }
        }
        for (String[] entry : byName.values()) {
            if (!entry[1].equals(BASELINE) && !byName.containsKey(entry[1])) {
                throw new ModelException("offline versions " + source + ": " + entry[0] + " applies to '" + entry[1]
                        + "', which no file is named; known names: " + BASELINE + ", " + String.join(", ", byName.keySet()));
            }
        }
        Map<String, String> texts = new LinkedHashMap<>(); // name -> slice text, once resolved
        texts.put(BASELINE, baselineSlice);
        Map<String, String> rejected = new LinkedHashMap<>(); // name -> why its reply does not apply
        Map<String, List<Answer>> answers = new LinkedHashMap<>();
        Map<String, Known> known = new LinkedHashMap<>();
        known.put(Program.sha256(baselineSlice), new Known(BASELINE, ""));
        List<String> pending = new ArrayList<>(byName.keySet());
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (String name : List.copyOf(pending)) {
                String file = byName.get(name)[0];
                String parentName = byName.get(name)[1];
                if (rejected.containsKey(parentName)) {
                    throw new ModelException("offline versions " + source + ": " + file + " applies to '" + parentName
                            + "', whose reply does not apply (" + rejected.get(parentName) + "), so no candidate can"
                            + " ever have it as parent; fix " + byName.get(parentName)[0] + " or choose another parent");
                }
                String parentText = texts.get(parentName);
                if (parentText == null) {
                    continue;
                }
                String content = files.get(file).replace("\r\n", "\n");
                String reply;
                if (file.endsWith(".diff")) {
                    reply = content;
                    try {
                        texts.put(name, DiffApplier.apply(parentText, content));
                    } catch (DiffException e) {
                        rejected.put(name, e.getMessage());
                    }
                } else {
                    String text = sliceOf(source, file, content);
                    try {
                        reply = ReplyBlocks.between(parentText, text);
                    } catch (IllegalArgumentException e) {
                        throw new ModelException("offline versions " + source + ": " + file + ": " + e.getMessage());
                    }
                    texts.put(name, text);
                }
                String parentSha = Program.sha256(parentText);
                List<Answer> siblings = answers.computeIfAbsent(parentSha, k -> new ArrayList<>());
                siblings.add(new Answer(file, name, parentName, parentSha, siblings.size(), reply));
                if (texts.containsKey(name)) {
                    known.putIfAbsent(Program.sha256(texts.get(name)), new Known(name, file));
                }
                pending.remove(name);
                progress = true;
            }
        }
        if (!pending.isEmpty()) {
            throw new ModelException("offline versions " + source + ": the parents of " + pending
                    + " form a cycle; every chain of parents must end at the baseline");
        }
        // Files were visited in name order per round; order each parent's answers by file name.
        Map<String, List<Answer>> ordered = new LinkedHashMap<>();
        answers.forEach((sha, list) -> {
            List<Answer> sorted = new ArrayList<>(list);
            sorted.sort((x, y) -> x.file().compareTo(y.file()));
            List<Answer> renumbered = new ArrayList<>();
            for (Answer a : sorted) {
                renumbered.add(new Answer(a.file(), a.name(), a.parentName(), sha, renumbered.size(), a.reply()));
            }
            ordered.put(sha, List.copyOf(renumbered));
        });
        return new OfflineVersions(source, Map.copyOf(ordered), Map.copyOf(known));
    }

    private static String sliceOf(String source, String file, String content) {
        if (!content.contains("EVOLVE-BLOCK-START")) {
            return content.endsWith("\n") ? content : content + "\n";
        }
        try {
            return SliceLocator.locate(file, content, SliceSpec.markers()).text();
        } catch (SliceException e) {
            throw new ModelException("offline versions " + source + ": " + e.getMessage());
        }
    }
}
