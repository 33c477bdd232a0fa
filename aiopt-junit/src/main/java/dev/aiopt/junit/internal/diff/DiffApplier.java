package dev.aiopt.junit.internal.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applies SEARCH/REPLACE blocks to a slice. Blocks apply in order ({@link #CONVENTION}); a SEARCH part matches
 * whole lines only. An exact match is used when there is exactly one; otherwise exactly one match that ignores
 * trailing whitespace, blank lines and a uniform indentation shift is used, the REPLACE lines re-indented to the
 * slice, and the block noted as applied with whitespace tolerance. Where earlier blocks wrote copies of the quoted
 * lines, the slice's own (unique, untouched) place is the match; a block that would mean one place in the slice
 * and another in the edited code is refused. {@code EVOLVE-BLOCK} marker lines that open or close both parts
 * identically are dropped; any other marker line rejects the block. Every rejection names the block and the exact
 * difference, on lines of its own.
 *
 * <p>Public because it is used by {@code evolution}, {@code offline};
 * not part of the API (the module exports only {@code dev.aiopt.junit}).
 */
public final class DiffApplier {
    /** The sequencing rule, worded for the system prompt. */
    public static final String CONVENTION = "Blocks apply in order: each SEARCH must match exactly one place in the"
            + " code as the blocks before it left it, whole lines, whitespace included.";
    // Listings in prompts carry "  12| " prefixes; a model that copies them has still quoted the right lines.
    private static final Pattern LINE_NUMBER = Pattern.compile("^\\s*\\d+\\s?\\| ?");
    private static final List<String> MARKERS = List.of("EVOLVE-BLOCK-START", "EVOLVE-BLOCK-END");

    private DiffApplier() {
    }

    /** Parses {@code reply} and applies its blocks to {@code slice}; returns the new slice. */
    public static String apply(String slice, String reply) {
        return edit(slice, DiffParser.parse(reply)).text();
    }

    /** Applies parsed blocks to {@code slice}; returns the new slice. */
    public static String apply(String slice, List<SearchReplace> blocks) {
        return edit(slice, blocks).text();
    }

    /** Parses {@code reply} and applies its blocks to {@code slice}, noting blocks applied with tolerance. */
    public static AppliedEdit edit(String slice, String reply) {
        return edit(slice, DiffParser.parse(reply));
    }

    /** Applies parsed blocks to {@code slice}, noting blocks applied with whitespace tolerance. */
    public static AppliedEdit edit(String slice, List<SearchReplace> blocks) {
        List<List<String>> versions = new ArrayList<>();
        versions.add(linesOf(slice.replace("\r\n", "\n")));
        List<String> notes = new ArrayList<>();
        // Where each current line came from in the slice (-1: written by a block), and what each block replaced.
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < versions.get(0).size(); i++) {
            origin.add(i);
        }
        List<Set<Integer>> changedBy = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            SearchReplace block = blocks.get(b);
            String label = "block " + (b + 1) + " of " + blocks.size() + " (reply line " + block.replyLine() + ")";
            List<String> text = versions.get(versions.size() - 1);
            List<String> search = linesOf(block.search());
            List<String> replace = linesOf(block.replace());
            if (BlockMatch.exact(text, search).isEmpty() && allNumbered(search)) {
                search = unnumbered(search);
                replace = allNumbered(replace) ? unnumbered(replace) : replace;
            }
            List<List<String>> parts = dropEdgeMarkers(search, replace);
            search = parts.get(0);
            replace = parts.get(1);
            checkMarkers(label, search, replace);
            if (search.stream().allMatch(String::isBlank)) {
                throw new DiffException(label + ": the SEARCH part holds only EVOLVE-BLOCK marker lines, which are"
                        + " not part of the slice; quote the first lines of code between the markers");
            }
            BlockMatch m = match(label, b, blocks.size(), versions, origin, search);
            boolean tolerated = m.tolerant();
            checkSameConvention(label, m, search, versions.get(0), origin, changedBy, blocks.size());
            List<String> next = new ArrayList<>(text);
            List<String> lines = tolerated ? m.reindent(replace) : replace;
            Set<Integer> changed = new HashSet<>();
            for (int i = m.from(); i < m.to(); i++) {
                changed.add(origin.get(i));
            }
            changedBy.add(changed);
            next.subList(m.from(), m.to()).clear();
            next.addAll(m.from(), lines);
            origin.subList(m.from(), m.to()).clear();
            origin.addAll(m.from(), Collections.nCopies(lines.size(), -1));
            if (tolerated) {
                notes.add(label + " applied with whitespace tolerance: its SEARCH differs from slice lines "
                        + (m.from() + 1) + "-" + m.to() + " in indentation, trailing whitespace or blank lines;"
                        + " quote lines exactly next time");
            }
            versions.add(next);
        }
        List<String> result = versions.get(versions.size() - 1);
        return new AppliedEdit(result.stream().map(l -> l + "\n").collect(Collectors.joining()), notes);
    }

    private static BlockMatch match(String label, int b, int count, List<List<String>> versions,
            List<Integer> origin, List<String> search) {
        List<String> text = versions.get(versions.size() - 1);
        String where = b == 0 ? "in the slice" : "in the code as the earlier blocks left it";
        List<BlockMatch> exact = BlockMatch.exact(text, search);
        if (exact.size() == 1) {
            return exact.get(0);
        }
        Optional<BlockMatch> original = untouchedOriginal(exact, search, versions.get(0), origin);
        if (original.isPresent()) {
            return original.get();
        }
        if (exact.size() > 1) {
            throw new DiffException(label + ": the SEARCH text matches " + exact.size() + " places " + where
                    + " (lines " + starts(exact) + "); quote more surrounding lines so that it matches exactly once");
        }
        List<BlockMatch> tolerant = BlockMatch.tolerant(text, search);
        original = untouchedOriginal(tolerant, search, versions.get(0), origin);
        if (original.isPresent()) {
            return original.get();
        }
        if (tolerant.size() > 1) {
            throw new DiffException(label + ": the SEARCH text matches nothing exactly, and " + tolerant.size()
                    + " places (lines " + starts(tolerant) + ") when whitespace is ignored;"
                    + " copy the old lines exactly, whitespace included, and quote more of them");
        }
        if (tolerant.isEmpty()) {
            throw new DiffException(noMatch(label, b, count, versions, search));
        }
        return tolerant.get(0);
    }

    // Several matches in the edited code, where earlier blocks wrote copies of the quoted lines: the one place
    // that is still the slice's own code, and the only match in the slice, is what the model quoted.
    private static Optional<BlockMatch> untouchedOriginal(List<BlockMatch> matches, List<String> search,
            List<String> slice, List<Integer> origin) {
        if (matches.size() < 2) {
            return Optional.empty();
        }
        Optional<BlockMatch> before = uniqueIn(slice, search);
        return before.flatMap(o -> matches.stream().filter(m -> sameLines(m, o, origin)).findFirst());
    }

    private static Optional<BlockMatch> uniqueIn(List<String> slice, List<String> search) {
        List<BlockMatch> found = BlockMatch.exact(slice, search);
        if (found.isEmpty()) {
            found = BlockMatch.tolerant(slice, search);
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static boolean sameLines(BlockMatch now, BlockMatch before, List<Integer> origin) {
        boolean same = now.to() - now.from() == before.to() - before.from();
        for (int k = 0; same && k < now.to() - now.from(); k++) {
            same = origin.get(now.from() + k) == before.from() + k;
        }
        return same;
    }

    // A block that matches the untouched slice in one place and the edited code in another would mean different
    // edits under the two conventions a model may assume (in order, or each to the original): refuse it.
    private static void checkSameConvention(String label, BlockMatch now, List<String> search, List<String> slice,
            List<Integer> origin, List<Set<Integer>> changedBy, int count) {
        if (changedBy.isEmpty()) {
            return;
        }
        Optional<BlockMatch> unique = uniqueIn(slice, search);
        if (unique.isEmpty() || sameLines(now, unique.get(), origin)) {
            return;
        }
        BlockMatch before = unique.get();
        int j = 0;
        while (j < changedBy.size() && changedBy.get(j).stream().noneMatch(i -> i >= before.from() && i < before.to())) {
            j++;
        }
        throw new DiffException(label + ": the SEARCH text quotes slice lines " + (before.from() + 1) + "-"
                + before.to() + ", which " + (j < changedBy.size() ? "block " + (j + 1) + " of " + count : "an earlier block")
                + " already changed, and matches other lines (" + (now.from() + 1) + "-" + now.to()
                + ") of the code as the earlier blocks left it.\n" + CONVENTION
                + "\nMerge the blocks, or quote the code as the earlier block leaves it.");
    }

    private static String noMatch(String label, int b, int count, List<List<String>> versions, List<String> search) {
        List<String> text = versions.get(versions.size() - 1);
        for (int j = versions.size() - 2; j >= 0; j--) {
            List<String> earlier = versions.get(j);
            if (BlockMatch.exact(earlier, search).size() == 1 || BlockMatch.tolerant(earlier, search).size() == 1) {
                return label + ": the SEARCH text quotes lines that block " + (j + 1) + " of " + count
                        + " already changed.\n" + CONVENTION + "\nMerge the blocks, or quote the code as block "
                        + (j + 1) + " leaves it.";
            }
        }
        return label + ": the SEARCH text matches nothing in the " + (b == 0 ? "slice" : "code as the earlier blocks"
                + " left it") + ".\n" + NearestLines.describe(text, search)
                + "\nCopy the old lines exactly, whitespace included, without line numbers.";
    }

    // An EVOLVE-BLOCK marker line that opens (or closes) both parts identically was quoted for context.
    private static List<List<String>> dropEdgeMarkers(List<String> search, List<String> replace) {
        List<String> s = BlockMatch.trimBlankEdges(search);
        List<String> r = BlockMatch.trimBlankEdges(replace);
        boolean changed = false;
        if (!s.isEmpty() && !r.isEmpty() && isMarker(s.get(0)) && s.get(0).strip().equals(r.get(0).strip())) {
            s = s.subList(1, s.size());
            r = r.subList(1, r.size());
            changed = true;
        }
        if (!s.isEmpty() && !r.isEmpty() && isMarker(s.get(s.size() - 1))
                && s.get(s.size() - 1).strip().equals(r.get(r.size() - 1).strip())) {
            s = s.subList(0, s.size() - 1);
            r = r.subList(0, r.size() - 1);
            changed = true;
        }
        return changed ? List.of(s, r) : List.of(search, replace);
    }

    private static boolean isMarker(String line) {
        return MARKERS.stream().anyMatch(line::contains);
    }

    private static void checkMarkers(String label, List<String> search, List<String> replace) {
        for (String marker : MARKERS) {
            if (search.stream().anyMatch(l -> l.contains(marker)) || replace.stream().anyMatch(l -> l.contains(marker))) {
                throw new DiffException(label + " contains the " + marker
                        + " marker; the markers are not part of the slice: change only the code between them");
            }
        }
    }

    private static List<String> linesOf(String text) {
        List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static boolean allNumbered(List<String> lines) {
        return !lines.isEmpty() && lines.stream().allMatch(l -> LINE_NUMBER.matcher(l).find());
    }

    private static List<String> unnumbered(List<String> lines) {
        return lines.stream().map(l -> LINE_NUMBER.matcher(l).replaceFirst("")).toList();
    }

    private static String starts(List<BlockMatch> matches) {
        return matches.stream().map(m -> String.valueOf(m.from() + 1)).collect(Collectors.joining(", "));
    }
}
