package dev.aiopt.junit.internal.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture over the compiled main classes (static imports and inlined constants aside, every reference
 * a class file holds): no package cycles, nothing below the extension uses it, and each package uses only what
 * its {@code package-info.java} allows in its "May use:" line. The sources hold no qualified cross-package names.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.aiopt.junit";
    private static final String INTERNAL = ROOT + ".internal.";
    private static final Path SOURCES = Path.of("src/main/java/dev/aiopt/junit");
    private static final Pattern MAY_USE = Pattern.compile("May use:(.*?)\\.(\\s|$)", Pattern.DOTALL);

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** {@code api} for the root package, else the name under {@code internal}. */
    static String shortName(String packageName) {
        if (packageName.equals(ROOT)) {
            return "api";
        }
        if (!packageName.startsWith(INTERNAL)) {
            return null;
        }
        String rest = packageName.substring(INTERNAL.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.aiopt.junit.internal.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingBelowTheExtensionUsesIt() {
        noClasses().that().resideOutsideOfPackages(ROOT, INTERNAL + "extension..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL + "extension..").check(classes);
    }

    @Test
    void everyPackageUsesOnlyWhatItsPackageInfoAllows() throws IOException {
        Map<String, Set<String>> allowed = allowed();
        Map<String, Set<String>> violations = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = shortName(type.getPackageName());
            if (from == null) {
                continue;
            }
            assertThat(allowed).as("package %s has a package-info.java with a 'May use:' line", type.getPackageName())
                    .containsKey(from);
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String to = shortName(dependency.getTargetClass().getPackageName());
                if (to != null && !to.equals(from) && !allowed.get(from).contains(to)) {
                    violations.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                            .add(dependency.getDescription());
                }
            }
        }
        assertThat(violations).as("dependencies no package-info.java allows").isEmpty();
    }

    @Test
    void theRuleSeesADependency() throws IOException {
        // The allowed lists are read, not assumed: config may use nothing, evolution may use config.
        assertThat(allowed().get("config")).isEmpty();
        assertThat(allowed().get("evolution")).contains("config", "evaluation").doesNotContain("extension");
    }

    @Test
    void noQualifiedCrossPackageNamesInCode() throws IOException {
        Pattern qualified = Pattern.compile("\\bdev\\.aiopt\\.junit\\.(internal\\.)?[a-z]+\\.[A-Z]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = withoutComments(Files.readString(file));
                int n = 0;
                for (String line : code.split("\n")) {
                    n++;
                    String trimmed = line.strip();
                    if (!trimmed.startsWith("import ") && !trimmed.startsWith("package ")
                            && qualified.matcher(line).find()) {
                        found.add(file + ":" + n + ": " + trimmed);
                    }
                }
            }
        }
        assertThat(found).as("qualified names that hide an import").isEmpty();
    }

    private static String withoutComments(String source) {
        // Keeps line breaks so that line numbers stay right.
        Matcher m = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL).matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\n]", " ")));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, Set<String>> allowed() throws IOException {
        Map<String, Set<String>> allowed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path info : files.filter(f -> f.getFileName().toString().equals("package-info.java")).toList()) {
                String text = Files.readString(info);
                Matcher packageLine = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(text);
                Matcher mayUse = MAY_USE.matcher(text);
                if (!packageLine.find() || !mayUse.find()) {
                    continue;
                }
                Set<String> names = new TreeSet<>();
                String list = mayUse.group(1).replaceAll("\\(.*?\\)", "").replace("*", " ");
                for (String name : list.split(",")) {
                    String n = name.replaceAll("\\{@code|}", "").strip();
                    if (!n.isEmpty() && !n.equals("nothing")) {
                        names.add(n);
                    }
                }
                allowed.put(shortName(packageLine.group(1)), names);
            }
        }
        return allowed;
    }
}
