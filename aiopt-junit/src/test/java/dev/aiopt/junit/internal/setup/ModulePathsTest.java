package dev.aiopt.junit.internal.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ModulePathsTest {
    @Test
    void aTestClassResolvesAgainstItsModuleFoundFromTheClassLocation() {
        ModulePaths paths = ModulePaths.of(ModulePathsTest.class);

        // target/test-classes -> the module: the directory holding this module's pom, whatever the working directory.
        assertThat(paths.base().getFileName().toString()).isEqualTo("aiopt-junit");
        assertThat(paths.base().resolve("pom.xml")).isRegularFile();
        assertThat(Files.isDirectory(paths.base().resolve("target/test-classes"))).isTrue();
        assertThat(paths.resolve("src/test/resources")).isEqualTo(paths.base().resolve("src/test/resources"));
        assertThat(paths.resolve("/abs/./tree")).isEqualTo(Path.of("/abs/tree"));
    }

    @Test
    void theDescriptionNamesTheTriedPathAndTheBase() {
        ModulePaths paths = ModulePaths.of(ModulePathsTest.class);

        assertThat(paths.describe("no/such/tree")).isEqualTo(paths.base().resolve("no/such/tree")
                + " (\"no/such/tree\" resolved against the module directory of ModulePathsTest, " + paths.base() + ")");
        assertThat(paths.describe("/abs/tree")).isEqualTo("/abs/tree");
    }

    @Test
    void aClassFromAJarResolvesAgainstTheWorkingDirectory() {
        ModulePaths paths = ModulePaths.of(Assertions.class);

        assertThat(paths.base()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(paths.describe("tree")).contains("resolved against the working directory (Assertions is not under a"
                + " module's target/test-classes)");
    }
}
