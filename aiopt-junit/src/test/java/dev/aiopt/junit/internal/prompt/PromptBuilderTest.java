package dev.aiopt.junit.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiopt.junit.internal.database.Program;
import dev.aiopt.junit.internal.prompt.Attempt.Outcome;
import dev.aiopt.junit.internal.prompt.PromptConfig.Mode;
import dev.aiopt.junit.internal.prompt.PromptConfig.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBuilderTest {
    private static final String TASK = "Make WriteImpl faster under fillrandom.";
    private static final String CODE = "Status DBImpl::WriteImpl() {\n  mutex_.Lock();\n  Write();\n  mutex_.Unlock();\n}\n";
    private static final Program GRANDPARENT = Program.of("g0", null, 0, 0, CODE + "// v0\n",
            Map.of("ops_per_sec", 1000.0, "p99", 10.0, "l0_files", 4.0), 1.0);
    private static final Program CURRENT = Program.of("g1-c0", "g0", 1, 0, CODE,
            Map.of("ops_per_sec", 1100.0, "p99", 12.5, "l0_files", 4.0), 1.05);

    private static Program other(String id, String extra, double fitness) {
        return Program.of(id, "g0", 1, 0, CODE + extra + "\n", Map.of("ops_per_sec", fitness * 1000), fitness);
    }

    private static PromptInput fullInput() {
        return PromptInput.of(TASK, CURRENT)
                .withCurrentParent(GRANDPARENT)
                .withAttempts(List.of(
                        new Attempt("g1-c1", Outcome.DIFF_NOT_APPLIED, "<<<<<<< SEARCH\nfoo\n=======\nbar\n>>>>>>> REPLACE",
                                "SEARCH block 1 matches nothing; nearest: line 3 '  Write();'"),
                        new Attempt("g1-c2", Outcome.REGRESSED, "<<<<<<< SEARCH\n  Write();\n=======\n  Write2();\n>>>>>>> REPLACE",
                                "throughput ratio 0.95 [0.93, 0.97], Mann-Whitney p = 0.002")))
                .withTopPrograms(List.of(other("g1-c3", "// best", 1.2)))
                .withInspirations(List.of(other("g1-c4", "// diverse", 0.9)))
                .withArtifacts(Map.of("build.log", "warning: unused variable", "verify.log", "OK 1000 keys"))
                .withCausalProfile("line 2: mutex_.Lock() 1% faster gives 0.8% throughput");
    }

    @Test
    void everySectionAppearsWhenItsInputIsGiven() {
        Prompt prompt = new PromptBuilder(PromptConfig.defaults()).build(fullInput());

        assertThat(prompt.user()).startsWith(TASK + "\n\n## Current program\n")
                .contains("## Focus: the current program versus its parent g0")
                .contains("## Causal profile of the current program")
                .contains("## Artifacts of the current program's evaluation", "### build.log", "### verify.log")
                .contains("## Previous attempts on this program (oldest first)")
                .contains("### Attempt g1-c1: the edit blocks did not apply", "SEARCH block 1 matches nothing")
                .contains("### Attempt g1-c2: regressed", "throughput ratio 0.95 [0.93, 0.97], Mann-Whitney p = 0.002")
                .contains("## Top programs of this island", "### Program g1-c3 (fitness 1.2)")
                .contains("## Inspirations: other diverse programs of this island", "### Program g1-c4 (fitness 0.9)")
                .doesNotContain("omitted");
        assertThat(prompt.user().indexOf("## Previous attempts")).isLessThan(prompt.user().indexOf("## Top programs"));
    }

    @Test
    void sectionsWithoutInputOrSwitchedOffAreAbsent() {
        Prompt minimal = new PromptBuilder(PromptConfig.defaults()).build(PromptInput.of(TASK, CURRENT));
        assertThat(minimal.user()).contains("## Current program")
                .doesNotContain("## Focus", "## Causal profile", "## Artifacts", "## Previous attempts", "## Top programs",
                        "## Inspirations")
                .doesNotContain("\n\n\n");

        PromptConfig blind = PromptConfig.defaults().withSections(EnumSet.of(Section.ATTEMPTS, Section.ARTIFACTS));
        Prompt switchedOff = new PromptBuilder(blind).build(fullInput());
        assertThat(switchedOff.user()).contains("## Previous attempts", "## Artifacts")
                .doesNotContain("## Focus", "## Causal profile", "## Top programs", "## Inspirations");
        assertThat(new PromptBuilder(PromptConfig.defaults().withSections(EnumSet.noneOf(Section.class)))
                .build(fullInput()).user()).isEqualTo(minimal.user());
    }

    @Test
    void blankCausalProfileIsLeftOut() {
        Prompt prompt = new PromptBuilder(PromptConfig.defaults()).build(PromptInput.of(TASK, CURRENT).withCausalProfile("  \n"));
        assertThat(prompt.user()).doesNotContain("## Causal profile");
    }

    @Test
    void listingsCarrySliceLineNumbersAndTheFormatSaysToCopyWithoutThem() {
        assertThat(PromptBuilder.numbered("a\n  b\n")).isEqualTo("   1| a\n   2|   b\n");
        assertThat(PromptBuilder.numbered("x\n".repeat(12_345))).startsWith("    1| x\n").endsWith("12345| x\n");

        Prompt diff = new PromptBuilder(PromptConfig.defaults()).build(fullInput());
        assertThat(diff.user()).contains("```cpp\n   1| Status DBImpl::WriteImpl() {\n   2|   mutex_.Lock();\n")
                .contains("   6| // best\n");
        assertThat(diff.system()).contains("<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE")
                .contains("copy SEARCH text WITHOUT the line-number prefix")
                .contains("larger cpp source");

        Prompt rewrite = new PromptBuilder(PromptConfig.defaults().withMode(Mode.FULL_REWRITE).withLanguage("c"))
                .build(fullInput());
        assertThat(rewrite.system()).contains("the complete new version of the slice in one fenced code\nblock (```c ... ```)")
                .contains("WITHOUT line-number prefixes")
                .doesNotContain("<<<<<<< SEARCH");
        assertThat(rewrite.user()).isEqualTo(new PromptBuilder(PromptConfig.defaults().withLanguage("c")).build(fullInput()).user());
    }

    @Test
    void focusNotesSayWhatImprovedAndWhatDeclinedHonouringDirection() {
        Program parent = Program.of("p", null, 0, 0, "x\n", Map.of("ops_per_sec", 1000.0, "p99", 10.0, "gone", 1.0), 1.0);
        Program current = Program.of("c", "p", 1, 0, "y\n", Map.of("ops_per_sec", 900.0, "p99", 8.0, "fresh", 2.0), 0.8);
        String user = new PromptBuilder(PromptConfig.defaults()).build(PromptInput.of(TASK, current).withCurrentParent(parent)).user();

        assertThat(user).contains("""
                ## Focus: the current program versus its parent p

                Fitness: 1 -> 0.8 (-20.0%)
                Improved:
                - p99: 10 -> 8 (-20.0%, lower is better)
                Declined:
                - ops_per_sec: 1000 -> 900 (-10.0%)
                Unchanged:
                - fresh: new, 2
                - gone: no longer reported (was 1)
                """);
    }

    @Test
    void longArtifactsAreCutInTheMiddleWithAMarkerSayingHowMuch() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            log.append("line ").append(i).append(": error: something went wrong here\n");
        }
        String text = log.toString();
        String cut = PromptBuilder.truncate(text, 1000);

        assertThat(cut.length()).isLessThanOrEqualTo(1000);
        assertThat(cut).startsWith("line 0: error").endsWith("line 999: error: something went wrong here\n");
        String marker = cut.lines().filter(l -> l.startsWith("[... ")).findFirst().orElseThrow();
        int omitted = Integer.parseInt(marker.replaceAll("\\D", ""));
        String[] parts = cut.split("\\[\\.\\.\\. \\d+ characters omitted \\.\\.\\.]\n");
        assertThat(parts[0].length() + omitted + parts[1].length()).isEqualTo(text.length());
        assertThat(text).startsWith(parts[0]).endsWith(parts[1]);
        assertThat(PromptBuilder.truncate("short", 1000)).isEqualTo("short");

        Prompt prompt = new PromptBuilder(PromptConfig.defaults().withLimits(200_000, 1000))
                .build(PromptInput.of(TASK, CURRENT).withArtifacts(Map.of("build.log", text)));
        assertThat(prompt.user()).contains(marker).contains("line 999: error");
    }

    @Test
    void oldestAttemptsAreDroppedFirstToStayWithinTheLimitAndThePromptSaysSo() {
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            attempts.add(new Attempt("a" + i, Outcome.COMPILE_ERROR, "", "error: " + "x".repeat(300) + " #" + i));
        }
        PromptInput input = fullInput().withAttempts(attempts);
        Prompt unbounded = new PromptBuilder(PromptConfig.defaults()).build(input);

        Prompt oneLess = new PromptBuilder(PromptConfig.defaults().withLimits(unbounded.length() - 1, 4000)).build(input);
        assertThat(oneLess.length()).isLessThanOrEqualTo(unbounded.length() - 1);
        assertThat(oneLess.user()).contains("(1 older attempt omitted to fit the prompt size limit.)")
                .doesNotContain("### Attempt a0:").contains("### Attempt a1:", "### Attempt a29:");

        int limit = unbounded.length() - 3000;
        Prompt bounded = new PromptBuilder(PromptConfig.defaults().withLimits(limit, 4000)).build(input);
        assertThat(bounded.length()).isLessThanOrEqualTo(limit);
        int firstKept = attempts.size();
        for (int i = attempts.size() - 1; i >= 0 && bounded.user().contains("### Attempt a" + i + ":"); i--) {
            firstKept = i;
        }
        assertThat(firstKept).isBetween(2, 29);
        assertThat(bounded.user()).contains("(" + firstKept + " older attempts omitted to fit the prompt size limit.)");
        for (int i = 0; i < firstKept; i++) {
            assertThat(bounded.user()).doesNotContain("### Attempt a" + i + ":");
        }
        assertThat(bounded.user()).contains("## Top programs", "## Inspirations", "## Artifacts", "## Causal profile");
    }

    @Test
    void whenAttemptsAreNotEnoughInspirationsThenTopProgramsThenArtifactsGo() {
        PromptInput input = fullInput().withArtifacts(Map.of("build.log", "w".repeat(3000)));
        Prompt full = new PromptBuilder(PromptConfig.defaults()).build(input);
        Prompt noHistory = new PromptBuilder(PromptConfig.defaults())
                .build(input.withAttempts(List.of()).withInspirations(List.of()).withTopPrograms(List.of()));

        Prompt tight = new PromptBuilder(PromptConfig.defaults().withLimits(noHistory.length() + 400, 4000)).build(input);
        assertThat(tight.length()).isLessThanOrEqualTo(noHistory.length() + 400);
        assertThat(tight.user()).contains("(2 older attempts omitted", "## Top programs of this island\n\n(1 program omitted",
                "## Inspirations: other diverse programs of this island\n\n(1 program omitted").contains("wwww");

        Prompt tighter = new PromptBuilder(PromptConfig.defaults().withLimits(noHistory.length() - 2000, 4000)).build(input);
        assertThat(tighter.user()).contains("## Artifacts of the current program's evaluation\n\n(omitted to fit the prompt size limit.)")
                .doesNotContain("wwww");
        assertThat(full.length()).isGreaterThan(tight.length());

        assertThatThrownBy(() -> new PromptBuilder(PromptConfig.defaults().withLimits(1000, 4000))
                .build(PromptInput.of(TASK, Program.of("big", null, 0, 0, "int x;\n".repeat(500), Map.of(), 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the prompt for program big needs ")
                .hasMessageEndingWith("characters with only the task and the current program, more than maxChars = 1000;"
                        + " raise the prompt size limit or shorten the slice");
    }

    @Test
    void programsWithCodeAlreadyShownAreNotListedAgain() {
        Program sameAsCurrent = Program.of("twin", "g0", 1, 0, CODE, Map.of(), 1.05);
        Program top = other("top", "// t", 2);
        Program topAgain = Program.of("top-copy", "g0", 1, 0, top.code(), Map.of(), 2);
        String user = new PromptBuilder(PromptConfig.defaults()).build(PromptInput.of(TASK, CURRENT)
                .withTopPrograms(List.of(top, sameAsCurrent)).withInspirations(List.of(topAgain, other("i", "// i", 1)))).user();
        assertThat(user).contains("### Program top ", "### Program i ").doesNotContain("### Program twin", "### Program top-copy");
    }

    @Test
    void codeContainingBackticksGetsALongerFence() {
        Program withFence = Program.of("f", null, 0, 0, "// ```cpp example\nint x;\n", Map.of(), 1);
        String user = new PromptBuilder(PromptConfig.defaults()).build(PromptInput.of(TASK, withFence)).user();
        assertThat(user).contains("````cpp\n   1| // ```cpp example\n   2| int x;\n````\n");
    }

    @Test
    void sameInputsGiveTheSamePrompt() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a.log", "first");
        forward.put("z.log", "last");
        Map<String, String> backward = new HashMap<>();
        backward.put("z.log", "last");
        backward.put("a.log", "first");
        Prompt one = new PromptBuilder(PromptConfig.defaults()).build(fullInput().withArtifacts(forward));
        Prompt two = new PromptBuilder(PromptConfig.defaults()).build(fullInput().withArtifacts(backward));

        assertThat(two).isEqualTo(one);
        assertThat(one.user().indexOf("### a.log")).isLessThan(one.user().indexOf("### z.log"));
    }

    @Test
    void minimalPromptHasThisExactLayout() {
        Program program = Program.of("g0", null, 0, 0, "int f() {\n  return 1;\n}\n",
                Map.of("p99", 10.5, "ops_per_sec", 123456.789), 1.0);
        assertThat(new PromptBuilder(PromptConfig.defaults()).build(PromptInput.of(TASK, program)).user()).isEqualTo("""
                Make WriteImpl faster under fillrandom.

                ## Current program

                Id: g0 (generation 0)
                Fitness: 1
                Metrics:
                - ops_per_sec: 123457
                - p99: 10.5 (lower is better)

                ```cpp
                   1| int f() {
                   2|   return 1;
                   3| }
                ```

                Improve the fitness of the current program. Learn from the previous attempts: do not repeat a change that
                failed or did not help.
                """);
    }

    @Test
    void templatesCanBeOverriddenFromADirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("system-diff.txt"), "SYSTEM diff for {{language}}\n");
        Files.writeString(dir.resolve("system-rewrite.txt"), "SYSTEM rewrite\n");
        Files.writeString(dir.resolve("user.txt"), "TASK: {{task}}PROGRAM:\n{{current_program}}\n{{attempts}}END\n");
        PromptBuilder builder = new PromptBuilder(PromptConfig.defaults(), PromptTemplates.fromDirectory(dir));

        Prompt prompt = builder.build(fullInput());
        assertThat(prompt.system()).isEqualTo("SYSTEM diff for cpp\n");
        assertThat(prompt.user()).startsWith("TASK: " + TASK + "\n\nPROGRAM:\n## Current program\n")
                .contains("## Previous attempts").endsWith("END\n").doesNotContain("## Top programs");
    }

    @Test
    void aBrokenTemplateDirectoryIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("system-diff.txt"), "x\n");
        Files.writeString(dir.resolve("user.txt"), "{{current_program}}\n");
        assertThatThrownBy(() -> PromptTemplates.fromDirectory(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prompt template directory " + dir + " has no file system-rewrite.txt;");

        Files.writeString(dir.resolve("system-rewrite.txt"), "rewrite {{langauge}}\n");
        assertThatThrownBy(() -> PromptTemplates.fromDirectory(dir))
                .hasMessageStartingWith("prompt template " + dir.resolve("system-rewrite.txt")
                        + " uses unknown placeholder {{langauge}}; known placeholders: [{{artifacts}}, {{attempts}},");

        Files.writeString(dir.resolve("system-rewrite.txt"), "rewrite\n");
        Files.writeString(dir.resolve("user.txt"), "{{task}}\n");
        assertThatThrownBy(() -> PromptTemplates.fromDirectory(dir))
                .hasMessage("prompt template user.txt does not use {{current_program}}; without it the model never sees"
                        + " the program to improve");
        assertThatThrownBy(() -> PromptTemplates.fromDirectory(dir.resolve("missing")))
                .hasMessage("prompt template directory " + dir.resolve("missing") + " does not exist or is not a directory");
    }
}
