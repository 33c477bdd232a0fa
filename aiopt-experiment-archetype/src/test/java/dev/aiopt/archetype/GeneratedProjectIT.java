package dev.aiopt.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Generates a project from the archetype as a new user would, in a fresh directory, and runs {@code mvn test}
 * on it: offline, against a repository holding only the staged library and archetype
 * ({@code invoker:install}) and, read-only behind it, what this build resolved itself
 * ({@code maven.repo.local.tail}), so that it works in CI's fresh clone where nothing is installed.
 */
class GeneratedProjectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "it-generated").toAbsolutePath();

    @Test
    void theGeneratedProjectPassesMvnTestWithAnImprovedCandidate() throws Exception {
        delete(WORK);
        Files.createDirectories(WORK);
        Process generate = maven(WORK, "generate.log",
                "org.apache.maven.plugins:maven-archetype-plugin:" + property("aiopt.it.archetypePluginVersion")
                        + ":generate",
                "-DarchetypeGroupId=dev.aiopt", "-DarchetypeArtifactId=aiopt-experiment-archetype",
                "-DarchetypeVersion=" + property("aiopt.it.archetypeVersion"),
                "-DgroupId=com.example", "-DartifactId=my-experiment", "-Dversion=1.0-SNAPSHOT",
                "-Dpackage=com.example.lookup");
        assertThat(generate.exitValue()).as(log("generate.log")).isZero();

        Path project = WORK.resolve("my-experiment");
        assertThat(project.resolve("src/test/java/com/example/lookup/LookupExperiment.java")).exists();
        assertThat(Files.readString(project.resolve("pom.xml"))).doesNotContain("@").contains("<include>**/*Experiment.java</include>");

        Process test = maven(project, "test.log", "test");
        String output = log("test.log");
        assertThat(test.exitValue()).as(output).isZero();
        assertThat(output).contains("offline replay").contains("BUILD SUCCESS")
                .containsPattern("Tests run: [1-9][0-9]*, Failures: 0, Errors: 0");

        JsonNode run = JSON.readTree(runJson(project.resolve("target/aiopt/LookupExperiment")).toFile());
        List<String> statuses = new ArrayList<>();
        run.get("candidates").forEach(c -> statuses.add(c.get("id").asText() + " " + c.get("status").asText()));
        assertThat(statuses).as("candidates of the generated experiment")
                .anyMatch(s -> s.endsWith(" IMPROVED"))
                .anyMatch(s -> s.endsWith(" VERIFY_FAILED"));
    }

    private static Process maven(Path directory, String logName, String... goals) throws Exception {
        Path mavenHome = Path.of(property("aiopt.it.mavenHome"));
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + property("aiopt.it.repository"),
                "-Dmaven.repo.local.tail=" + tail()));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(logName).toFile());
        Map<String, String> environment = builder.environment();
        // The surrounding build's switches must not reach the user's build.
        environment.keySet().removeIf(name -> name.startsWith("AI_OPT_") || name.startsWith("MAVEN_")
                || name.equals("OPENAI_API_KEY"));
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("mvn " + String.join(" ", goals) + " did not finish in 15 minutes:\n" + log(logName));
        }
        return process;
    }

    // The build's local repository and its own tail, when it has one (an unset one stays "${...}").
    private static String tail() {
        return Arrays.stream(property("aiopt.it.repositoryTail").split(",")).map(String::trim)
                .filter(p -> !p.isEmpty() && !p.contains("${") && Files.isDirectory(Path.of(p)))
                .collect(Collectors.joining(","));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by the failsafe configuration)").isNotBlank();
        return value;
    }

    private static String log(String name) throws IOException {
        return Files.readString(WORK.resolve(name), StandardCharsets.UTF_8);
    }

    private static Path runJson(Path experimentDir) throws IOException {
        try (Stream<Path> files = Files.walk(experimentDir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
            assertThat(found).as("run.json under " + experimentDir).hasSize(1);
            return found.get(0);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
